/** The header's menu as rendered: the staff pages in a "Manage" disclosure that works without JavaScript. */
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import type { Navigation } from '$lib/navigation';
import { navigationFor } from '$lib/server/navigation';
import SiteMenu from './SiteMenu.svelte';

const here = vi.hoisted(() => ({ url: new URL('https://chorus.test/manage/board?show=overdue') }));
vi.mock('$app/state', () => ({ page: here }));
vi.mock('$app/navigation', () => ({ afterNavigate: () => {} }));

const html = (nav: Navigation) => render(SiteMenu, { props: { nav } }).body.replace(/<!--[\s\S]*?-->/g, '');

describe('the site menu', () => {
	it('folds an organiser’s staff pages into a closed "Manage" disclosure, between the public pages and their account', () => {
		const body = html(navigationFor({ id: 1, roles: ['organiser'] }));
		const disclosure = body.match(/<details>[\s\S]*<\/details>/)?.[0] ?? '';
		expect(disclosure).toMatch(/^<details><summary class="current">Manage<\/summary>\s*<ul>/);
		expect(disclosure).toContain('<a href="/manage/board" aria-current="page">Follow up</a>');
		expect(disclosure).toContain('<a href="/manage/feedback">Feedback queue</a>');
		expect(disclosure).not.toContain('href="/board"');
		const order = ['>Home<', '>You said, we did<', '>Board reports<', '<details>', '>Your account<'].map((text) => body.indexOf(text));
		expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
	});

	it('has no "Manage" for a parent carer or a visitor', () => {
		for (const actor of [{ id: 2, roles: ['parent_carer'] as const }, null]) {
			const body = html(navigationFor(actor));
			expect(body).not.toContain('<details');
			expect(body).toContain('<nav class="site-nav" aria-label="Main menu">');
		}
	});
});
