/**
 * Guessing a way in: passwords, picture passcodes, one-time codes, the current password on the
 * account page. The server reads the client address from X-Forwarded-For (as behind a proxy), so
 * each guess below can come from its own address: what stops them is the limit on the account,
 * card or code itself, counted before each guess is checked.
 */
import { describe, expect } from 'vitest';
import { DEMO_CARD_CODE, DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client, type Answer } from './http';
import { ADMIN, ORGANISER, PARENT, SAFEGUARDING_LEAD, demoCode, freshCode, openDatabase, signIn, userId } from './people';

const WRONG_PICTURES = 'Those pictures were not right.';
const LOCKED = 'Your card is locked';
const NOT_RIGHT = 'The email or password is not right.';
const TOO_MANY = 'Too many tries.';
const WRONG_CODE = 'That code is not right.';

const count = (answers: Answer[], text: string) => answers.filter((a) => a.text.includes(text)).length;
/** A different address for each of many tries (a botnet, or a proxy-hopping attacker). */
const address = (i: number) => `198.51.${100 + (i >> 8)}.${i & 255}`;

describe('guessing sign-ins', () => {
	const app = useApp({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }, secrets: [DEMO_CARD_CODE] });
	const client = (i = 0) => new Client(app().url, address(i));

	attack(
		'300 wrong picture passcodes for one card at once, each from its own address',
		'at most 10 are checked, the rest refused unchecked; then even the right pictures are refused until a supporter resets the card',
		async (observe) => {
			const answers = await Promise.all(
				Array.from({ length: 300 }, (_, i) =>
					client(i).post('/young-people/sign-in?/pick', { code: DEMO_CARD_CODE, stage: 'passcode', picked: ['cat', 'pizza'], pick: 'dog' })
				)
			);
			const checked = count(answers, WRONG_PICTURES);
			const locked = count(answers, LOCKED);
			const right = await client(999).post('/young-people/sign-in?/pick', { code: DEMO_CARD_CODE, stage: 'passcode', picked: ['cat', 'pizza'], pick: 'football' });
			const db = openDatabase(app().databasePath);
			const audited = db
				.prepare(`select count(*) as n from audit_entry where action = 'person.sign_in_failed' and subject_id = ? and details like '%wrong_passcode%'`)
				.get(String(userId(db, 'Alex'))) as { n: number };
			db.close();
			observe(`${checked} checked (${audited.n} wrong passcodes in the audit log), ${locked} refused as locked; the right pictures: ${right.text.includes(LOCKED) ? 'refused, card locked' : `status ${right.status}`}`);
			expect(checked).toBeLessThanOrEqual(10);
			expect(audited.n).toBe(checked);
			expect(checked + locked).toBe(300);
			expect(right.text).toContain(LOCKED);
			expect(right.headers.getSetCookie().some((c) => c.startsWith('chorus_session='))).toBe(false);
		}
	);

	attack(
		'300 wrong passwords for one account at once, each from its own address',
		'at most 5 are checked, the rest refused unchecked ("too many tries"); the right password waits too',
		async (observe) => {
			const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => client(i).post('/login', { email: PARENT, password: `guess number ${i}` })));
			const checked = count(answers, NOT_RIGHT);
			const refused = count(answers, TOO_MANY);
			const right = await client(1000).post('/login', { email: PARENT, password: DEMO_PASSWORD });
			observe(`${checked} checked, ${refused} refused without checking; the right password: ${right.text.includes(TOO_MANY) ? 'refused (wait)' : `status ${right.status}`}`);
			expect(checked).toBeLessThanOrEqual(5);
			expect(checked + refused).toBe(300);
			expect(right.status).not.toBe(303);
		}
	);

	attack('An admin\'s right password without the one-time code', 'no session: the code page comes next, and admin pages still ask to sign in', async (observe) => {
		const c = client(2000);
		const answer = await c.post('/login', { email: ADMIN, password: DEMO_PASSWORD });
		const people = await c.get('/admin/people');
		observe(`sign-in answered ${answer.status} to ${answer.location}; session cookie: ${c.cookie('chorus_session') ? 'yes' : 'none'}; /admin/people answered ${people.status} to ${people.location}`);
		expect(answer.location).toMatch(/^\/login\/code/);
		expect(c.cookie('chorus_session')).toBeUndefined();
		expect(people.location).toMatch(/^\/login\?next=/);
	});

	attack('300 guesses of an admin\'s one-time code at once, each from its own address', 'at most 5 are checked; then even the right code waits', async (observe) => {
		const c = client(3000);
		await c.post('/login', { email: SAFEGUARDING_LEAD, password: DEMO_PASSWORD });
		const challenge = c.cookie('chorus_sign_in')!;
		const answers = await Promise.all(
			Array.from({ length: 300 }, (_, i) => {
				const guesser = client(3001 + i);
				guesser.setCookie('chorus_sign_in', challenge);
				return guesser.post('/login/code', { code: String(100000 + i * 7) });
			})
		);
		const checked = count(answers, WRONG_CODE);
		const refused = count(answers, TOO_MANY);
		const right = await c.post('/login/code', { code: await freshCode(SAFEGUARDING_LEAD) });
		observe(`${checked} checked, ${refused} refused without checking; the right code: ${right.text.includes(TOO_MANY) ? 'refused (wait)' : `status ${right.status}`}`);
		expect(checked).toBeLessThanOrEqual(5);
		expect(checked + refused).toBe(300);
		expect(right.status).not.toBe(303);
		expect(c.cookie('chorus_session')).toBeUndefined();
	});

	attack('Replaying a one-time code that was just used (seen over a shoulder)', 'refused: each code is good once', async (observe) => {
		const first = client(4000);
		await first.post('/login', { email: ADMIN, password: DEMO_PASSWORD });
		const code = await freshCode(ADMIN);
		const used = await first.post('/login/code', { code });
		const thief = client(4001);
		await thief.post('/login', { email: ADMIN, password: DEMO_PASSWORD });
		const replay = await thief.post('/login/code', { code });
		observe(`first use answered ${used.status}; the replay answered ${replay.status}${replay.text.includes(WRONG_CODE) ? ' ("That code is not right")' : ''}, session: ${thief.cookie('chorus_session') ? 'yes' : 'none'}`);
		expect(used.status).toBe(303);
		expect(replay.status).toBe(400);
		expect(thief.cookie('chorus_session')).toBeUndefined();
	});

	attack('The code page without a right password first (a made-up sign-in cookie)', 'sent back to sign in; nothing checked', async (observe) => {
		const c = client(5000);
		c.setCookie('chorus_sign_in', 'made-up-token');
		const page = await c.get('/login/code');
		const post = await c.post('/login/code', { code: demoCode(Math.floor(Date.now() / 30_000)) });
		observe(`GET answered ${page.status} to ${page.location}; POST answered ${post.status} to ${post.location}`);
		expect(page.location).toBe('/login?done=expired');
		expect(post.location).toBe('/login?done=expired');
		expect(c.cookie('chorus_session')).toBeUndefined();
	});

	attack('Sessions of the roles that see the most', 'an admin session ends after 30 minutes idle and 12 hours in all; an organiser\'s lasts 7 days idle', async (observe) => {
		const admin = client(6000);
		await signIn(admin, ADMIN);
		const parent = client(6001);
		await signIn(parent, ORGANISER);
		const db = openDatabase(app().databasePath);
		const rows = db.prepare('select s.expires_at - s.created_at as idle, s.absolute_expires_at - s.created_at as total, u.email from session s join user u on u.id = s.user_id where u.email in (?, ?) order by s.created_at desc').all(ADMIN, ORGANISER) as { idle: number; total: number; email: string }[];
		db.close();
		const adminRow = rows.find((r) => r.email === ADMIN)!;
		const parentRow = rows.find((r) => r.email === ORGANISER)!;
		observe(`admin: ${adminRow.idle / 60_000} min idle, ${adminRow.total / 3_600_000} h in all; organiser: ${parentRow.idle / 86_400_000} days idle, ${parentRow.total / 86_400_000} days in all`);
		expect(adminRow.idle).toBe(30 * 60_000);
		expect(adminRow.total).toBe(12 * 3_600_000);
		expect(parentRow.idle).toBe(7 * 86_400_000);
	});

	attack('Choosing one of the most common passwords ("1q2w3e4r5t") on the account page', 'refused with a plain message; the old password still works', async (observe) => {
		const c = client(7000);
		await signIn(c, 'board@example.org');
		const answer = await c.post('/account', { currentPassword: DEMO_PASSWORD, password: '1q2w3e4r5t', confirm: '1q2w3e4r5t' });
		observe(`status ${answer.status}; message shown: ${answer.text.includes('one of the most used') ? 'yes' : 'no'}`);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('That password is one of the most used, so it is easy to guess.');
		await signIn(client(7001), 'board@example.org');
	});

	attack('50 guesses of the current password at once from a signed-in browser left open', 'at most 5 are checked, the rest refused unchecked', async (observe) => {
		const c = client(8000);
		await signIn(c, 'service.lead@example.org');
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) => c.post('/account', { currentPassword: `guess ${i}`, password: 'a new long password', confirm: 'a new long password' }))
		);
		const checked = count(answers, 'Your current password is not right');
		const refused = count(answers, TOO_MANY);
		observe(`${checked} checked, ${refused} refused without checking`);
		expect(checked).toBeLessThanOrEqual(5);
		expect(checked + refused).toBe(50);
	});

	attack('A stolen copy of the database, used to sign in', 'it holds no usable secret: two-step secrets encrypted with a key kept outside it, codes, tokens and passwords only as hashes', async (observe) => {
		const db = openDatabase(app().databasePath);
		const secrets = (db.prepare('select secret from two_step').all() as { secret: string }[]).map((r) => r.secret);
		const recovery = (db.prepare('select code_hash from recovery_code').all() as { code_hash: string }[]).map((r) => r.code_hash);
		const sessions = (db.prepare('select id from session').all() as { id: string }[]).map((r) => r.id);
		const passwords = (db.prepare('select password_hash from user where password_hash is not null').all() as { password_hash: string }[]).map((r) => r.password_hash);
		db.close();
		const plainSecret = secrets.filter((s) => s.includes('CHORUSDEMO'));
		observe(`${secrets.length} two-step secrets, all AES-GCM ("v1."): ${secrets.every((s) => s.startsWith('v1.'))}, any in the clear: ${plainSecret.length}; ${recovery.length} recovery codes and ${sessions.length} sessions as SHA-256; ${passwords.length} passwords as argon2id`);
		expect(secrets.length).toBeGreaterThanOrEqual(2);
		expect(secrets.every((s) => s.startsWith('v1.'))).toBe(true);
		expect(plainSecret).toEqual([]);
		expect([...recovery, ...sessions].every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
		expect(passwords.every((h) => h.startsWith('$argon2id$'))).toBe(true);
	});
});
