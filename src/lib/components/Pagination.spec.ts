/** Pagination: the page links four list pages (board, meetings, audit log, written answers) wrote out by hand. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Pagination from './Pagination.svelte';

function html(page: number, count: number) {
	const props = { label: 'Audit log pages', page, count, href: (n: number) => `?page=${n}`, previous: 'Previous page', next: 'Next page', current: `Page ${page} of ${count}` };
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
});
