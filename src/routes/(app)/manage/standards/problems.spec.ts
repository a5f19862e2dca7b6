import { describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/server/errors';
import { anyOf, refusal } from '$lib/server/http';
import * as standards from '$lib/server/standards';
import { addPerson, testDb } from '$lib/server/testing';
import type { StandardInput } from '$lib/server/standards';
import { figureProblemField, isKnownProblem, problemText } from './problems';

/** Every explanation a call throws (StandardProblem or ValidationError), or null if it passes. */
function explanation(call: () => unknown): string | null {
	try {
		call();
		return null;
	} catch (e) {
		return refusal(e, {}, { kinds: [anyOf(ValidationError, (e) => e.message)] });
	}
}

describe('the standards service explanations', () => {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const base: StandardInput = { serviceId: null, statement: 'S', measure: 'M', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 75, amberFrom: 60 };
	const operational = standards.create(db, organiser, base);
	const survey = standards.create(db, organiser, { ...base, measureKind: 'survey' });
	const days = standards.create(db, organiser, { ...base, unit: 'days', direction: 'lower_better', target: 10, amberFrom: 15 });
	const archived = standards.create(db, organiser, base);
	standards.setArchived(db, organiser, archived, true);
	standards.enterFigure(db, organiser, operational, { period: { start: '2026-01-01', end: '2026-03-31' }, value: 50, note: '' });

	const standardProblems = [
		{ ...base, statement: ' ' },
		{ ...base, measure: 'x'.repeat(201) },
		{ ...base, measureKind: 'guess' as never },
		{ ...base, direction: 'sideways' as never },
		{ ...base, unit: 'miles' as never },
		{ ...base, target: NaN },
		{ ...base, amberFrom: NaN },
		{ ...base, target: 120 },
		{ ...base, unit: 'days' as const, target: -1 },
		{ ...base, target: 100, amberFrom: 101 },
		{ ...base, unit: 'count' as const, amberFrom: -2, target: 3 },
		{ ...base, amberFrom: 80 },
		{ ...base, direction: 'lower_better' as const },
		{ ...base, serviceId: 9999 }
	].map((input) => explanation(() => standards.create(db, organiser, input)));
	const kindFixed = explanation(() => standards.update(db, organiser, operational, { ...base, measureKind: 'survey' }));
	const figure = (id: number, start: string, end: string, value: number, note = '') =>
		explanation(() => standards.enterFigure(db, organiser, id, { period: { start, end }, value, note }));
	const figureProblems = [
		figure(survey, '2026-01-01', '2026-03-31', 5),
		figure(archived, '2026-01-01', '2026-03-31', 5),
		figure(operational, '2026-02-30', '2026-03-31', 5),
		figure(operational, '2026-03-31', '2026-01-01', 5),
		figure(operational, '2026-01-01', '2026-03-31', NaN),
		figure(operational, '2026-01-01', '2026-03-31', 101),
		figure(days, '2026-01-01', '2026-03-31', -1),
		figure(operational, '2026-01-01', '2026-03-31', 50, 'x'.repeat(1001))
	];
	const header = standards.IMPORT_COLUMNS.join(',');
	const rows = standards.previewImport(db, organiser, `${header}\n${operational},2026-04-01,2026-06-30,1,a,extra\nabc,2026-04-01,2026-06-30,1,\n999,2026-04-01,2026-06-30,1,\n${operational},2026-04-01,2026-06-30,1,\n`).rows;
	const fileProblems = ['', 'a,b\n', `${header}\n`, `${header}\n"1,2`].map((csv) => standards.previewImport(db, organiser, csv).fileProblem);

	it('knows every explanation the service gives, so each is shown in the person’s language', () => {
		const all = [...standardProblems, kindFixed, ...figureProblems, ...rows.flatMap((r) => r.problems), ...fileProblems];
		expect(all.every((text) => typeof text === 'string')).toBe(true);
		expect(all.filter((text) => !isKnownProblem(text!))).toEqual([]);
		// one of each of the 31 explanations problems.ts knows
		expect(new Set(all).size).toBe(31);
		// The English messages say exactly what the service says (so no rule maps to the wrong message).
		for (const text of all) expect(problemText(text!)).toBe(text);
		expect(rows[3].problems).toEqual(['The same standard and period appear on an earlier line.']);
		expect(problemText(rows[2].problems[0])).toBe('Standard 999 is not one you can enter figures for.');
	});

	it('puts a figure’s problem on the field it is about', () => {
		expect(figureProblems.slice(2).map((text) => figureProblemField(text!))).toEqual(['start', 'end', 'value', 'value', 'value', 'note']);
		// a problem with the standard itself goes on the figure
		expect(figureProblemField(figureProblems[0]!)).toBe('value');
	});

	it('shows an explanation it does not know as the service wrote it', () => {
		expect(isKnownProblem('Something new went wrong.')).toBe(false);
		expect(problemText('Something new went wrong.')).toBe('Something new went wrong.');
	});
});
