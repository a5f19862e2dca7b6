/**
 * What the report pages staff use accept and show, without a browser: a board member's comment,
 * starting a report, and a rating badge. The end-to-end tests of a board member commenting on a
 * draft and a service lead following its figures run with JavaScript on only
 * (tests/e2e/reports.test.ts, decision 0044).
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import RagBadge from './RagBadge.svelte';
import { REPORT_LIMITS, commentSchema, reportSchema } from './schemas';

/** The problems a form shows, as [field, words]. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	expect(result.success).toBe(false);
	return result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]);
}

const text = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('a draft report', () => {
	it('a comment needs words, trimmed, up to 4000 letters', () => {
		expect(problems(commentSchema.safeParse({ body: ' \n ' }))).toEqual([['body', 'Write a comment of up to 4000 letters.']]);
		expect(problems(commentSchema.safeParse({ body: 'x'.repeat(REPORT_LIMITS.comment + 1) }))).toEqual([['body', 'Write 4000 letters or fewer.']]);
		const words = 'Can we hear from the CAMHS lead at the next meeting?';
		expect(commentSchema.parse({ body: `  ${words}\n` })).toEqual({ body: words });
		expect(commentSchema.parse({ body: 'x'.repeat(REPORT_LIMITS.comment) }).body).toHaveLength(REPORT_LIMITS.comment);
	});

	it('starting a report needs a title, a period from the list or two days in order, and a scope of the three shapes', () => {
		expect(problems(reportSchema.safeParse({ title: ' ', period: '', scope: 'county' }))).toEqual([
			['title', 'Give the report a title.'],
			['period', 'Choose the period the report covers.'],
			['scope', 'Choose what the report covers.']
		]);
		expect(problems(reportSchema.safeParse({ title: 'Half year', period: 'custom', periodStart: '2026-07-01', periodEnd: '2026-06-30' }))).toEqual([
			['periodEnd', 'The last day must be on or after the first day.']
		]);
		expect(problems(reportSchema.safeParse({ title: 'Half year', period: 'custom', periodStart: '1 July', periodEnd: '' }))).toEqual([
			['periodStart', 'Give the first day as a date, for example 2026-07-01.'],
			['periodEnd', 'Give the last day as a date, for example 2026-09-30.']
		]);
		expect(reportSchema.parse({ title: ' Speech and language therapy ', period: '2026-04-01/2026-09-30', scope: 'service:3' })).toEqual({
			title: 'Speech and language therapy',
			period: '2026-04-01/2026-09-30',
			periodStart: '',
			periodEnd: '',
			scope: 'service:3'
		});
		for (const scope of ['area', 'sector:health', 'service:12']) expect(reportSchema.safeParse({ title: 'T', period: '2026-01-01/2026-03-31', scope }).success).toBe(true);
		for (const scope of ['sector:transport', 'service:0', 'service:3:4']) expect(reportSchema.safeParse({ title: 'T', period: '2026-01-01/2026-03-31', scope }).success).toBe(false);
	});

	it('a rating is never shown by colour alone: its word and what it means, the icon hidden from screen readers', () => {
		const says = { green: 'Green: on target', amber: 'Amber: close to target', red: 'Red: not on target' } as const;
		for (const rag of ['green', 'amber', 'red'] as const) {
			const { body } = render(RagBadge, { props: { rag } });
			expect(text(body)).toBe(says[rag]);
			expect(body).toMatch(new RegExp(`<span class="rp-rag rp-rag-${rag}[ "]`));
			expect(body).toMatch(new RegExp(`<svg class="rp-rag-icon[^"]*"[^>]*aria-hidden="true"[^>]*><use href="#rp-rag-${rag}"`));
		}
		expect(text(render(RagBadge, { props: { rag: null } }).body)).toBe('Not rated: no figure to rate');
		// In a table of ratings, the word only.
		expect(text(render(RagBadge, { props: { rag: 'amber', compact: true } }).body)).toBe('Amber');
	});
});
