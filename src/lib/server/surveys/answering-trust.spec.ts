/**
 * The Trust issue's rules for answering surveys: anonymity fixed once anyone starts, receipt codes
 * of 60 bits forgiving how they are typed, and limits on guessing codes and starting surveys.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { londonDate } from '$lib/time';
import { generateToken, hashToken } from '../auth/tokens';
import type { Db } from '../db';
import { signInThrottle, survey, surveyDraft, surveyResponse } from '../db/schema';
import { ConflictError } from '../errors';
import { addPerson, testDb, surveyDetails } from '../testing';
import {
	ADDRESS_BUCKET_BITS,
	addressBucket,
	DRAFTS_PER_SURVEY_PER_DAY,
	RECEIPT_TRIES_PER_ADDRESS_PER_DAY,
	RECEIPT_TRIES_PER_CODE,
	STARTS_PER_HOUR
} from './limits';
import * as surveys from '.';

/** Reads as someone who builds surveys (the builder's reads check `surveys.manage`; reading writes nothing). */
const ORG = { id: 0, roles: ['organiser'] } as const;

const NOW = new Date('2026-11-02T10:15:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const SCHOOL = '198.51.100.7';
const LIBRARY = '198.51.100.8';

/** A published survey with one yes / no question, anonymous unless said otherwise. */
function setUp(anonymous = true, db: Db = testDb()) {
	const organiser = addPerson(db, ['organiser']);
	const parent = addPerson(db, ['parent_carer']);
	const input = surveyDetails({ title: 'Trust', anonymous });
	const id = surveys.create(db, organiser, input);
	const question = surveys.addQuestion(db, organiser, id, 'yes_no', 'Is it good?');
	surveys.publish(db, organiser, id, NOW);
	const yes = surveys.getQuestion(db, organiser, question).options[0].id;
	return { db, organiser, parent, id, question, yes, input };
}

describe('anonymous or named is fixed once anyone starts answering', () => {
	it('refuses to make a named survey anonymous once a draft exists, and keeps it named', () => {
		const { db, organiser, parent, id, input } = setUp(false);
		surveys.start(db, parent, id, 'en', 'answer', NOW);
		expect(() => surveys.update(db, organiser, id, { ...input, anonymous: true })).toThrow(ConflictError);
		expect(() => surveys.update(db, organiser, id, { ...input, anonymous: true })).toThrow(expect.objectContaining({ code: 'anonymity_fixed' }));
		expect(surveys.get(db, ORG, id).anonymous).toBe(false);
		expect(surveys.builderView(db, ORG, id).anonymityFixed).toBe(true);
		// Everything else can still change.
		surveys.update(db, organiser, id, { ...input, title: 'Renamed' });
		expect(surveys.get(db, ORG, id)).toMatchObject({ title: 'Renamed', anonymous: false });
	});

	it('refuses to make an anonymous survey named once a draft exists', () => {
		const { db, organiser, id, input } = setUp(true);
		expect(surveys.builderView(db, ORG, id).anonymityFixed).toBe(false);
		surveys.start(db, null, id, 'en', 'answer', NOW);
		expect(() => surveys.update(db, organiser, id, { ...input, anonymous: false })).toThrow(expect.objectContaining({ code: 'anonymity_fixed' }));
		expect(surveys.get(db, ORG, id).anonymous).toBe(true);
	});

	it('counts a paper response being typed in, but not an organiser trying a preview', () => {
		const { db, organiser, id, input } = setUp(true);
		surveys.start(db, organiser, id, 'en', 'preview', NOW);
		surveys.update(db, organiser, id, { ...input, anonymous: false });
		expect(surveys.get(db, ORG, id).anonymous).toBe(false);
		surveys.update(db, organiser, id, { ...input, anonymous: true });
		surveys.start(db, organiser, id, 'en', 'paper', NOW);
		expect(() => surveys.update(db, organiser, id, { ...input, anonymous: false })).toThrow(expect.objectContaining({ code: 'anonymity_fixed' }));
	});

	it('records an account only if the survey is named when the response is sent', () => {
		const { db, parent, id, question, yes } = setUp(false);
		const { token } = surveys.start(db, parent, id, 'en', 'answer', NOW);
		surveys.saveAnswer(db, parent, id, token, question, [yes], '', NOW);
		expect(db.select().from(surveyDraft).get()!.accountId).toBe(parent.id);
		// Had the survey become anonymous in between (only a change behind the app's back can do
		// that now), the response follows the survey as it is when sent, not the draft.
		db.update(survey).set({ anonymous: true }).where(eq(survey.id, id)).run();
		surveys.submit(db, parent, id, token, NOW);
		expect(db.select({ accountId: surveyResponse.accountId }).from(surveyResponse).all()).toEqual([{ accountId: null }]);
	});

	it('never gives an account to a response started anonymously, even if the survey is named by the time it is sent', () => {
		const { db, parent, id, question, yes } = setUp(true);
		const { token } = surveys.start(db, null, id, 'en', 'answer', NOW);
		surveys.saveAnswer(db, null, id, token, question, [yes], '', NOW);
		db.update(survey).set({ anonymous: false }).where(eq(survey.id, id)).run();
		surveys.submit(db, parent, id, token, NOW);
		expect(db.select({ accountId: surveyResponse.accountId }).from(surveyResponse).all()).toEqual([{ accountId: null }]);
	});

	it('a named survey still records who sent it', () => {
		const { db, parent, id, question, yes } = setUp(false);
		const { token } = surveys.start(db, parent, id, 'en', 'answer', NOW);
		surveys.saveAnswer(db, parent, id, token, question, [yes], '', NOW);
		surveys.submit(db, parent, id, token, NOW);
		expect(db.select({ accountId: surveyResponse.accountId }).from(surveyResponse).all()).toEqual([{ accountId: parent.id }]);
	});
});

describe('receipt codes', () => {
	const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

	it('have at least 60 bits: 12 characters, each one of 32, all of them used in every place', () => {
		expect(surveys.RECEIPT_BITS).toBeGreaterThanOrEqual(60);
		const codes = Array.from({ length: 4000 }, () => surveys.receiptCode(generateToken()));
		for (const code of codes) expect(code).toMatch(CODE);
		expect(new Set(codes).size).toBe(codes.length);
		const bare = codes.map((c) => c.replaceAll('-', ''));
		for (let place = 0; place < 12; place++) {
			const seen = new Map<string, number>();
			for (const code of bare) seen.set(code[place], (seen.get(code[place]) ?? 0) + 1);
			// Every one of the 32 characters turns up in every place, about 125 times in 4,000 codes.
			expect(seen.size, `characters seen in place ${place + 1}`).toBe(32);
			for (const [char, n] of seen) expect(n, `"${char}" in place ${place + 1}`).toBeGreaterThan(60);
		}
	});

	it('forgive case, spaces, dashes and the letters that look like numbers', () => {
		const code = '7KQM-4XT0-9AB1';
		const hash = surveys.receiptHash(code);
		for (const typed of ['7kqm4xt09ab1', ' 7KQM 4XT0 9AB1 ', '7KQM–4XTO–9ABL', '7kqm-4xto-9abi', '７ＫＱＭ４ＸＴ０９ＡＢ１', '7KQM.4XT0.9ABı', '7KQM-4XT0-9ABİ']) {
			expect(surveys.receiptHash(typed), typed).toBe(hash);
		}
		expect(surveys.normaliseReceiptCode(' 7kqm-4xto-9abl ')).toBe('7KQM4XT09AB1');
		expect(surveys.receiptHash('7KQM-4XT0-9AB2')).not.toBe(hash);
		expect(surveys.receiptHash('')).toMatch(/^[0-9a-f]{64}$/);
	});

	/** The code drafts were given before codes had 60 bits (the old receiptCode, kept here as it was). */
	function oldCode(token: string) {
		const digest = sha256(new TextEncoder().encode(`receipt:${token}`));
		const chars = [...digest.slice(0, 8)].map((b) => 'ABCDEFGHJKMNPQRSTVWXYZ23456789'[b % 30]);
		return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
	}

	it('keep older drafts and responses findable by the code they were given', () => {
		const { db, id, question, yes } = setUp();
		const token = generateToken();
		const code = oldCode(token);
		db.insert(surveyDraft).values({ tokenHash: hashToken(token), receiptHash: hashToken(code), surveyId: id, locale: 'en', savedOn: londonDate(NOW) }).run();
		// Opened by its link, the draft shows the code it was given.
		const opened = surveys.open(db, null, id, token, NOW);
		expect(opened.receipt).toBe(code);
		surveys.saveAnswer(db, null, id, token, question, [yes], '', NOW);
		// Typed as people type, the old code finds it, and it gets a new link and a 60-bit code.
		const resumed = surveys.resumeByReceipt(db, id, code.toLowerCase().replace('-', ' '), SCHOOL, NOW);
		expect(resumed.state).toBe('draft');
		if (resumed.state !== 'draft') return;
		expect(surveys.open(db, null, id, resumed.token, NOW).receipt).toMatch(CODE);

		// A response sent with an old code is still found by it.
		const sentToken = generateToken();
		const sentCode = oldCode(sentToken);
		db.insert(surveyDraft).values({ tokenHash: hashToken(sentToken), receiptHash: hashToken(sentCode), surveyId: id, locale: 'en', savedOn: londonDate(NOW) }).run();
		surveys.saveAnswer(db, null, id, sentToken, question, [yes], '', NOW);
		expect(surveys.submit(db, null, id, sentToken, NOW).receipt).toBe(sentCode);
		expect(surveys.open(db, null, id, sentToken, NOW)).toMatchObject({ state: 'sent', receipt: sentCode });
		expect(surveys.resumeByReceipt(db, id, sentCode, SCHOOL, NOW)).toEqual({ state: 'sent', submittedOn: londonDate(NOW) });
	});
});

/** A code nobody was given, different on every call. */
let wrongCodes = 0;
const wrongCode = () => `ZZZZ-ZZZZ-${String(++wrongCodes).padStart(4, '0').replace(/[ILOU]/g, '9')}`;

describe('guessing receipt codes', () => {
	it(`refuses wrong codes from one address after ${RECEIPT_TRIES_PER_ADDRESS_PER_DAY}, even a right one, while another address still can`, () => {
		const { db, id } = setUp();
		const { receipt } = surveys.start(db, null, id, 'en', 'answer', NOW);
		for (let i = 0; i < RECEIPT_TRIES_PER_ADDRESS_PER_DAY; i++) {
			expect(surveys.resumeByReceipt(db, id, wrongCode(), SCHOOL, NOW)).toEqual({ state: 'not_found' });
		}
		const refused = surveys.resumeByReceipt(db, id, wrongCode(), SCHOOL, NOW);
		expect(refused).toEqual({ state: 'too_many_tries', retryAfterSeconds: 30 });
		// Refused before it is looked up: the right code is refused too, and the draft keeps its code.
		expect(surveys.resumeByReceipt(db, id, receipt, SCHOOL, NOW).state).toBe('too_many_tries');
		expect(surveys.resumeByReceipt(db, id, receipt, LIBRARY, NOW).state).toBe('draft');
		// The wait ends: half a minute later one more try is allowed, then the wait doubles.
		expect(surveys.resumeByReceipt(db, id, wrongCode(), SCHOOL, later(30_000)).state).toBe('not_found');
		expect(surveys.resumeByReceipt(db, id, wrongCode(), SCHOOL, later(59_000))).toEqual({ state: 'too_many_tries', retryAfterSeconds: 31 });
	});

	it(`refuses the same code from many addresses after ${RECEIPT_TRIES_PER_CODE} tries`, () => {
		const { db, id } = setUp();
		const code = wrongCode();
		for (let i = 0; i < RECEIPT_TRIES_PER_CODE; i++) {
			expect(surveys.resumeByReceipt(db, id, code, `203.0.113.${i + 1}`, NOW).state).toBe('not_found');
		}
		// Typed another way it is the same code.
		expect(surveys.resumeByReceipt(db, id, code.toLowerCase().replaceAll('-', ''), '203.0.113.99', NOW).state).toBe('too_many_tries');
		// Another code from that address is fine.
		expect(surveys.resumeByReceipt(db, id, wrongCode(), '203.0.113.99', NOW).state).toBe('not_found');
	});

	it('gives a right code its try back, so a class resuming together is never held up', () => {
		const { db, id } = setUp();
		const codes = Array.from({ length: 40 }, () => surveys.start(db, null, id, 'en', 'answer', NOW).receipt);
		// Some typing mistakes on the way, from the class's one address.
		for (let i = 0; i < RECEIPT_TRIES_PER_ADDRESS_PER_DAY - 1; i++) surveys.resumeByReceipt(db, id, wrongCode(), SCHOOL, NOW);
		for (const code of codes) expect(surveys.resumeByReceipt(db, id, code, SCHOOL, NOW).state).toBe('draft');
	});

	it('counts an IPv6 network as one address', () => {
		const { db, id } = setUp();
		for (let i = 0; i < RECEIPT_TRIES_PER_ADDRESS_PER_DAY; i++) surveys.resumeByReceipt(db, id, wrongCode(), `2001:db8:1:2::${i.toString(16)}`, NOW);
		expect(surveys.resumeByReceipt(db, id, wrongCode(), '2001:db8:1:2:ffff::1', NOW).state).toBe('too_many_tries');
		expect(surveys.resumeByReceipt(db, id, wrongCode(), '2001:db8:1:3::1', NOW).state).toBe('not_found');
	});
});

describe('starting surveys', () => {
	it(`lets ${STARTS_PER_HOUR} starts an hour come from one address (three classes), then asks the next to wait`, () => {
		const { db, id } = setUp();
		for (let i = 0; i < STARTS_PER_HOUR; i++) surveys.start(db, null, id, 'en', 'answer', later(i * 1000), { address: SCHOOL });
		const last = later(STARTS_PER_HOUR * 1000);
		expect(() => surveys.start(db, null, id, 'en', 'answer', last, { address: SCHOOL })).toThrow(
			expect.objectContaining({ code: 'too_many_starts', status: 429, retryAfterSeconds: 29 })
		);
		expect(db.select().from(surveyDraft).all()).toHaveLength(STARTS_PER_HOUR);
		// Another address is not held up, and the same address may start again after the wait.
		surveys.start(db, null, id, 'en', 'answer', last, { address: LIBRARY });
		surveys.start(db, null, id, 'en', 'answer', later(STARTS_PER_HOUR * 1000 + 30_000), { address: SCHOOL });
		// A new hour is a new count.
		for (let i = 0; i < 30; i++) surveys.start(db, null, id, 'en', 'answer', new Date('2026-11-02T11:00:00Z'), { address: SCHOOL });
	});

	it('keeps no address and no time with a draft, and counts under keys that are not the address', () => {
		const { db, id } = setUp();
		surveys.start(db, null, id, 'en', 'answer', NOW, { address: SCHOOL });
		const draft = db.select().from(surveyDraft).get()!;
		expect(Object.keys(draft).sort()).toEqual(['accountId', 'answers', 'locale', 'onBehalf', 'preview', 'receiptHash', 'savedOn', 'surveyId', 'tokenHash']);
		expect(draft).toMatchObject({ accountId: null, savedOn: '2026-11-02' });
		const counts = db.select().from(signInThrottle).all();
		expect(counts).toHaveLength(1);
		expect(counts[0].key).toMatch(/^[0-9a-f]{64}$/);
		const raw = JSON.stringify(db.$client.prepare('select * from sign_in_throttle').all());
		expect(raw).not.toContain(SCHOOL);
		expect(raw).not.toContain(hashToken(SCHOOL));
		// The bucket keeps 20 bits: about 4,000 IPv4 addresses share it, so it names none of them.
		expect(ADDRESS_BUCKET_BITS).toBe(20);
		expect(addressBucket(SCHOOL)).toMatch(/^[0-9a-f]{5}$/);
		expect(addressBucket(SCHOOL)).not.toBe(addressBucket(LIBRARY));
		expect(addressBucket('::ffff:198.51.100.7')).toBe(addressBucket(SCHOOL));
	});

	it(`stops at ${DRAFTS_PER_SURVEY_PER_DAY} unsent drafts of one survey a day, but not paper responses, previews or other surveys`, () => {
		const { db, organiser, id, input } = setUp();
		const other = surveys.create(db, organiser, { ...input, title: 'Another' });
		surveys.addQuestion(db, organiser, other, 'yes_no', 'Is it good?');
		surveys.publish(db, organiser, other, NOW);
		const insert = db.$client.prepare(`insert into survey_draft (token_hash, receipt_hash, survey_id, locale, saved_on) values (?, ?, ?, 'en', ?)`);
		db.$client.transaction(() => {
			for (let i = 0; i < DRAFTS_PER_SURVEY_PER_DAY - 1; i++) insert.run(`t${i}`, `r${i}`, id, '2026-11-02');
			// Yesterday's drafts do not count today.
			for (let i = 0; i < 50; i++) insert.run(`y${i}`, `yr${i}`, id, '2026-11-01');
		})();
		surveys.start(db, null, id, 'en', 'answer', NOW, { address: SCHOOL });
		const refused = () => surveys.start(db, null, id, 'en', 'answer', NOW, { address: LIBRARY });
		expect(refused).toThrow(expect.objectContaining({ code: 'too_many_drafts_today', status: 429 }));
		try {
			refused();
		} catch (e) {
			// Until midnight in England: 10:15 GMT to midnight is 13 h 45 min.
			expect((e as surveys.TooManyTriesError).retryAfterSeconds).toBe(13 * 3600 + 45 * 60);
		}
		surveys.start(db, organiser, id, 'en', 'paper', NOW);
		surveys.start(db, organiser, id, 'en', 'preview', NOW);
		surveys.start(db, null, other, 'en', 'answer', NOW, { address: LIBRARY });
		surveys.start(db, null, id, 'en', 'answer', new Date('2026-11-03T00:05:00Z'), { address: LIBRARY });
		// Refused starts are not counted against the address: three starts counted, in three keys
		// (the school at 10:00, the library at 10:00 and at midnight).
		expect(db.select().from(signInThrottle).all().map((r) => r.failures)).toEqual([1, 1, 1]);
	});
});
