/**
 * The home page as rendered for each kind of person, from a real database: the counts of "What
 * needs you" (or plainly that nothing does), the staff pages, and the sections everyone sees.
 */
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import * as board from '$lib/server/board';
import { navigationFor } from '$lib/server/navigation';
import type { Actor } from '$lib/server/permissions';
import { needsYou } from '$lib/server/registry';
import * as surveys from '$lib/server/surveys';
import { addPerson, testDb } from '$lib/server/testing';
import HomePage from './+page.svelte';

vi.mock('$app/forms', () => ({ enhance: () => ({}) }));
vi.mock('$app/state', () => ({ page: { form: null, url: new URL('https://chorus.test/') } }));

const NOW = new Date('2026-11-20T12:00:00Z');

// (board's own test helpers are for its specs: a route's spec uses the feature through its index)
const item = (heardOn: string): board.ItemInput => ({ youSaid: 'We wait too long.', easyRead: '', easyReadSymbol: null, voices: 1, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: [], heardOn });
const feedback: board.FeedbackInput = { whatHappened: 'Nobody called back.', serviceId: null, contactName: '', contactEmail: '', contactPhone: '', consentToContact: false, aboutWho: null };

function page(db: ReturnType<typeof testDb>, actor: (NonNullable<Actor> & { name?: string }) | null) {
	const data = {
		user: actor ? { name: actor.name ?? 'Someone', roles: actor.roles } : null,
		nav: navigationFor(actor),
		surveys: { shown: [], total: 0 },
		answered: [],
		nextMeeting: null,
		needs: needsYou(db, actor, NOW).map(({ id, text, href }) => ({ id, text, href })),
		started: surveys.startedSurveys(db, actor, NOW),
		profile: null
	};
	// the page's data as its load makes it, with the layout's user and menu
	return render(HomePage, { props: { data } as never }).body.replace(/<!--[\s\S]*?-->/g, '');
}

describe('the home page', () => {
	it('shows an organiser what needs them, as links, most urgent first, and their staff pages', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		board.createItem(db, organiser, item('2026-09-01'), NOW);
		board.createItem(db, organiser, item('2026-09-02'), NOW);
		board.send(db, feedback, '192.0.2.1', NOW);
		const body = page(db, { ...organiser, name: 'Olu' });
		const needs = body.match(/<section aria-labelledby="home-needs">[\s\S]*?<\/section>/)?.[0] ?? '';
		expect(needs).toContain('<h2 id="home-needs">What needs you</h2>');
		expect([...needs.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
			['/manage/board?show=overdue', '2 answers are overdue'],
			['/manage/feedback', '1 piece of feedback is waiting for you']
		]);
		const manage = body.match(/<nav aria-labelledby="home-manage">[\s\S]*?<\/nav>/)?.[0] ?? '';
		expect(manage).toContain('<a href="/manage/feedback">Feedback queue</a>');
		expect(manage).toContain('<a href="/manage/surveys">Build surveys</a>');
	});

	it('tells staff plainly when nothing needs them', () => {
		const db = testDb();
		const body = page(db, { ...addPerson(db, ['board_member']), name: 'Bea' });
		expect(body).toContain('<h2 id="home-needs">What needs you</h2> <p>Nothing needs you right now.</p>');
		expect(body).toContain('<a href="/manage/reports">Draft reports</a>');
	});

	it('shows a parent carer and a visitor no staff counts and no staff pages, and everyone how to get emails', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		board.send(db, feedback, '192.0.2.1', NOW);
		board.createItem(db, organiser, item('2026-09-01'), NOW);
		for (const actor of [{ ...addPerson(db, ['parent_carer']), name: 'Pat' }, null]) {
			const body = page(db, actor);
			expect(body).not.toContain('What needs you');
			expect(body).not.toContain('home-manage');
			expect(body).not.toContain('/manage/');
			expect(body).toContain('<a href="/subscribe">Choose your emails</a>');
		}
	});
});
