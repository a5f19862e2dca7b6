/**
 * A survey receipt followed on /follow (issue 16, point 3): the survey's state, the items on the
 * public board raised from it and the published reports that used it, and nothing about who
 * answered or what they said.
 */
import { describe, expect, it } from 'vitest';
import { addPerson, testDb } from '../testing';
import * as board from '../board';
import * as surveys from '../surveys';
import * as reports from '.';
import { listenedSurvey } from './testing';

/** A "you said" as the organisers write one (the board's own helper is its specs' only). */
const itemDetails = (over: Partial<board.ItemInput>): board.ItemInput => ({
	youSaid: 'We wait too long to hear back.',
	easyRead: '',
	easyReadSymbol: null,
	voices: 1,
	source: 'other',
	sourceDetail: '',
	serviceIds: [],
	topics: [],
	heardOn: '2026-05-01',
	...over
});

const NOW = new Date('2026-05-20T12:00:00Z');
const HERE = '192.0.2.40';

function world() {
	const db = testDb();
	const org = addPerson(db, ['admin', 'organiser']);
	const { surveyId, questionId } = listenedSurvey(db, org, { title: 'Being listened to', audience: 'parent_carers' });
	const answer = (yes: boolean, send = true) => {
		const { token, receipt } = surveys.start(db, null, surveyId, 'en', 'answer', NOW);
		const q = surveys.forAnswering(db, surveyId, 'en').questions.find((x) => x.id === questionId)!;
		surveys.saveAnswer(db, null, surveyId, token, questionId, [q.options[yes ? 0 : 1].id], 'My words stay private', NOW);
		return send ? surveys.submit(db, null, surveyId, token, NOW).receipt : receipt;
	};
	return { db, org, surveyId, answer };
}

const found = (result: surveys.ReceiptFollowed) => {
	if (result.state !== 'found') throw new Error(`expected found, got ${result.state}`);
	return result.progress;
};

describe('following a survey receipt', () => {
	it('shows the survey, when the answers came, the items raised from it once public and the reports that used it once published', () => {
		const w = world();
		const receipt = w.answer(true);
		for (let i = 0; i < 11; i++) w.answer(i < 8);
		const progress = found(surveys.followReceipt(w.db, receipt.toLowerCase().replaceAll('-', ' '), HERE, 'en', NOW));
		expect(progress).toEqual({ survey: { id: w.surveyId, title: 'Being listened to', state: 'published', closesOn: null }, sentOn: '2026-05-20' });
		expect(JSON.stringify(progress)).not.toContain('My words');

		const raised = board.createItem(w.db, w.org, itemDetails({ youSaid: 'Families do not feel listened to', source: 'survey', surveyId: w.surveyId }), NOW);
		board.createItem(w.db, w.org, itemDetails({ youSaid: 'Not from the survey' }), NOW);
		expect(board.raisedFromSurvey(w.db, w.surveyId)).toEqual([]); // not on the public board yet
		board.setPublished(w.db, w.org, raised, true, NOW);
		board.respond(w.db, w.org, raised, { text: 'Every letter now names a person to call.', status: 'working_on_it', reason: '', as: 'forum' }, NOW);
		expect(board.raisedFromSurvey(w.db, w.surveyId)).toEqual([{ id: raised, youSaid: 'Families do not feel listened to', status: 'working_on_it', latestWeDid: 'Every letter now names a person to call.' }]);

		const reportId = reports.createDraft(w.db, w.org, { title: 'May', period: { start: '2026-05-01', end: '2026-05-31' }, scope: 'area' }, NOW);
		expect(reports.publishedUsingSurvey(w.db, w.surveyId)).toEqual([]); // a draft is not public
		reports.publish(w.db, w.org, reportId, NOW);
		expect(reports.publishedUsingSurvey(w.db, w.surveyId)).toEqual([{ id: reportId, title: 'May' }]);
		expect(reports.publishedUsingSurvey(w.db, w.surveyId + 1)).toEqual([]);

		surveys.close(w.db, w.org, w.surveyId, NOW);
		expect(found(surveys.followReceipt(w.db, receipt, HERE, 'en', NOW)).survey.state).toBe('closed');
	});

	it('says answers not sent yet are not sent, and finds nothing for a wrong code', () => {
		const w = world();
		const unsent = w.answer(true, false);
		expect(found(surveys.followReceipt(w.db, unsent, HERE, 'en', NOW)).sentOn).toBeNull();
		expect(surveys.followReceipt(w.db, '7KQM-4XTP-9ABD', HERE, 'en', NOW)).toEqual({ state: 'not_found' });
	});

	it('counts every look-up from an address: after 30 wrong ones a day even a right code waits', () => {
		const w = world();
		const receipt = w.answer(true);
		for (let i = 0; i < surveys.RECEIPT_TRIES_PER_ADDRESS_PER_DAY; i++) surveys.followReceipt(w.db, `ZZZZ-ZZZZ-${String(1000 + i)}`, HERE, 'en', NOW);
		expect(surveys.followReceipt(w.db, receipt, HERE, 'en', NOW).state).toBe('too_many_tries');
		expect(surveys.followReceipt(w.db, receipt, '198.51.100.40', 'en', NOW).state).toBe('found');
	});

	it('refuses a board item naming a survey that is not there', () => {
		const w = world();
		expect(() => board.createItem(w.db, w.org, itemDetails({ surveyId: w.surveyId + 99 }), NOW)).toThrow('survey_not_found');
	});
});
