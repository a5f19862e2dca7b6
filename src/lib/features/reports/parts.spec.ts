import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { Sector } from '$lib/sectors';
import ReportBody from './ReportBody.svelte';
import { ONE_PAGE_MOST, reportPage } from './parts';
import type { ReportData, StandardReport } from './types';

/** A report whose standards are about these sectors (null: the whole area), in that order. */
function report(sectors: (Sector | null)[]): ReportData {
	const standards = sectors.map((sector, i): StandardReport => ({
		id: i + 1,
		statement: `Standard ${i + 1}`,
		measure: 'Share on time',
		measureKind: 'operational',
		unit: 'percent',
		direction: 'higher_better',
		target: 80,
		amberFrom: 60,
		rule: 'Green at 80% or more.',
		service: sector ? { id: 100 + i, name: `Service ${i + 1}`, sector } : null,
		current: { value: 50 + i, missing: null, rag: 'red', basis: null, interval: null },
		trend: [],
		byGroup: [],
		bySector: [],
		evidence: { questions: [], figures: [], boardItemIds: [] }
	}));
	return {
		period: { start: '2026-07-01', end: '2026-09-30' },
		scope: { kind: 'area', label: 'area' },
		generatedAt: '2026-10-01T09:00:00.000Z',
		rules: { minimumForPercentage: 10, smallCountBelow: 5 },
		standards,
		summary: { green: 0, amber: 0, red: standards.length, unrated: 0 },
		board: { raised: 0, due: 0, answeredOnTime: 0, overdue: 0, done: 0, items: { raised: [], due: [], overdue: [], done: [] } },
		quotes: [],
		themes: [],
		youngPeople: { shown: false, youngPeople: { kind: 'fewer_than', limit: 10 }, symbols: [] }
	};
}

const viewer = { openResults: [], showWhoEntered: true };
/** 24 standards: 2 about the whole area, 10 in health, 12 in education (listed out of order). */
const long = () => report([...Array(10).fill('health'), null, ...Array(12).fill('education'), null]);
const sections = (html: string) => [...html.matchAll(/<section class="rp-standard[^"]*" id="standard-(\d+)"/g)].map((m) => Number(m[1]));

describe('a long report, one part at a time', () => {
	it('keeps a short report whole', () => {
		const short = report(Array(ONE_PAGE_MOST).fill('health'));
		expect(reportPage(short, null)).toEqual({ data: short, outline: null });
		expect(reportPage(short, 'health').outline).toBeNull();
	});

	it('shows the whole area first, then each sector in order, and the whole report when asked', () => {
		const data = long();
		const first = reportPage(data, null);
		expect(first.outline!.parts).toEqual([
			{ key: 'area', standards: 2 },
			{ key: 'education', standards: 12 },
			{ key: 'health', standards: 10 }
		]);
		expect(first.outline!.shown).toBe('area');
		expect(first.data.standards.map((s) => s.id)).toEqual([11, 24]);
		// every standard is still at a glance, with what the table shows of it
		expect(first.outline!.glance.map((s) => s.id)).toEqual(data.standards.map((s) => s.id));
		expect(first.outline!.glance[0]).toEqual({ id: 1, statement: 'Standard 1', unit: 'percent', service: data.standards[0].service, current: { value: 50, missing: null, rag: 'red' } });
		// the rest of the report is the same: summary, board, quotes...
		expect({ ...first.data, standards: [] }).toEqual({ ...data, standards: [] });

		expect(reportPage(data, 'health').data.standards.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(reportPage(data, 'social_care').outline!.shown).toBe('area');
		expect(reportPage(data, 'nonsense').outline!.shown).toBe('area');
		const whole = reportPage(data, 'all');
		expect(whole.outline!.shown).toBe('all');
		expect(whole.data).toBe(data);
	});

	it('renders every standard at a glance, the shown part in full, and links to the others in their parts', () => {
		const page = reportPage(long(), 'education');
		const { body } = render(ReportBody, { props: { data: page.data, viewer, outline: page.outline } });
		expect(sections(body)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
		// at a glance: a standard on this page by its anchor, one elsewhere in its part
		expect(body).toContain('<a href="#standard-12">Standard 12</a>');
		expect(body).toContain('<a href="?part=health#standard-1">Standard 1</a>');
		expect(body).toContain('<a href="?part=area#standard-11">Standard 11</a>');
		// the parts, this one marked, the whole report a link away, and the next part
		expect(body).toMatch(/<a href="\?part=education#parts" aria-current="page"[^>]*>Education<\/a>/);
		expect(body).toMatch(/<a href="\?part=health#parts"[^>]*>Health<\/a>\s*<span class="rp-parts-count[^"]*">\(10 standards\)<\/span>/);
		expect(body).toMatch(/<a href="\?part=all"( class="[^"]*")?>The whole report on one page<\/a>/);
		expect(body.match(/aria-current/g)).toHaveLength(1);
		expect(body).toContain('<a href="?part=health#parts">Next part: Health</a>');
		// the summary still counts every standard
		expect(body).toContain('Standards: 0 green, 0 amber, 24 red, 0 not rated.');
	});

	it('renders the whole report on one page with every standard in full', () => {
		const page = reportPage(long(), 'all');
		const { body } = render(ReportBody, { props: { data: page.data, viewer, outline: page.outline } });
		expect(sections(body).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
		expect(body).toContain('<a href="#standard-1">Standard 1</a>');
		expect(body).toMatch(/<a href="\?part=all" aria-current="page"[^>]*>/);
		expect(body).not.toContain('Next part');
	});

	it('renders a short report as before: whole, with no parts', () => {
		const data = report([null, 'health', 'education']);
		const { body } = render(ReportBody, { props: { data, viewer } });
		expect(sections(body)).toEqual([1, 3, 2]);
		expect(body).not.toContain('Parts of this report');
		expect(body).toContain('<a href="#standard-2">Standard 2</a>');
	});
});
