/**
 * The yearly reports as pages draw them, without a browser: the forum report from its sections
 * alone (it has no end-to-end test of its own: the Local Offer report's, tests/e2e/yearly.test.ts,
 * runs the same mechanism), and the Local Offer report's counts and answers.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ForumBody from './ForumBody.svelte';
import LocalOfferBody from './LocalOfferBody.svelte';
import type { ForumData, LocalOfferData } from './model';

const period = { start: '2025-04-01', end: '2026-03-31' };

describe('the yearly report pages', () => {
	it('draw each forum section\'s figures and its table, a survey still open in words', () => {
		const data: ForumData = {
			kind: 'forum',
			year: 2025,
			period,
			madeOn: '2026-04-02',
			sections: [
				{ key: 'meetings', figures: [{ key: 'meetings_held', value: 4 }], table: { columns: [{ key: 'meeting', kind: 'text' }, { key: 'day', kind: 'day' }, { key: 'attended', kind: 'number' }], rows: [['Forum meeting, May', '2025-05-14', 12]] } },
				{ key: 'surveys', figures: [{ key: 'surveys_run', value: 1 }], table: { columns: [{ key: 'survey', kind: 'text' }, { key: 'closes_on', kind: 'day' }], rows: [['Short breaks', null]] } }
			]
		};
		const body = render(ForumBody, { props: { data } }).body.replace(/<!--[^>]*-->/g, '');
		expect(body).toContain('<h2 id="section-meetings">Meetings held and who came</h2>');
		expect(body).toMatch(/<strong>4<\/strong> Meetings held/);
		expect(body).toContain('<th scope="row">Forum meeting, May</th><td>14 May 2025</td><td>12</td>');
		expect(body).toContain('<td>still open</td>');
	});

	it('draw the Local Offer report: counts by aspect and status, each "you said" with what was done and whether on time', () => {
		const none = { new: 0, made_item: 0, merged: 0, closed: 0 };
		const zero = { heard: 0, working_on_it: 0, done: 0, not_possible: 0 };
		const data: LocalOfferData = {
			kind: 'local_offer',
			year: 2025,
			period,
			madeOn: '2026-04-02',
			aspects: [
				{
					aspect: 'content',
					entries: [{ itemId: 7, youSaid: 'Clubs listed had closed.', easyRead: null, easyReadSymbol: null, voices: 3, status: 'done', heardOn: '2025-05-01', dueOn: '2025-06-12', firstAnsweredOn: '2025-06-20', answeredOnTime: false, weDid: [{ text: 'Every page is checked.', on: '2025-06-20', by: null, status: 'done' }] }],
					byStatus: { ...zero, done: 1 },
					notPublic: 2,
					feedback: { ...none, new: 1, closed: 2 }
				},
				{ aspect: 'accessibility', entries: [], byStatus: zero, notPublic: 0, feedback: none },
				{ aspect: 'development', entries: [], byStatus: zero, notPublic: 0, feedback: none }
			]
		};
		const { body } = render(LocalOfferBody, { props: { data } });
		expect(body).toContain('You said: Clubs listed had closed.');
		expect(body).toContain('20 June 2025, the forum:');
		expect(body).toContain('Answered after the date we promised (12 June 2025).');
		expect(body).toContain('Nobody told us about this in the year.');
		// the glance row: heard, working on it, done, not possible, on the board, not public, feedback
		expect(body.replace(/<!--[^>]*-->/g, '')).toContain('What it says</a></th><td>0</td><td>0</td><td>1</td><td>0</td><td>1</td><td>2</td><td>3</td>');
	});
});
