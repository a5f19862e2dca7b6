import { describe, expect, it } from 'vitest';
import { surveyDraft } from '../db/schema';
import { addPerson, testDb } from '../testing';
import * as surveys from './service';

/** Unsent answers are not kept for ever. */
describe('deleteStaleDrafts', () => {
	function setUp() {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const id = surveys.create(db, organiser, {
			title: 'Drafts',
			intro: '',
			audience: 'both',
			anonymous: true,
			opensOn: '2026-01-01',
			closesOn: null,
			serviceIds: []
		});
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
