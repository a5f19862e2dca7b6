import { describe, expect, it } from 'vitest';
import { service, user } from '../db/schema';
import * as accounts from '../accounts';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import * as twoStep from '../accounts';
import { DEMO_TOTP_SECRET } from '../accounts';
import { stepAt, totpCode } from '../auth/totp';
import { DEMO_PASSWORD, DEMO_PEOPLE, demoPresent, isEmpty, seedDemo } from '.';
import { testDb } from '../testing';
import * as boardFeature from '../board';
import * as content from '../content';
import * as meetings from '../meetings';
import { ARABIC_ITEM, seedTranslationsDemo } from './translations';

describe('demo data', () => {
	it('adds the demo people and services across all three sectors, and adds nothing the second time', async () => {
		const db = testDb();
		expect(isEmpty(db)).toBe(true);
		expect(await seedDemo(db)).toEqual({ people: DEMO_PEOPLE.length, services: 6, boardItems: 20, feedback: 4, forumMembers: 150, forumRepresentatives: 5 });
		expect(await seedDemo(db)).toEqual({ people: 0, services: 0, boardItems: 0, feedback: 0 });
		expect(isEmpty(db)).toBe(false);
		// the demo accounts with passwords, plus the young people (Alex and eleven more), who have no email
		expect(db.select().from(user).all().filter((u) => u.email !== null)).toHaveLength(DEMO_PEOPLE.length);
		expect(db.select().from(user).all().filter((u) => u.email === null)).toHaveLength(12);
		expect(new Set(db.select().from(service).all().map((s) => s.sector))).toEqual(new Set(['education', 'health', 'social_care']));

		// the content translations (seed/translations.ts): Arabic offered, the letters item wholly in
		// Arabic, the past meeting's summary in Somali but its last sentence; added once
		expect(content.offeredLanguages(db)).toEqual(['tr', 'ur', 'bn', 'so', 'pl', 'ku', 'yi', 'ar']);
		const found = boardFeature.listPublic(db, { q: 'Letters about EHC plans' }).items.find((i) => i.youSaid === ARABIC_ITEM)!;
		const [arabic] = boardFeature.inLanguage(db, [found], 'ar');
		expect(arabic).toMatchObject({ youSaidLang: 'ar', easyReadLang: 'ar', notTranslated: false });
		expect(arabic.responses.map((r) => r.lang)).toEqual(['ar', 'ar']);
		const past = meetings.listPublic(db, { when: 'past' }).meetings.find((m) => m.easyRead !== '[]')!;
		const summary = meetings.easyReadIn(db, past.id, meetings.get(db, null, past.id).easyReadSentences, 'so');
		expect(summary.sentences.map((s) => s.lang)).toEqual(['so', 'so', 'so', 'so', 'so', 'en']);
		expect(summary.notTranslated).toBe(true);
		expect(seedTranslationsDemo(db)).toBe(0);
	});

	it('lets every demo account sign in with the documented password, and the admin and safeguarding lead with a code from the documented TOTP secret', async () => {
		const db = testDb();
		await seedDemo(db);
		const now = new Date();
		for (const person of DEMO_PEOPLE) {
			const result = await accounts.signIn(db, { email: person.email, password: DEMO_PASSWORD, address: '127.0.0.1' }, now);
			if (!person.roles.includes('admin') && !person.roles.includes('safeguarding_lead')) {
				expect(result.ok, person.email).toBe(true);
				continue;
			}
			// two-step sign-in, set up already: the code from the demo secret finishes it
			expect(result, person.email).toMatchObject({ ok: false, reason: 'second_step', setUp: false });
			if (result.ok || result.reason !== 'second_step') continue;
			const code = totpCode(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), stepAt(now));
			expect(twoStep.finishSignIn(db, { challenge: result.challenge, code, address: '127.0.0.1' }, now).ok, person.email).toBe(true);
		}
	});

	it('says demo data is present while any demo account exists', async () => {
		const db = testDb();
		expect(demoPresent(db)).toBe(false);
		await seedDemo(db);
		expect(demoPresent(db)).toBe(true);
	});

	it('makes the demo service lead the lead of speech and language therapy', async () => {
		const db = testDb();
		await seedDemo(db);
		const lead = db.select().from(user).all().find((u) => u.email === 'service.lead@example.org')!;
		const admin = { id: 0, roles: ['admin' as const] };
		const led = accounts.listPeopleWithRole(db, admin, 'service_lead');
		expect(led.map((p) => p.id)).toContain(lead.id);
	});
});

describe('demo board', () => {
	it('has published items in every status, some overdue, one waiting to be published, and feedback in the queue', async () => {
		const db = testDb();
		await seedDemo(db);
		const board = await import('../board');
		const feedback = await import('../board');
		const organiser = { id: db.select().from(user).all().find((u) => u.email === 'organiser@example.org')!.id, roles: ['organiser' as const] };
		const published = board.listPublic(db, {}).total;
		// the board's 19, and last year's five about the Local Offer (yearly/seed.ts)
		expect(published).toBe(24);
		const tracked = board.listTracked(db, organiser);
		expect(new Set(tracked.map((i) => i.status))).toEqual(new Set(['heard', 'working_on_it', 'done', 'not_possible']));
		expect(tracked.filter((i) => i.overdue).length).toBeGreaterThan(2);
		expect(tracked.filter((i) => i.status === 'not_possible').every((i) => i.responses.some((r) => r.reason))).toBe(true);
		// the board's four, three about the Local Offer (yearly/seed.ts), and the parent's feedback the safeguarding demo raises a flag on
		expect(feedback.listQueue(db, organiser)).toHaveLength(8);
	});
});
