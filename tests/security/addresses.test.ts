/**
 * Rotating the client address to escape the per-address limit. Throttles key on the address that
 * adapter-node reports: the socket's, or behind a proxy the entry of X-Forwarded-For that the proxy
 * itself added (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1: the last one), never what the client
 * wrote; an IPv6 address counts as its /64.
 */
import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client, type Answer } from './http';

const TOO_MANY = 'Too many tries.';
/** Each try is for an account that does not exist, so only the address limit (20) can stop them. */
const guess = (client: Client, i: number) => client.post('/login', { email: `nobody${i}@example.org`, password: 'a guess' });
const firstRefused = (answers: Answer[]) => answers.findIndex((a) => a.text.includes(TOO_MANY));

describe('behind a proxy (ADDRESS_HEADER=x-forwarded-for, XFF_DEPTH=1)', () => {
	const app = useApp({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });

	attack(
		'A spoofed X-Forwarded-For, different on every try, from one real address (the proxy adds the real one last)',
		'the spoofed part is ignored: the real address is refused after its 20 free tries',
		async (observe) => {
			const answers: Answer[] = [];
			for (let i = 0; i < 25; i++) answers.push(await guess(new Client(app().url, `10.${i}.${i}.${i}, 203.0.113.50`), i));
			const at = firstRefused(answers);
			observe(`tries 1 to ${at} were checked; try ${at + 1} and after refused ("too many tries")`);
			expect(at).toBe(20);
			expect(answers.slice(at).every((a) => a.text.includes(TOO_MANY))).toBe(true);
		}
	);

	attack('Fresh IPv6 addresses from one /64 (every phone and home gets a whole /64)', 'counted as one address: refused after 20 free tries', async (observe) => {
		const answers: Answer[] = [];
		for (let i = 0; i < 25; i++) answers.push(await guess(new Client(app().url, `2001:db8:77:88::${(i + 1).toString(16)}`), i));
		const at = firstRefused(answers);
		const neighbour = await guess(new Client(app().url, '2001:db8:77:89::1'), 99);
		observe(`refused from try ${at + 1}; the next /64 was still checked: ${neighbour.text.includes(TOO_MANY) ? 'no' : 'yes'}`);
		expect(at).toBe(20);
		expect(neighbour.text).not.toContain(TOO_MANY);
	});

	attack(
		'A shared address (a school) after a flood of wrong tries',
		'slowed, never blocked for good: the wait is at most 5 minutes, and other addresses are not touched',
		async (observe) => {
			const school = '192.0.2.80';
			let last: Answer | undefined;
			for (let i = 0; i < 40; i++) last = await guess(new Client(app().url, school), i);
			const minutes = Number(last!.text.match(/Please wait (\d+) min/)?.[1]);
			const elsewhere = await new Client(app().url, '192.0.2.81').post('/login', { email: 'parent@example.org', password: 'chorus-demo-2026' });
			observe(`after 40 wrong tries the school waits ${minutes} min; a parent elsewhere signed in: ${elsewhere.status === 303 ? 'yes' : 'no'}`);
			expect(minutes).toBeGreaterThan(0);
			expect(minutes).toBeLessThanOrEqual(5);
			expect(elsewhere.status).toBe(303);
		}
	);
});

describe('served directly (no ADDRESS_HEADER)', () => {
	const app = useApp();

	attack('A spoofed X-Forwarded-For with no proxy configured', 'ignored: the socket address is what counts, refused after 20 free tries', async (observe) => {
		const answers: Answer[] = [];
		for (let i = 0; i < 25; i++) answers.push(await guess(new Client(app().url, `10.9.${i}.1`), i));
		const at = firstRefused(answers);
		observe(`refused from try ${at + 1}, whatever the header said`);
		expect(at).toBe(20);
	});
});
