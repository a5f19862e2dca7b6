import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEntry, reachBaseline, reachBaselineCount } from '../db/schema';
import { ForbiddenError } from '../errors';
import { addPerson, testDb } from '../testing';
import { CATEGORIES } from '$lib/features/reach/model';
import { categoryName } from '$lib/features/reach/labels';
import { locales } from '$lib/paraglide/runtime';
import { BASELINE_MAX_ROWS, comparison, currentBaseline, importBaseline, previewBaseline } from '.';

const DETAILS = { asOf: '2025-01-16', source: 'SEN2 2025 and January 2025 school census' };
const GOOD = `characteristic,category,count
need_area,communication_interaction,3150
Need area,"Social, emotional and mental health","2,950"
phase,post_16,1400
language,Bengali,900
language,english,6570
`;

describe('the baseline import', () => {
	it('previews a good file, accepting keys or words, and saves it replacing the baseline, with who and when in the audit log', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const preview = previewBaseline(admin, GOOD, DETAILS);
		expect(preview.problems).toBe(0);
		expect(preview.fileProblem).toBeNull();
		expect(preview.rows.map((r) => r.figure)).toEqual([
			{ characteristic: 'need_area', category: 'communication_interaction', count: 3150 },
			{ characteristic: 'need_area', category: 'social_emotional_mental_health', count: 2950 },
			{ characteristic: 'phase', category: 'post_16', count: 1400 },
			{ characteristic: 'language', category: 'bengali', count: 900 },
			{ characteristic: 'language', category: 'english', count: 6570 }
		]);
		// a preview saves nothing
		expect(db.select().from(reachBaseline).all()).toEqual([]);

		const first = new Date('2026-01-05T10:00:00Z');
		expect(importBaseline(db, admin, GOOD, DETAILS, first).saved).toBe(5);
		const second = new Date('2026-02-05T10:00:00Z');
		expect(importBaseline(db, admin, 'characteristic,category,count\nsex,female,3000\nsex,male,6000\n', { asOf: '2026-01-15', source: 'SEN2 2026' }, second).saved).toBe(2);
		const now = currentBaseline(db, admin)!;
		expect(now).toMatchObject({ asOf: '2026-01-15', source: 'SEN2 2026', importedAt: second });
		expect(now.counts.sex).toEqual({ female: 3000, male: 6000 });
		expect(now.counts.language).toEqual({});
		expect(db.select().from(reachBaselineCount).all()).toHaveLength(2);
		const audits = db.select().from(auditEntry).where(eq(auditEntry.action, 'reach.baseline_imported')).all();
		expect(audits.map((a) => [a.actorId, a.at])).toEqual([
			[admin.id, first],
			[admin.id, second]
		]);
	});

	it('gives every bad line its problems and saves nothing', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const csv = `characteristic,category,count
need_area,communication_interaction,100
eye_colour,blue,3
phase,sixth_form,40
phase,primary,-5
phase,secondary,lots
phase,early_years,2.5
phase,post_16,
need_area,Communication and interaction,7
sex,female,3,extra
`;
		const preview = previewBaseline(admin, csv, DETAILS);
		expect(preview.fileProblem).toBeNull();
		expect(preview.rows.map((r) => [r.line, r.problems.map((p) => p.code)])).toEqual([
			[2, []],
			[3, ['characteristic']],
			[4, ['category']],
			[5, ['count_negative']],
			[6, ['count_number']],
			[7, ['count_number']],
			[8, ['count_missing']],
			[9, ['duplicate']],
			[10, ['columns']]
		]);
		expect(preview.problems).toBe(8);
		expect(importBaseline(db, admin, csv, DETAILS).saved).toBe(0);
		expect(db.select().from(reachBaseline).all()).toEqual([]);
	});

	it('accepts every language by its key and by its name in each of Chorus’s languages, each name meaning one language', () => {
		const admin = { id: 1, roles: ['admin'] as const };
		const lines = CATEGORIES.language.flatMap((k) => [k, ...locales.map((l) => categoryName('language', k, l))].map((word) => ({ k, word })));
		const csv = (words: typeof lines) => `characteristic,category,count\n${words.map((w, i) => `language,"${w.word}",${i}`).join('\n')}\n`;
		// one file per language (a file names each group once), every line read as the language it names
		for (const word of lines) {
			const preview = previewBaseline(admin, csv([word]), DETAILS);
			expect(preview.problems, `${word.k}: ${word.word}`).toBe(0);
			expect(preview.rows[0].figure?.category, word.word).toBe(word.k);
		}
		// the new ones from a school census-style file
		const census = previewBaseline(admin, 'characteristic,category,count\nlanguage,kurdish,180\nlanguage,British Sign Language (BSL),20\nlanguage,Yidiş,90\nlanguage,twi,15\n', DETAILS);
		expect(census.rows.map((r) => r.figure?.category)).toEqual(['kurdish', 'bsl', 'yiddish', 'twi']);
	});

	it('names a problem with the whole file, or with the date and source', () => {
		const admin = { id: 1, roles: ['admin'] as const };
		const problem = (csv: string) => previewBaseline(admin, csv, DETAILS).fileProblem;
		expect(problem('')).toBe('empty');
		expect(problem('standard,value\n1,2\n')).toBe('header');
		expect(problem('characteristic,category\nsex,female\n')).toBe('header');
		expect(problem('characteristic,category,count\n')).toBe('no_rows');
		expect(problem('characteristic,category,count\nsex,"female,3\n')).toBe('unclosed_quote');
		expect(problem(`characteristic,category,count\n${'sex,female,1\n'.repeat(BASELINE_MAX_ROWS + 1)}`)).toBe('too_many_rows');
		expect(problem(`characteristic,category,count\nsex,female,${'1'.repeat(100_001)}\n`)).toBe('too_big');
		const details = previewBaseline(admin, GOOD, { asOf: '16/01/2025', source: ' ' });
		expect(details.details).toEqual({ asOf: 'invalid', source: 'missing' });
		expect(details.problems).toBe(2);
	});

	it('is for admins only, and the baseline is for staff who read reports', () => {
		const db = testDb();
		for (const role of ['organiser', 'service_lead', 'board_member', 'parent_carer'] as const) {
			const person = addPerson(db, [role]);
			expect(() => previewBaseline(person, GOOD, DETAILS)).toThrow(ForbiddenError);
			expect(() => importBaseline(db, person, GOOD, DETAILS)).toThrow(ForbiddenError);
		}
		expect(() => previewBaseline(null, GOOD, DETAILS)).toThrow(ForbiddenError);
		expect(currentBaseline(db, addPerson(db, ['board_member']))).toBeNull();
		expect(() => currentBaseline(db, addPerson(db, ['parent_carer']))).toThrow(ForbiddenError);
		expect(() => currentBaseline(db, null)).toThrow(ForbiddenError);
	});

	it('compares counts with the baseline there is, under the area’s rules', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		expect(comparison(db, 'language', { english: 40, bengali: 5 }).baseline).toBeNull();
		importBaseline(db, admin, GOOD, DETAILS);
		const c = comparison(db, 'language', { english: 80, bengali: 5 });
		expect(c.baseline).toEqual({ asOf: DETAILS.asOf, source: DETAILS.source });
		const bengali = c.rows.find((r) => r.category === 'bengali')!;
		expect(bengali.count).toBe(5);
		expect(bengali.localShare).toBeCloseTo(900 / 7470);
		expect(bengali.underHeard).toBe(true);
	});
});
