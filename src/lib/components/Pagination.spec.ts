/** Pagination: the page links four list pages (board, meetings, audit log, written answers) wrote out by hand. */
import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import Pagination from './Pagination.svelte';

vi.mock('$app/state', () => ({ page: { url: new URL('https://chorus.test/board?sector=health&q=short%20breaks&page=2') } }));

function html(page: number, count: number, href: ((n: number) => string) | null = (n) => `?page=${n}`) {
	const props = { label: 'Audit log pages', page, count, href: href ?? undefined, previous: 'Previous page', next: 'Next page', current: `Page ${page} of ${count}` };
	return render(Pagination, { props }).body.replace(/<!--[\s\S]*?-->/g, '');
}

describe('Pagination', () => {
	it('links the page before and after in a named nav, saying which page this is', () => {
		expect(html(2, 3)).toBe(
			'<nav aria-label="Audit log pages"><ul class="pagination"><li><a href="?page=1">Previous page</a></li> <li>Page 2 of 3</li> ' +
				'<li><a href="?page=3">Next page</a></li></ul></nav>'
		);
	});

	it('has no link before the first page or after the last, and nothing at all for one page', () => {
		expect(html(1, 3)).not.toContain('Previous page');
		expect(html(3, 3)).not.toContain('Next page');
		expect(html(1, 1)).toBe('');
	});

	it('by default links this address at another page, keeping the rest of its query', () => {
		const body = html(2, 3, null);
		expect(body).toContain('<a href="?sector=health&amp;q=short%20breaks&amp;page=1">Previous page</a>');
		expect(body).toContain('<a href="?sector=health&amp;q=short%20breaks&amp;page=3">Next page</a>');
	});
});
