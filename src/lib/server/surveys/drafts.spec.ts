import { describe, expect, it } from 'vitest';
import { surveyDraft } from '../db/schema';
import { addPerson, testDb, surveyDetails } from '../testing';
import * as surveys from '.';

/** Unsent answers are not kept for ever. */
describe('deleteStaleDrafts', () => {
	function setUp() {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const id = surveys.create(db, organiser, surveyDetails({ title: 'Drafts', opensOn: '2026-01-01' }));
		surveys.addQuestion(db, organiser, id, 'yes_no', 'Is it good?');
		surveys.publish(db, organiser, id, new Date('2026-01-01T12:00:00Z'));
		return { db, organiser, id };
	}
	const drafts = (db: ReturnType<typeof testDb>) => db.select().from(surveyDraft).all().length;

	it('deletes drafts untouched for 60 days and keeps newer ones', () => {
		const { db, id } = setUp();
		surveys.start(db, null, id, 'en', 'answer', new Date('2026-03-01T12:00:00Z'));
		surveys.start(db, null, id, 'en', 'answer', new Date('2026-04-15T12:00:00Z'));
		expect(surveys.deleteStaleDrafts(db, new Date('2026-05-05T12:00:00Z'))).toBe(1);
		expect(drafts(db)).toBe(1);
	});

	it("deletes respondents' drafts of a closed survey but keeps paper responses being typed in", () => {
		const { db, organiser, id } = setUp();
		const now = new Date('2026-03-01T12:00:00Z');
		surveys.start(db, null, id, 'en', 'answer', now);
		surveys.start(db, organiser, id, 'en', 'paper', now);
		expect(surveys.deleteStaleDrafts(db, now)).toBe(0);
		surveys.close(db, organiser, id, now);
		expect(surveys.deleteStaleDrafts(db, now)).toBe(1);
		const left = db.select().from(surveyDraft).all();
		expect(left.map((d) => d.onBehalf)).toEqual([true]);
	});
});

/** Submissions arriving together share one commit; each is still all-or-nothing on its own. */
describe('submitSoon', () => {
	it('stores each of many responses once, and a refused one does not undo the others', async () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const id = surveys.create(db, organiser, surveyDetails({ title: 'Batch' }));
		const question = surveys.addQuestion(db, organiser, id, 'yes_no', 'Is it good?');
		surveys.publish(db, organiser, id);
		const yes = surveys.getQuestion(db, organiser, question).options[0].id;
		const ready = Array.from({ length: 20 }, () => {
			const { token } = surveys.start(db, null, id, 'en');
			surveys.saveAnswer(db, null, id, token, question, [yes], '');
			return token;
		});
		const unanswered = surveys.start(db, null, id, 'en').token;
		const sends = [...ready, ...ready, unanswered].map((token) => surveys.submitSoon(db, null, id, token));
		const outcomes = await Promise.allSettled(sends);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(40);
		const refused = outcomes.filter((o) => o.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'answers_missing' });
		const fulfilled = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
		expect(fulfilled.filter((v) => !v.alreadySent)).toHaveLength(20);
		expect(surveys.results(db, organiser, id).responses).toEqual({ kind: 'value', value: 20 });
		expect(surveys.results(db, organiser, id).questions[0].options[0].count).toBe(20);
		// The refused one keeps its draft; the others' drafts are gone.
		expect(db.select().from(surveyDraft).all()).toHaveLength(1);
	});
});
