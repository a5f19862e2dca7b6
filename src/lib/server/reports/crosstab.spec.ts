import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '../db';
import { closeReaders } from '../db/reader';
import { addPerson } from '../testing';
import { ForbiddenError } from '../errors';
import * as surveys from '../surveys';
import * as reports from './service';
import { listenedSurvey } from './testing';
import { wholeMonths } from '$lib/time';

const dir = mkdtempSync(join(tmpdir(), 'chorus-crosstab-'));
afterAll(async () => {
	await closeReaders();
	rmSync(dir, { recursive: true, force: true });
});

/** A survey with a yes / no question linked to a standard and an "area" question, answered `answers` times. */
function setUp(db: Db, answers: [area: number, yes: boolean][]) {
	const org = addPerson(db, ['organiser']);
	const { surveyId, questionId, standardId } = listenedSurvey(db, org, { title: 'Areas', audience: 'parent_carers' }, 'area');
	const s = surveys.forAnswering(db, surveyId, 'en');
	const areaQuestion = s.questions.find((q) => q.id !== questionId)!;
	const yesNo = s.questions.find((q) => q.id === questionId)!;
	const on = new Date('2026-05-10T12:00:00Z');
	for (const [area, yes] of answers) {
		const { token } = surveys.start(db, null, surveyId, 'en', 'answer', on);
		surveys.saveAnswer(db, null, surveyId, token, yesNo.id, [yesNo.options[yes ? 0 : 1].id], '', on);
		surveys.saveAnswer(db, null, surveyId, token, areaQuestion.id, [areaQuestion.options[area].id], '', on);
		surveys.submit(db, null, surveyId, token, on);
	}
	return { org, standardId, areaLabels: areaQuestion.options.map((o) => o.label) };
}

describe('breakdowns by "about you" answers, from raw answers in a worker', () => {
	it('gives the same counts in the worker as on the request thread, under the disclosure rules', async () => {
		// area 0: 12 answers, 9 yes; area 1: 11 answers, 4 yes; area 2: 3 answers, all yes
		const answers: [number, boolean][] = [
			...Array.from({ length: 12 }, (_, i) => [0, i < 9] as [number, boolean]),
			...Array.from({ length: 11 }, (_, i) => [1, i < 4] as [number, boolean]),
			...Array.from({ length: 3 }, () => [2, true] as [number, boolean])
		];
		const fileDb = createDb(join(dir, 'chorus.db'));
		const memoryDb = createDb(':memory:');
		const onFile = setUp(fileDb, answers);
		setUp(memoryDb, answers);
		const period = { start: '2026-05-01', end: '2026-05-31' };
		const fromWorker = await surveys.crossTab(fileDb, onFile.standardId, period, 'area');
		const inThread = await surveys.crossTab(memoryDb, onFile.standardId, period, 'area');
		expect(fromWorker).toEqual(inThread);
		expect(fromWorker).toEqual([
			{ bucket: onFile.areaLabels[0], answered: 12, positive: 9 },
			{ bucket: onFile.areaLabels[1], answered: 11, positive: 4 },
			{ bucket: onFile.areaLabels[2], answered: 3, positive: 3 }
		]);

		const shown = await reports.breakdownByAboutYou(fileDb, onFile.org, onFile.standardId, period, 'area');
		// the third area has 3 responses: hidden, and so is the next smallest, so neither can be worked out
		expect(shown.rows.map((r) => r.share)).toEqual([75, null, null]);
		expect(shown.rows[2].responses).toBeNull();
		expect(shown.total.share).toBeCloseTo(61.5, 1);
		expect(await surveys.crossTab(fileDb, onFile.standardId, { start: '2026-06-01', end: '2026-06-30' }, 'area')).toEqual([]);
		await expect(reports.breakdownByAboutYou(fileDb, addPerson(fileDb, ['parent_carer']), onFile.standardId, period, 'area')).rejects.toThrow(ForbiddenError);
		fileDb.$client.close();
	});

	it('widens any period to whole months, so two overlapping periods cannot be subtracted to isolate a day', async () => {
		const db = createDb(':memory:');
		// Everyone answered on 10 May; one more person on 20 May, in the third area.
		const { org, standardId } = setUp(db, [...Array.from({ length: 12 }, () => [0, true] as [number, boolean]), ...Array.from({ length: 11 }, () => [1, false] as [number, boolean])]);
		const s = surveys.listOpen(db, '2026-05-20')[0];
		const late = surveys.forAnswering(db, s.id, 'en');
		const on = new Date('2026-05-20T12:00:00Z');
		const { token } = surveys.start(db, null, s.id, 'en', 'answer', on);
		surveys.saveAnswer(db, null, s.id, token, late.questions[0].id, [late.questions[0].options[0].id], '', on);
		surveys.saveAnswer(db, null, s.id, token, late.questions[1].id, [late.questions[1].options[2].id], '', on);
		surveys.submit(db, null, s.id, token, on);

		const upTo19 = await reports.breakdownByAboutYou(db, org, standardId, { start: '2026-05-01', end: '2026-05-19' }, 'area');
		const upTo20 = await reports.breakdownByAboutYou(db, org, standardId, { start: '2026-05-01', end: '2026-05-20' }, 'area');
		expect(upTo19.period).toEqual({ start: '2026-05-01', end: '2026-05-31' });
		expect(upTo20).toEqual(upTo19);
		expect(upTo19.total.responses).toEqual({ kind: 'value', value: 24 });
		const oneDay = await reports.breakdownByAboutYou(db, org, standardId, { start: '2026-05-20', end: '2026-05-20' }, 'area');
		expect(oneDay).toEqual(upTo19);
		// Across a year end and a leap February.
		expect(wholeMonths({ start: '2027-12-15', end: '2028-02-03' })).toEqual({ start: '2027-12-01', end: '2028-02-29' });
		db.$client.close();
	});
});

