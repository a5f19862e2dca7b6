/**
 * The operations endpoints (decision 0051): GET /metrics only for the holder of
 * CHORUS_METRICS_TOKEN, figures labelled by route id (never an address asked for); GET /readyz and
 * /healthz with no personal data; and a log that never holds what people typed.
 */
import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';
import { signIn, ORGANISER } from './people';

const TOKEN = 'metrics-token-for-the-security-suite-0123456789';
const TYPED = 'Confidential words about my child, typed into feedback';
const CONTACT = 'worried.parent.contact@example.net';

describe('a site with CHORUS_METRICS_TOKEN set', () => {
	const app = useApp({ env: { CHORUS_METRICS_TOKEN: TOKEN, LOG_LEVEL: 'debug' }, secrets: [TYPED, CONTACT, TOKEN] });

	attack('Reading /metrics without a token, with a wrong one, one of another length, or as Basic', '401 every time, no figures', async (observe) => {
		const client = new Client(app().url);
		const tries: Record<string, string> = {
			none: '',
			wrong: `Bearer ${TOKEN.slice(0, -1)}X`,
			short: `Bearer ${TOKEN.slice(0, 8)}`,
			long: `Bearer ${TOKEN}0`,
			basic: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
			'token without scheme': TOKEN
		};
		const seen: string[] = [];
		for (const [name, header] of Object.entries(tries)) {
			const answer = await client.get('/metrics', header ? { authorization: header } : {});
			seen.push(`${name} ${answer.status}`);
			expect(answer.status, name).toBe(401);
			expect(answer.text).not.toContain('chorus_');
		}
		observe(seen.join(', '));
	});

	attack('Looking for personal data or addresses in the figures after a sign-in, feedback and a visit to a secret-looking address', 'figures by route id only: no address, token, email or typed words', async (observe) => {
		const client = new Client(app().url);
		await signIn(client, ORGANISER);
		const sent = await client.fresh().post('/feedback', { whatHappened: TYPED, contactEmail: CONTACT, consentToContact: 'on', service: '', aboutWho: '' });
		expect(sent.status).toBe(303);
		await client.get('/surveys/1/answer/SECRETRESUMETOKEN12345/1');
		await client.get('/unsubscribe?key=SECRETUNSUBSCRIBEKEY9876');
		const answer = await client.get('/metrics', { authorization: `Bearer ${TOKEN}` });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toContain('text/plain');
		const leaks = [ORGANISER, CONTACT, TYPED, 'SECRETRESUMETOKEN12345', 'SECRETUNSUBSCRIBEKEY9876', DEMO_PASSWORD, '@'].filter((s) => answer.text.includes(s));
		observe(`200; ${answer.text.split('\n').length} lines; route ids seen: ${[...new Set([...answer.text.matchAll(/route="([^"]+)"/g)].map((m) => m[1]))].length}; leaks: ${leaks.length ? leaks.join(', ') : 'none'}`);
		expect(leaks).toEqual([]);
		expect(answer.text).toContain('route="/surveys/[surveyId]/answer/[token]/[step]"');
		expect(answer.text).toMatch(/^chorus_feedback_total 1$/m);
		expect(answer.text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
	});

	attack('Reading /readyz and /healthz without signing in, after personal data was sent', 'JSON with checks in fixed words and numbers: no names, emails or typed words', async (observe) => {
		const client = new Client(app().url);
		const ready = await client.get('/readyz');
		const health = await client.get('/healthz');
		const body = JSON.parse(ready.text) as { status: string; checks: Record<string, { ok: boolean; state: string }> };
		observe(`/readyz ${ready.status} ${body.status} (${Object.keys(body.checks).join(', ')}); /healthz ${health.status}`);
		expect(ready.status).toBe(200);
		expect(body.status).toBe('ready');
		expect(Object.keys(body.checks)).toEqual(['database', 'write', 'replication', 'outbox', 'disk']);
		for (const check of Object.values(body.checks)) expect(check.state).toMatch(/^[a-z0-9 ,:]+$/i);
		expect(ready.text).not.toContain('@');
		expect(health.status).toBe(200);
		expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
	});

	attack('Reading the server\'s log after sign-ins, feedback with an address and secret-looking addresses', 'JSON lines with route ids; no email, password, token or typed words (the harness also fails the file)', async (observe) => {
		const lines = app()
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'));
		const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
		observe(`${lines.length} JSON lines, ${requests.length} request lines; fields ${Object.keys(requests[0] ?? {}).join(', ')}`);
		expect(requests.length).toBeGreaterThan(5);
		for (const line of requests) {
			expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'reqId', 'route', 'status', 'time']);
			expect(line.route === null || String(line.route).startsWith('/')).toBe(true);
		}
		const output = app().output();
		for (const secret of [TYPED, CONTACT, TOKEN, 'SECRETRESUMETOKEN12345', 'SECRETUNSUBSCRIBEKEY9876', DEMO_PASSWORD, ORGANISER]) expect(output).not.toContain(secret);
	});
});

describe('a site without CHORUS_METRICS_TOKEN', () => {
	const app = useApp();

	attack('Reading /metrics on a site that set no token, with any bearer token', '404: the page does not exist', async (observe) => {
		const client = new Client(app().url);
		const none = await client.get('/metrics');
		const guessed = await client.get('/metrics', { authorization: 'Bearer undefined' });
		const empty = await client.get('/metrics', { authorization: 'Bearer ' });
		observe(`${none.status}, ${guessed.status}, ${empty.status}`);
		expect([none.status, guessed.status, empty.status]).toEqual([404, 404, 404]);
		expect(none.text).not.toContain('chorus_');
	});
});
