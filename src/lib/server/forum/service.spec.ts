/**
 * The forum's members (issue 18, point 2): joining with an account and by email (the real
 * confirmation email, through the outbox and an SMTP server), consents with when, changing
 * details, leaving (deleted, counted as a leaver), counts that never include anyone who did not
 * consent and hide small numbers, retention, "My data" and erasure, and the representatives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ParsedMail } from 'mailparser';
import { DAY_MS, londonDate } from '$lib/time';
import { CATEGORIES } from '$lib/features/reach/model';
import { ABOUT_YOU, PREFER_NOT, type AboutYou } from '$lib/features/forum/model';
import { ForbiddenError, NotFoundError } from '../errors';
import { addPerson, testDb, thrown, useSmtpSink } from '../testing';
import { auditEntry, forumLeavers, forumMember, forumRepresentative, subscription } from '../db/schema';
import { EVENT_KINDS } from '../registry';
import * as outbox from '../outbox';
import * as privacy from '../privacy';
import { runRetention } from '../retention';
import * as subscriptions from '../subscriptions';
import * as forum from '.';

const smtp = useSmtpSink();
const ORIGIN = 'https://chorus.example.org';
const NET = '192.0.2.20';

const NOTHING: AboutYou = { need_area: null, phase: null, support: null, area: null, ethnicity: null, language: null };
const about = (more: Partial<AboutYou> = {}): AboutYou => ({ ...NOTHING, ...more });

function world() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	let clock = new Date('2026-06-10T10:00:00Z');
	const run = () => outbox.runOnce(db, { kinds: EVENT_KINDS, subscribers: subscriptions.addressBook, send: smtp.send, origin: ORIGIN, now: () => clock });
	const byEmail = (email: string, details: Partial<forum.MemberDetails> = {}) =>
		forum.joinByEmail(db, null, { email, news: false, counted: false, about: NOTHING, locale: 'en', ...details }, NET, clock);
	return { db, organiser, run, byEmail, now: () => clock, later: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

/** The link of a path in an email's text, as its key. */
function keyIn(mail: ParsedMail, path: string) {
	const found = (mail.text ?? '').match(new RegExp(`${ORIGIN}${path}\\?(s=\\d+&t=[A-Za-z0-9_-]+)`));
	expect(found, `a ${path} link`).not.toBeNull();
	return subscriptions.linkKeyFrom(new URLSearchParams(found![1]));
}

const to = (address: string) => (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === address;
const rows = (w: ReturnType<typeof world>) => w.db.select().from(forumMember).all();

describe('joining with an account', () => {
	it('makes a confirmed member at once, with each consent and when it was given, and news as a subscription of the account\'s address', () => {
		const w = world();
		const parent = addPerson(w.db, ['parent_carer'], { email: 'pat@example.org' });
		forum.joinWithAccount(w.db, parent, { news: true, counted: false, about: about({ phase: 'primary', language: PREFER_NOT }), locale: 'en' }, w.now());
		const mine = forum.myMembership(w.db, { actor: parent })!;
		expect(mine).toMatchObject({ withAccount: true, email: null, news: true, counted: false, countedSince: null });
		expect(mine.newsSince).toEqual(w.now());
		expect(mine.about).toEqual(about({ phase: 'primary', language: PREFER_NOT }));
		expect(subscriptions.follows(w.db, 'pat@example.org', forum.NEWS_TOPIC)).toBe(true);

		// a consent kept keeps its first time; one given later has its own
		w.later(DAY_MS);
		forum.updateMembership(w.db, { actor: parent }, { news: true, counted: true, about: NOTHING }, w.now());
		const after = forum.myMembership(w.db, { actor: parent })!;
		expect(after.newsSince).toEqual(new Date(w.now().getTime() - DAY_MS));
		expect(after.countedSince).toEqual(w.now());
		expect(after.about).toEqual(NOTHING);

		// withdrawing news stops the subscription
		forum.updateMembership(w.db, { actor: parent }, { news: false, counted: true, about: NOTHING }, w.now());
		expect(subscriptions.follows(w.db, 'pat@example.org', forum.NEWS_TOPIC)).toBe(false);
		expect(forum.myMembership(w.db, { actor: parent })!.newsSince).toBeNull();
	});

	it('refuses a young person\'s own account and a visitor, and writes nothing', () => {
		const w = world();
		const young = addPerson(w.db, ['young_person']);
		expect(thrown(() => forum.joinWithAccount(w.db, young, { news: false, counted: true, about: NOTHING, locale: 'en' }))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => forum.joinWithAccount(w.db, null, { news: false, counted: true, about: NOTHING, locale: 'en' }))).toBeInstanceOf(ForbiddenError);
		expect(rows(w)).toHaveLength(0);
	});
});

describe('joining with an email address only', () => {
	it('waits for the emailed link, then is a member; a guessed link opens nothing', async () => {
		const w = world();
		expect(w.byEmail(' New.Parent@Example.org', { news: true, counted: true, about: about({ need_area: 'sensory_physical' }) })).toBe('sent');
		// not a member, not counted, no news yet
		expect(forum.memberCounts(w.db, 'need_area')).toEqual({});
		expect(subscriptions.follows(w.db, 'new.parent@example.org', forum.NEWS_TOPIC)).toBe(false);
		await w.run();
		const mail = await smtp.sink().find(to('new.parent@example.org'));
		expect(mail.subject).toBe('Confirm that you want to join the parent carer forum');
		const key = keyIn(mail, '/forum/confirm');

		const guessed = { id: key!.id, token: 'A'.repeat(32) };
		expect(forum.joinWaiting(w.db, guessed, w.now())).toBe('bad_link');
		expect(forum.confirmJoin(w.db, guessed, w.now())).toBe('bad_link');
		expect(forum.myMembership(w.db, { key: guessed })).toBeNull();

		expect(forum.joinWaiting(w.db, key, w.now())).toBe('waiting');
		expect(forum.myMembership(w.db, { key })).toBeNull();
		expect(forum.confirmJoin(w.db, key, w.now())).toBe('confirmed');
		expect(forum.confirmJoin(w.db, key, w.now())).toBe('already');
		expect(forum.myMembership(w.db, { key })).toMatchObject({ email: 'new.parent@example.org', withAccount: false, news: true, counted: true });
		expect(forum.memberCounts(w.db, 'need_area')).toEqual({ sensory_physical: 1 });
		expect(subscriptions.follows(w.db, 'new.parent@example.org', forum.NEWS_TOPIC)).toBe(true);
	});

	it('lets a link expire after 7 days, and retention deletes the waiting join', async () => {
		const w = world();
		w.byEmail('late@example.org', { counted: true, about: about({ phase: 'secondary' }) });
		await w.run();
		const key = keyIn(await smtp.sink().find(to('late@example.org')), '/forum/confirm');
		w.later(8 * DAY_MS);
		expect(forum.confirmJoin(w.db, key, w.now())).toBe('expired');
		expect(runRetention(w.db, w.now()).unconfirmedForumJoins).toBe(1);
		expect(rows(w)).toHaveLength(0);
	});

	it('does not let the form change an existing member: it emails their manage link instead', async () => {
		const w = world();
		w.byEmail('member@example.org', { counted: true, about: about({ area: 'north' }) });
		await w.run();
		forum.confirmJoin(w.db, keyIn(await smtp.sink().find(to('member@example.org')), '/forum/confirm'), w.now());
		expect(w.byEmail('member@example.org', { counted: false, about: about({ area: 'south' }) })).toBe('sent');
		await w.run();
		const manage = await smtp.sink().find((m) => to('member@example.org')(m) && m.subject === 'Your parent carer forum membership');
		const key = keyIn(manage, '/forum/membership');
		expect(forum.myMembership(w.db, { key })).toMatchObject({ counted: true, about: about({ area: 'north' }) });
	});

	it('answers the same for an address that is not a member when a manage link is asked for, and sends nothing', async () => {
		const w = world();
		expect(forum.sendManageLink(w.db, 'nobody@example.org', NET, w.now())).toBe('sent');
		await w.run();
		expect(smtp.sink().received.filter(to('nobody@example.org'))).toHaveLength(0);
	});
});

describe('leaving', () => {
	it('deletes the member and their about-you, stops news, counts one leaver, and the old link opens nothing', async () => {
		const w = world();
		w.byEmail('leaver@example.org', { news: true, counted: true, about: about({ ethnicity: 'asian_bangladeshi', language: 'bengali' }) });
		await w.run();
		const key = keyIn(await smtp.sink().find(to('leaver@example.org')), '/forum/confirm');
		forum.confirmJoin(w.db, key, w.now());
		w.later(40 * DAY_MS);
		forum.leave(w.db, { key }, w.now());
		expect(rows(w)).toHaveLength(0);
		expect(w.db.select().from(forumLeavers).all()).toEqual([{ joinedMonth: '2026-06', leftMonth: '2026-07', count: 1 }]);
		expect(subscriptions.follows(w.db, 'leaver@example.org', forum.NEWS_TOPIC)).toBe(false);
		expect(forum.myMembership(w.db, { key })).toBeNull();
		expect(thrown(() => forum.leave(w.db, { key }, w.now()))).toBeInstanceOf(NotFoundError);
		// nothing personal in the audit log
		expect(JSON.stringify(w.db.select().from(auditEntry).all())).not.toContain('leaver@example.org');

		// the months still count them: a member at the end of June, gone by the end of July
		const months = forum.membershipOverTime(w.db, w.organiser, w.now());
		expect(months.find((m) => m.month === '2026-06')).toEqual({ month: '2026-06', members: 1, joined: 1, left: 0 });
		expect(months.find((m) => m.month === '2026-07')).toEqual({ month: '2026-07', members: 0, joined: 0, left: 1 });
	});

	it('lets a member with an account leave from their own page, and nobody else leave for them', () => {
		const w = world();
		const parent = addPerson(w.db, ['parent_carer']);
		const other = addPerson(w.db, ['parent_carer']);
		forum.joinWithAccount(w.db, parent, { news: false, counted: true, about: NOTHING, locale: 'en' }, w.now());
		expect(thrown(() => forum.leave(w.db, { actor: other }, w.now()))).toBeInstanceOf(NotFoundError);
		forum.leave(w.db, { actor: parent }, w.now());
		expect(forum.myMembership(w.db, { actor: parent })).toBeNull();
	});
});

describe('counts', () => {
	it('never counts someone who did not consent, nor "prefer not to say", nor a join not confirmed', () => {
		const w = world();
		const join = (counted: boolean, a: Partial<AboutYou>) =>
			forum.joinWithAccount(w.db, addPerson(w.db, ['parent_carer']), { news: false, counted, about: about(a), locale: 'en' }, w.now());
		join(true, { language: 'urdu' });
		join(false, { language: 'urdu' });
		join(false, { language: 'polish' });
		join(true, { language: PREFER_NOT });
		w.byEmail('waiting@example.org', { counted: true, about: about({ language: 'urdu' }) });
		expect(forum.memberCounts(w.db, 'language')).toEqual({ urdu: 1 });
		// as it was before anyone joined
		expect(forum.memberCounts(w.db, 'language', new Date(w.now().getTime() - 1))).toEqual({});
	});

	it('counts exactly the consenting confirmed members, whatever they said (property)', () => {
		const answer = fc.constantFrom<string | null>(null, PREFER_NOT, ...CATEGORIES.ethnicity);
		fc.assert(
			fc.property(fc.array(fc.record({ counted: fc.boolean(), ethnicity: answer }), { maxLength: 25 }), (members) => {
				const w = world();
				for (const x of members) {
					forum.joinWithAccount(w.db, addPerson(w.db, ['parent_carer']), { news: false, counted: x.counted, about: about({ ethnicity: x.ethnicity as never }), locale: 'en' }, w.now());
				}
				const expected: Record<string, number> = {};
				for (const x of members) if (x.counted && x.ethnicity && x.ethnicity !== PREFER_NOT) expected[x.ethnicity] = (expected[x.ethnicity] ?? 0) + 1;
				expect(forum.memberCounts(w.db, 'ethnicity')).toEqual(expected);
			}),
			{ numRuns: 25 }
		);
	});

	it('shows organisers the counts with small numbers hidden and what would give them away, and nobody else', () => {
		const w = world();
		const join = (counted: boolean, need_area: AboutYou['need_area']) =>
			forum.joinWithAccount(w.db, addPerson(w.db, ['parent_carer']), { news: false, counted, about: about({ need_area }), locale: 'en' }, w.now());
		for (let i = 0; i < 12; i++) join(true, 'communication_interaction');
		for (let i = 0; i < 6; i++) join(true, 'cognition_learning');
		join(true, 'sensory_physical');
		for (let i = 0; i < 7; i++) join(false, 'sensory_physical');
		const reach = forum.reachTables(w.db, w.organiser);
		expect(reach).toMatchObject({ counted: 19, notCounted: 7 });
		const need = reach.tables.find((t) => t.characteristic === 'need_area')!;
		// the 1 is hidden, and so is the next smallest non-zero figure, which would give it away
		expect(need.cells).toEqual([
			{ key: 'communication_interaction', count: 12 },
			{ key: 'cognition_learning', count: null },
			{ key: 'social_emotional_mental_health', count: 0 },
			{ key: 'sensory_physical', count: null },
			{ key: PREFER_NOT, count: 0 }
		]);
		expect(need.total).toBe(19);
		expect(reach.tables.map((t) => t.characteristic)).toEqual([...ABOUT_YOU]);
		for (const role of ['parent_carer', 'service_lead', 'board_member', 'supporter'] as const) {
			expect(thrown(() => forum.reachTables(w.db, addPerson(w.db, [role])))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => forum.membershipOverTime(w.db, addPerson(w.db, [role])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => forum.reachTables(w.db, null))).toBeInstanceOf(ForbiddenError);
	});
});

describe('"another language", typed', () => {
	it('keeps the language a member names beside "another language", tidied, changes it, and drops it with another answer', async () => {
		const w = world();
		const parent = addPerson(w.db, ['parent_carer']);
		forum.joinWithAccount(w.db, parent, { news: false, counted: true, about: about({ language: 'other' }), otherLanguage: '  Tigrinya \n ', locale: 'en' }, w.now());
		expect(forum.myMembership(w.db, { actor: parent })).toMatchObject({ about: about({ language: 'other' }), otherLanguage: 'Tigrinya' });
		forum.updateMembership(w.db, { actor: parent }, { news: false, counted: true, about: about({ language: 'other' }), otherLanguage: 'Tigrinya and   English' }, w.now());
		expect(forum.myMembership(w.db, { actor: parent })!.otherLanguage).toBe('Tigrinya and English');
		// another answer: the typed name is not kept unseen
		forum.updateMembership(w.db, { actor: parent }, { news: false, counted: true, about: about({ language: 'english' }), otherLanguage: 'Tigrinya' }, w.now());
		expect(rows(w)[0]).toMatchObject({ language: 'english', otherLanguage: null });
		// nothing typed: nothing kept
		forum.updateMembership(w.db, { actor: parent }, { news: false, counted: true, about: about({ language: 'other' }), otherLanguage: '   ' }, w.now());
		expect(rows(w)[0]).toMatchObject({ language: 'other', otherLanguage: null });

		// by email too, kept with the waiting join and after it is confirmed
		w.byEmail('named@example.org', { counted: true, about: about({ language: 'other' }), otherLanguage: 'Lingala' });
		await w.run();
		const key = keyIn(await smtp.sink().find(to('named@example.org')), '/forum/confirm');
		forum.confirmJoin(w.db, key, w.now());
		expect(forum.myMembership(w.db, { key })!.otherLanguage).toBe('Lingala');
		// never in the audit log
		expect(JSON.stringify(w.db.select().from(auditEntry).all())).not.toMatch(/Tigrinya|Lingala/);
	});

	it('shows organisers the names counting members typed, put together, each said by fewer than five left out, and nobody else', () => {
		const w = world();
		const join = (counted: boolean, otherLanguage: string) =>
			forum.joinWithAccount(w.db, addPerson(w.db, ['parent_carer']), { news: false, counted, about: about({ language: 'other' }), otherLanguage, locale: 'en' }, w.now());
		for (const name of ['Tigrinya', 'tigrinya', 'TIGRINYA ', 'Tigrinya.', 'Tigrinya', 'Farsi', 'Farsi', 'Farsi', 'Farsi']) join(true, name);
		// not counted without consent
		join(false, 'Farsi');
		for (let i = 0; i < 20; i++) forum.joinWithAccount(w.db, addPerson(w.db, ['parent_carer']), { news: false, counted: true, about: about({ language: 'english' }), locale: 'en' }, w.now());
		const shown = (other: number | null, actor: Parameters<typeof forum.otherLanguagesNamed>[1] = w.organiser) =>
			forum.otherLanguagesNamed(w.db, actor, {
				characteristic: 'language',
				rows: [{ category: 'other', count: other, share: null, localShare: null, ratio: null, underHeard: null }],
				total: null,
				suppressed: false,
				localTotal: 0,
				baseline: null
			});
		expect(shown(9)).toEqual({ listed: true, names: [{ name: 'Tigrinya', count: 5 }], smallCountBelow: 5 });
		// the "another language" figure hidden on the page: nothing listed
		expect(shown(null)).toEqual({ listed: false, names: [], smallCountBelow: 5 });
		for (const role of ['parent_carer', 'service_lead', 'board_member'] as const) {
			expect(thrown(() => shown(9, addPerson(w.db, [role])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => shown(9, null))).toBeInstanceOf(ForbiddenError);
	});
});

describe('"My data" and erasure', () => {
	it('gives a member their membership and representative roles, and erasing them deletes both and counts a leaver', () => {
		const w = world();
		const admin = addPerson(w.db, ['admin']);
		const parent = addPerson(w.db, ['parent_carer'], { email: 'erase.me@example.org' });
		forum.joinWithAccount(w.db, parent, { news: true, counted: true, about: about({ area: 'east', language: 'other' }), otherLanguage: 'Tigrinya', locale: 'en' }, w.now());
		forum.addRepresentative(w.db, w.organiser, { name: 'Pat', userId: parent.id, role: 'Co-chair', body: 'SEND partnership board', startsOn: '2026-01-01', endsOn: null, namePublic: true }, w.now());
		const data = privacy.dataAbout(w.db, { ...parent, verifiedAt: w.now() }, w.now());
		const kind = (name: string) => data.kinds.find((k) => k.name === name)!;
		expect(kind('forum membership').rows).toHaveLength(1);
		expect(kind('forum membership').rows[0]).toMatchObject({ 'part of the area': 'east', 'main language': 'other', 'the language you named': 'Tigrinya', 'with your account': 'yes' });
		expect(kind('forum representative roles').rows).toEqual([expect.objectContaining({ role: 'Co-chair', 'board or group': 'SEND partnership board' })]);

		const erased = privacy.erase(w.db, admin, parent.id, w.now());
		expect(erased.deleted).toMatchObject({ forum_member: 1, forum_representative: 1 });
		expect(rows(w)).toHaveLength(0);
		expect(JSON.stringify(w.db.select().from(auditEntry).all())).not.toContain('Tigrinya');
		expect(w.db.select().from(forumRepresentative).all()).toHaveLength(0);
		// erasure happens now (its steps are not given a clock)
		expect(w.db.select().from(forumLeavers).all()).toEqual([{ joinedMonth: '2026-06', leftMonth: londonDate(new Date()).slice(0, 7), count: 1 }]);
		expect(w.db.select().from(subscription).all()).toHaveLength(0);
	});
});

describe('representatives', () => {
	const rep = (more: Partial<forum.RepresentativeInput> = {}): forum.RepresentativeInput => ({
		name: 'Hannah Okafor', userId: null, role: 'Parent carer co-chair', body: 'SEND partnership board', startsOn: '2026-01-01', endsOn: null, namePublic: true, ...more
	});

	it('shows the public current representatives by group and role, with a name only where they agreed', () => {
		const w = world();
		forum.addRepresentative(w.db, w.organiser, rep(), w.now());
		forum.addRepresentative(w.db, w.organiser, rep({ name: 'Claire Dunmore', body: 'EHCP quality assurance panel', role: 'Panel member', namePublic: false }), w.now());
		forum.addRepresentative(w.db, w.organiser, rep({ name: 'Tom Whitfield', body: 'Joint commissioning group', endsOn: '2026-05-31' }), w.now());
		forum.addRepresentative(w.db, w.organiser, rep({ name: 'Not Yet', body: 'Local Offer steering group', startsOn: '2026-09-01' }), w.now());
		expect(forum.publicRepresentatives(w.db, null, w.now())).toEqual([
			{ body: 'EHCP quality assurance panel', role: 'Panel member', name: null, startsOn: '2026-01-01', endsOn: null },
			{ body: 'SEND partnership board', role: 'Parent carer co-chair', name: 'Hannah Okafor', startsOn: '2026-01-01', endsOn: null }
		]);
	});

	it('lets only organisers and admins keep the list', () => {
		const w = world();
		for (const role of ['parent_carer', 'service_lead', 'board_member', 'supporter', 'safeguarding_lead', 'young_person'] as const) {
			const who = addPerson(w.db, [role]);
			expect(thrown(() => forum.addRepresentative(w.db, who, rep(), w.now()))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => forum.listRepresentatives(w.db, who))).toBeInstanceOf(ForbiddenError);
		}
		const id = forum.addRepresentative(w.db, addPerson(w.db, ['admin']), rep(), w.now());
		forum.removeRepresentative(w.db, w.organiser, id, w.now());
		expect(thrown(() => forum.removeRepresentative(w.db, w.organiser, id, w.now()))).toBeInstanceOf(NotFoundError);
	});

	it('links a representative only to a member\'s account, and changes a record', () => {
		const w = world();
		const member = addPerson(w.db, ['parent_carer'], { name: 'Maya Member' });
		const stranger = addPerson(w.db, ['parent_carer']);
		forum.joinWithAccount(w.db, member, { news: false, counted: false, about: NOTHING, locale: 'en' }, w.now());
		expect(forum.linkableMembers(w.db, w.organiser)).toEqual([{ id: member.id, name: 'Maya Member' }]);
		const error = thrown(() => forum.addRepresentative(w.db, w.organiser, rep({ userId: stranger.id }), w.now()));
		expect(error).toMatchObject({ code: 'not_a_member' });
		const id = forum.addRepresentative(w.db, w.organiser, rep({ userId: member.id, namePublic: false }), w.now());
		forum.updateRepresentative(w.db, w.organiser, id, rep({ userId: member.id, namePublic: true, endsOn: '2026-12-31' }), w.now());
		expect(forum.getRepresentative(w.db, w.organiser, id)).toMatchObject({ userId: member.id, namePublic: true, endsOn: '2026-12-31' });
		expect(thrown(() => forum.updateRepresentative(w.db, w.organiser, id + 1, rep(), w.now()))).toBeInstanceOf(NotFoundError);
		expect(thrown(() => forum.getRepresentative(w.db, member, id))).toBeInstanceOf(ForbiddenError);
	});

	it('keeps a record two years after the term ends, then retention deletes it', () => {
		const w = world();
		forum.addRepresentative(w.db, w.organiser, rep({ endsOn: '2024-06-10' }), w.now());
		forum.addRepresentative(w.db, w.organiser, rep({ endsOn: '2024-06-09' }), w.now());
		expect(runRetention(w.db, w.now()).endedForumRepresentatives).toBe(1);
		expect(w.db.select().from(forumRepresentative).all().map((r) => r.endsOn)).toEqual(['2024-06-10']);
	});
});
