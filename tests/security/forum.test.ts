/**
 * The forum's membership pages, black-box against the built app with a real SMTP server (issue 18,
 * point 2). A member who joined by email has no account: their address's link (0050's HMAC) is
 * the only key, so these attacks go at the links, at reusing one after leaving, and at changing
 * someone's membership from the join form.
 */
import { beforeAll, afterAll, describe, expect } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/lib/server/outbox/testing';
import { attack, useApp } from './harness';
import { Client } from './http';

const HTML = { accept: 'text/html' };
const joinForm = (email: string, counted: boolean) => ({ email, ...(counted ? { counted: 'on' } : {}), need_area: 'sensory_physical', phase: '', support: '', area: '', ethnicity: '', language: '', website: '' });

describe('forum membership', () => {
	let sink: SmtpSink;
	const options = { env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', CHORUS_OUTBOX_EVERY_MS: '200' } as Record<string, string> };
	beforeAll(async () => {
		sink = await startSmtpSink();
		Object.assign(options.env, sink.env);
	});
	afterAll(() => sink?.close());
	const app = useApp(options);

	/** Joins with `email` (counted), confirms from the email the app sent, and returns the link's key. */
	async function member(email: string, from: string): Promise<string> {
		const client = new Client(app().url, from);
		expect((await client.post('/forum/join?/join', joinForm(email, true), HTML)).status).toBe(303);
		const mail = await sink.find((m) => JSON.stringify(m.to).includes(email) && m.subject === 'Confirm that you want to join the parent carer forum');
		const [, q] = (mail.text ?? '').match(/\/forum\/confirm\?(s=\d+&t=[A-Za-z0-9_-]{32})/)!;
		expect((await client.post(`/forum/confirm?${q}`, {}, HTML)).status).toBe(200);
		return q;
	}
	const shows = (text: string, email: string) => (text.includes(email) ? 'membership shown' : text.includes('This link does not work.') ? 'does not work' : 'other');

	attack(
		'Read, change or end someone else’s forum membership by guessing or altering their link',
		'an altered or made-up key opens nothing and changes nothing; the real link still shows the membership as it was',
		async (observe) => {
			const victim = await member('forum.victim@example.org', '192.0.2.91');
			const client = new Client(app().url, '198.51.100.91');
			const [s, t] = victim.split('&').map((p) => p.split('=')[1]);
			const altered = `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
			const seen: string[] = [];
			for (const q of [`s=${s}&t=${altered}`, `s=${s}&t=${'A'.repeat(32)}`, `s=${s}`]) {
				seen.push(shows((await client.get(`/forum/membership?${q}`)).text, 'forum.victim@example.org'));
				await client.post(`/forum/membership?/save&${q}`, { need_area: 'cognition_learning' }, HTML);
				await client.post(`/forum/membership?/leave&${q}`, {}, HTML);
			}
			const real = await client.get(`/forum/membership?${victim}`);
			observe(`altered links: ${[...new Set(seen)].join(', ')}; the real link afterwards: ${shows(real.text, 'forum.victim@example.org')}, counted ${real.text.includes('name="counted" checked') ? 'still' : 'no longer'}`);
			expect(seen.every((x) => x === 'does not work')).toBe(true);
			expect(real.text).toContain('forum.victim@example.org');
			expect(real.text).toMatch(/<option value="sensory_physical"[^>]*selected/);
		}
	);

	attack(
		'Reuse a member’s link after they left the forum',
		'the link opens no membership, and posting to it neither changes nor brings back anything',
		async (observe) => {
			const link = await member('forum.leaver@example.org', '192.0.2.92');
			const client = new Client(app().url, '192.0.2.92');
			const left = await client.post(`/forum/membership?/leave&${link}`, {}, HTML);
			const again = await client.post(`/forum/membership?/leave&${link}`, {}, HTML);
			const save = await client.post(`/forum/membership?/save&${link}`, { counted: 'on', need_area: 'cognition_learning' }, HTML);
			const page = await client.get(`/forum/membership?${link}`);
			observe(`leave ${left.status}; leave again ${again.status}; save ${save.status}; the page afterwards: ${shows(page.text, 'forum.leaver@example.org')}`);
			expect(left.status).toBe(303);
			expect(again.status).toBe(404);
			expect(save.status).toBe(404);
			expect(page.text).not.toContain('forum.leaver@example.org');
		}
	);

	attack(
		'Change someone’s membership (withdraw their consent) by typing their address into the join form',
		'the form answers "check your email" as always; the member only gets their own link, and their consent stays',
		async (observe) => {
			const link = await member('forum.target@example.org', '192.0.2.93');
			const attacker = new Client(app().url, '198.51.100.93');
			const answer = await attacker.post('/forum/join?/join', joinForm('forum.target@example.org', false), HTML);
			const manage = await sink.find((m) => JSON.stringify(m.to).includes('forum.target@example.org') && m.subject === 'Your parent carer forum membership');
			const page = await new Client(app().url, '192.0.2.93').get(`/forum/membership?${link}`);
			const counted = /name="counted"[^>]*checked/.test(page.text);
			observe(`join form: ${answer.status} to ${answer.location}; the member was emailed "${manage.subject ?? ''}" and is ${counted ? 'still' : 'no longer'} counted`);
			expect(answer.status).toBe(303);
			expect(counted).toBe(true);
		}
	);
});
