/**
 * Email subscriptions, black-box against the built app with a real SMTP server (issue 16,
 * point 2). A subscriber has no account: the HMAC in their links is the only key, so these attacks
 * go at the links, at the one address that takes a post with no Origin (the mail program's
 * one-click unsubscribe), at someone else's inbox, and at learning who subscribes.
 */
import { beforeAll, afterAll, describe, expect } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/lib/server/outbox/testing';
import { attack, useApp } from './harness';
import { Client } from './http';

const HTML = { accept: 'text/html' };
const subscribeForm = (email: string, topics = ['board']) => ({ email, topics, language: 'en', frequency: 'immediately', website: '' });

describe('email subscriptions', () => {
	let sink: SmtpSink;
	const options = { env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', CHORUS_OUTBOX_EVERY_MS: '200' } as Record<string, string> };
	// the SMTP server first: the app is started with its address
	beforeAll(async () => {
		sink = await startSmtpSink();
		Object.assign(options.env, sink.env);
	});
	afterAll(() => sink?.close());
	const app = useApp(options);

	/** Subscribes `email` and returns its link's key from the confirmation email the app sent. */
	async function subscribed(email: string, from: string): Promise<{ s: string; t: string }> {
		const answer = await new Client(app().url, from).post('/subscribe?/subscribe', subscribeForm(email), HTML);
		expect(answer.status).toBe(303);
		const mail = await sink.find((m) => JSON.stringify(m.to).includes(email) && m.subject === 'Confirm your emails from Chorus');
		const [, s, t] = (mail.text ?? '').match(/\/subscribe\/confirm\?s=(\d+)&t=([A-Za-z0-9_-]{32})/)!;
		return { s, t };
	}

	attack(
		'Open, change or stop someone else’s emails by guessing or altering their link',
		'a link whose key is altered, or another subscriber’s key on this id, opens nothing: no address shown, nothing changed; the real link still works',
		async (observe) => {
			const victim = await subscribed('victim.one@example.org', '192.0.2.81');
			const attacker = await subscribed('attacker.one@example.org', '198.51.100.81');
			const client = new Client(app().url, '198.51.100.82');
			const altered = `${victim.t.slice(0, -1)}${victim.t.endsWith('A') ? 'B' : 'A'}`;
			const tries = [`s=${victim.s}&t=${altered}`, `s=${victim.s}&t=${attacker.t}`, `s=${victim.s}`, `s=${victim.s}&t=${'A'.repeat(32)}`];
			const seen: string[] = [];
			for (const q of tries) {
				const manage = await client.get(`/subscriptions?${q}`);
				seen.push(manage.text.includes('victim.one@example.org') ? 'address shown' : manage.text.includes('This link does not work.') ? 'does not work' : `other ${manage.status}`);
				// the one-click unsubscribe, as a mail provider would post it (no Origin)
				const stop = await fetch(`${app().url}/unsubscribe?${q}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: 'List-Unsubscribe=One-Click', redirect: 'manual' });
				await stop.text();
			}
			const real = await client.get(`/subscriptions?s=${victim.s}&t=${victim.t}`);
			observe(`altered links: ${[...new Set(seen)].join(', ')}; the victim's real link afterwards: ${real.text.includes('victim.one@example.org') ? 'still works' : 'broken'}`);
			expect(seen.every((s) => s === 'does not work')).toBe(true);
			expect(real.text).toContain('victim.one@example.org');
		}
	);

	attack(
		'A form post with no Origin to a subscription page other than the one-click unsubscribe',
		'refused with 403 (only /unsubscribe takes a post with no Origin, and it needs the link’s key)',
		async (observe) => {
			const post = (path: string, body: string) =>
				fetch(app().url + path, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
			const subscribe = await post('/subscribe?/subscribe', 'email=forged%40example.org&topics=board');
			const manage = await post('/subscriptions?/save&s=1&t=x', 'topics=board');
			const confirm = await post('/subscribe/confirm?s=1&t=x', '');
			observe(`subscribe ${subscribe.status}, manage ${manage.status}, confirm ${confirm.status}`);
			expect([subscribe.status, manage.status, confirm.status]).toEqual([403, 403, 403]);
		}
	);

	attack(
		'Flood someone’s inbox by typing their address into the subscribe form again and again, from many addresses',
		'at most 3 confirmation emails a day reach the address; each request still says "check your email"',
		async (observe) => {
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) {
				const answer = await new Client(app().url, `203.0.113.${10 + i}`).post('/subscribe?/subscribe', subscribeForm('flooded@example.org'), HTML);
				statuses.push(answer.status);
			}
			await sink.quiet(800);
			const arrived = sink.received.filter((m) => JSON.stringify(m.to).includes('flooded@example.org')).length;
			observe(`answers ${[...new Set(statuses)].join(', ')}; confirmation emails that arrived: ${arrived}`);
			expect(statuses.every((s) => s === 303)).toBe(true);
			expect(arrived).toBe(3);
		}
	);

	attack(
		'Learn whether an address gets emails, from the subscribe and "send me a link" forms',
		'the same answer for an address that subscribes and one that does not',
		async (observe) => {
			await subscribed('known.reader@example.org', '192.0.2.91');
			const ask = (path: string, email: string, from: string) => new Client(app().url, from).post(path, { ...subscribeForm(email), email }, HTML);
			const known = [await ask('/subscribe?/subscribe', 'known.reader@example.org', '192.0.2.92'), await ask('/subscribe?/link', 'known.reader@example.org', '192.0.2.93')];
			const unknown = [await ask('/subscribe?/subscribe', 'nobody.here@example.org', '192.0.2.94'), await ask('/subscribe?/link', 'nobody.here@example.org', '192.0.2.95')];
			const shape = (a: { status: number; location: string | null }) => `${a.status} ${a.location}`;
			observe(`known: ${known.map(shape).join(' / ')}; unknown: ${unknown.map(shape).join(' / ')}`);
			expect(known.map(shape)).toEqual(unknown.map(shape));
		}
	);
});
