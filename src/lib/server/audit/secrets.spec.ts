/**
 * No secrets in logs (issue 8): the sensitive flows run through the real services while
 * everything written to the console and to the app's JSON log (issue 20) is captured (the console
 * spied on, still printed), then the captured output and every audit entry are searched for each
 * secret the flows handled. None may appear.
 */
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { formatCode } from '$lib/features/profiles/model';
import type { Db } from '../db';
import { auditEntry } from '../db/schema';
import { addPerson, surveyDetails, testDb } from '../testing';
import type { Actor } from '../permissions';
import { hashPassword } from '../auth/password';
import * as accounts from '../accounts';
import { deliverPasswordLink } from '../accounts';
import * as profiles from '../profiles';
import * as surveys from '../surveys';
import * as feedback from '../board';
import * as safeguarding from '../safeguarding';
import { makeLogger, replaceLogger } from '../operations';
import { Writable } from 'node:stream';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
const spies: MockInstance[] = [];
const secrets: Record<string, string> = {};
let db: Db;

/** A local port nobody listens on: mail to it fails at once, as when the mail server is down. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return typeof address === 'object' && address ? address.port : 9;
}

/** What the app's JSON log (operations) wrote while the flows ran, at every level. */
const logged: string[] = [];

beforeAll(async () => {
	for (const method of METHODS) spies.push(vi.spyOn(console, method));
	replaceLogger(makeLogger(new Writable({ write: (chunk, _encoding, done) => (logged.push(String(chunk)), done()) }), 'trace'));
	db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const supporter = addPerson(db, ['supporter']);
	const address = '203.0.113.77';

	// Email and password: right, wrong, unknown account
	secrets.password = 'Correct-Horse-Battery-4471';
	secrets.wrongPassword = 'Wrong-Guess-Password-8812';
	secrets.strangerPassword = 'Stranger-Typed-This-5530';
	secrets.strangerEmail = 'not.an.account.3319@example.org';
	const parent = addPerson(db, ['parent_carer'], { email: 'secret.parent@example.org', passwordHash: await hashPassword(secrets.password) });
	const signedIn = await accounts.signIn(db, { email: parent.email, password: secrets.password, address });
	if (!signedIn.ok) throw new Error('expected to sign in');
	secrets.sessionToken = signedIn.token;
	await accounts.signIn(db, { email: parent.email, password: secrets.wrongPassword, address });
	await accounts.signIn(db, { email: secrets.strangerEmail, password: secrets.strangerPassword, address });

	// Setting a password from a link, with the email of the link failing (the error is logged)
	const invited = accounts.invite(db, admin, { email: 'secret.invitee@example.org', name: 'Ina Invitee', roles: ['parent_carer'] });
	secrets.inviteToken = invited.token;
	const mail = { host: process.env.SMTP_HOST, port: process.env.SMTP_PORT };
	process.env.SMTP_HOST = '127.0.0.1';
	process.env.SMTP_PORT = String(await closedPort());
	try {
		const shown = await deliverPasswordLink('https://chorus.example', invited.token, { name: 'Ina Invitee', email: 'secret.invitee@example.org' }, 'invite');
		expect(shown.emailed).toBe(false);
	} finally {
		if (mail.host === undefined) delete process.env.SMTP_HOST;
		else process.env.SMTP_HOST = mail.host;
		if (mail.port === undefined) delete process.env.SMTP_PORT;
		else process.env.SMTP_PORT = mail.port;
	}
	secrets.newPassword = 'Brand-New-Password-6604';
	await accounts.setPasswordWithToken(db, invited.token, secrets.newPassword);
	const reset = accounts.issuePasswordLink(db, admin, invited.userId);
	secrets.resetToken = reset;
	await accounts.setPasswordWithToken(db, 'not-a-real-token-but-typed-9921', 'Another-Password-7718').catch(() => undefined);
	secrets.typedToken = 'not-a-real-token-but-typed-9921';

	// A young person's card: code and pictures, right and wrong
	const young = profiles.createYoungPerson(db, supporter, { name: 'Kai' });
	secrets.cardCode = young.code;
	secrets.cardCodeFormatted = formatCode(young.code);
	const picks = ['ice-cream', 'car', 'flowers'];
	secrets.passcode = picks.join(' ');
	secrets.passcodeCommas = picks.join(',');
	secrets.passcodeJson = JSON.stringify(picks);
	expect(await profiles.choosePasscode(db, { code: formatCode(young.code), picks, address })).toMatchObject({ ok: true });
	expect(await profiles.signInWithPasscode(db, { code: young.code, picks, address })).toMatchObject({ ok: true });
	const wrongPicks = ['flowers', 'car', 'ice-cream'];
	secrets.wrongPasscode = wrongPicks.join(' ');
	expect(await profiles.signInWithPasscode(db, { code: young.code, picks: wrongPicks, address })).toEqual({ ok: false, reason: 'invalid' });
	secrets.wrongCode = 'QQQQ-QQQQ';
	profiles.checkCard(db, { code: secrets.wrongCode, address });

	// A share link, made and opened, then stopped
	const youngActor: Actor = { id: young.id, roles: ['young_person'] };
	const share = profiles.createShareLink(db, youngActor, young.id, { label: 'For my new teacher' });
	secrets.shareToken = share.token;
	profiles.openSharedProfile(db, share.token);
	profiles.revokeShareLink(db, youngActor, young.id, share.id);
	// a profile item in their own words
	secrets.profileWords = 'Nobody knows I hide under the stairs 4417';
	profiles.addItem(db, youngActor, young.id, 'important', { words: secrets.profileWords });

	// Survey free text, anonymous and named, with the resume token and receipt code
	for (const anonymous of [true, false]) {
		const id = surveys.create(db, organiser, surveyDetails({ title: `Survey ${anonymous}`, audience: 'parent_carers', anonymous }));
		const q = surveys.addQuestion(db, organiser, id, 'long_text', 'Anything else?');
		surveys.publish(db, organiser, id);
		const { token, receipt } = surveys.start(db, parent, id, 'en');
		secrets[`resumeToken${anonymous}`] = token;
		secrets[`receipt${anonymous}`] = receipt;
		secrets[`surveyText${anonymous}`] = `My child is scared of the bus driver, number ${anonymous ? 5519 : 5520}`;
		surveys.saveAnswer(db, parent, id, token, q, [], secrets[`surveyText${anonymous}`]);
		surveys.submit(db, parent, id, token);
		surveys.exportRows(db, organiser, id);
	}

	// Feedback with contact details, and a worry sent to the safeguarding team
	secrets.feedbackText = 'The waiting list letter never came, case 6671';
	secrets.contactEmail = 'fiona.feedback.6672@example.org';
	secrets.contactPhone = '07700 900673';
	secrets.contactName = 'Fiona Feedbackgiver';
	feedback.send(
		db,
		{ whatHappened: secrets.feedbackText, serviceId: null, contactName: secrets.contactName, contactEmail: secrets.contactEmail, contactPhone: secrets.contactPhone, consentToContact: true, aboutWho: 'parent_carer' },
		address
	);
	secrets.worry = 'My neighbour says he will end it all, flat 6674';
	safeguarding.tell(db, parent, secrets.worry);
}, 60_000);

afterAll(() => {
	for (const spy of spies) spy.mockRestore();
	replaceLogger(undefined);
});

/** Everything written to the console while the flows ran, errors with their messages and stacks. */
function captured(): string {
	const consoled = spies.flatMap((spy) => spy.mock.calls.map((args) => args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 5 }))).join(' ')));
	return [...consoled, ...logged].join('\n');
}

describe('no secrets in logs', () => {
	it('ran the flows: the audit log has their entries and the console has the failed email', () => {
		const actions = db.select({ action: auditEntry.action }).from(auditEntry).all().map((e) => e.action);
		for (const action of ['person.signed_in', 'person.sign_in_failed', 'person.password_set', 'profile.share_link_created', 'profile.share_link_revoked', 'survey.exported', 'safeguarding.message_sent']) {
			expect(actions).toContain(action);
		}
		expect(captured()).toContain('could not email the set-password link');
		expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(25);
	});

	it('finds none of the secrets in what was written to the console', () => {
		const output = captured().toLowerCase();
		const found = Object.entries(secrets).filter(([, secret]) => output.includes(secret.toLowerCase()));
		expect(found.map(([name]) => name)).toEqual([]);
	});

	it('finds none of the secrets in any audit entry', () => {
		const log = JSON.stringify(db.select().from(auditEntry).all()).toLowerCase();
		const found = Object.entries(secrets).filter(([, secret]) => log.includes(secret.toLowerCase()));
		expect(found.map(([name]) => name)).toEqual([]);
	});
});
