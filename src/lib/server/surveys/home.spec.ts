/** A signed-in person's started surveys on their home page, and carrying on with one without its receipt code. */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors';
import { addPerson, surveyDetails, testDb, thrown } from '../testing';
import * as surveys from '.';

const NOW = new Date('2026-11-20T12:00:00Z');

function setUp() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const parent = addPerson(db, ['parent_carer']);
	const other = addPerson(db, ['parent_carer']);
	const survey = (title: string, details: Partial<Parameters<typeof surveyDetails>[0]> = {}) => {
		const id = surveys.create(db, organiser, surveyDetails({ title, anonymous: false, opensOn: '2026-11-01', ...details }), NOW);
		const question = surveys.addQuestion(db, organiser, id, 'yes_no', 'Is the club good?');
		surveys.publish(db, organiser, id, NOW);
		return { id, question };
	};
	return { db, organiser, parent, other, survey };
}

describe('surveys you started', () => {
	it('lists the open named surveys a person started and has not sent, soonest closing first, and no one else’s', () => {
		const { db, organiser, parent, other, survey } = setUp();
		const clubs = survey('Holiday clubs', { closesOn: '2026-12-31' });
		const transport = survey('School transport', { closesOn: '2026-11-30' });
		const anonymous = survey('Short breaks', { anonymous: true });
		const closed = survey('Last year', { closesOn: '2026-12-31' });
		surveys.start(db, parent, clubs.id, 'en', 'answer', NOW);
		surveys.start(db, parent, clubs.id, 'en', 'answer', NOW); // started twice: listed once
		surveys.start(db, parent, transport.id, 'en', 'answer', NOW);
		surveys.start(db, parent, anonymous.id, 'en', 'answer', NOW); // anonymous: holds no account
		surveys.start(db, parent, closed.id, 'en', 'answer', NOW);
		surveys.close(db, organiser, closed.id, NOW);
		surveys.start(db, other, clubs.id, 'en', 'answer', NOW);
		expect(surveys.startedSurveys(db, parent, NOW)).toEqual([
			{ surveyId: transport.id, title: 'School transport', closesOn: '2026-11-30', savedOn: '2026-11-20' },
			{ surveyId: clubs.id, title: 'Holiday clubs', closesOn: '2026-12-31', savedOn: '2026-11-20' }
		]);
		expect(surveys.startedSurveys(db, null, NOW)).toEqual([]);
	});

	it('leaves a survey off once its answers are sent', () => {
		const { db, parent, survey } = setUp();
		const { id, question } = survey('Holiday clubs');
		const { token } = surveys.start(db, parent, id, 'en', 'answer', NOW);
		surveys.saveAnswer(db, parent, id, token, question, [surveys.forAnswering(db, id, 'en').questions[0].options[0].id], '', NOW);
		expect(surveys.startedSurveys(db, parent, NOW)).toHaveLength(1);
		surveys.submit(db, parent, id, token, NOW);
		expect(surveys.startedSurveys(db, parent, NOW)).toEqual([]);
	});

	it('carries on with the person’s own answers under a new link; the old link stops working', () => {
		const { db, parent, other, survey } = setUp();
		const { id, question } = survey('Holiday clubs');
		const { token } = surveys.start(db, parent, id, 'en', 'answer', NOW);
		const options = surveys.forAnswering(db, id, 'en').questions[0].options;
		surveys.saveAnswer(db, parent, id, token, question, [options[0].id], '', NOW);

		const renewed = surveys.continueStarted(db, parent, id, NOW);
		expect(renewed).not.toBe(token);
		const opened = surveys.open(db, parent, id, renewed, NOW);
		expect(opened.state === 'draft' && opened.draft.parsed[question]).toMatchObject({ options: [options[0].id] });
		expect(thrown(() => surveys.open(db, parent, id, token, NOW))).toBeInstanceOf(NotFoundError);

		// someone else, or nobody, has no answers of theirs to carry on with
		for (const actor of [other, null]) expect(thrown(() => surveys.continueStarted(db, actor, id, NOW))).toMatchObject({ code: 'response_not_found' });
		expect(surveys.open(db, parent, id, renewed, NOW).state).toBe('draft');
	});

	it('does not carry on once the survey has closed', () => {
		const { db, organiser, parent, survey } = setUp();
		const { id } = survey('Holiday clubs');
		surveys.start(db, parent, id, 'en', 'answer', NOW);
		surveys.close(db, organiser, id, NOW);
		expect(thrown(() => surveys.continueStarted(db, parent, id, NOW))).toBeInstanceOf(surveys.SurveyClosedError);
	});
});
