/** DataTable: the markup every list page's table had written out by hand, now in one place. */
import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import DataTable from './DataTable.svelte';

const rows = createRawSnippet(() => ({ render: () => '<tr><th scope="row">Jay</th><td>7</td></tr>' }));

function html(props: Omit<Parameters<typeof DataTable>[1], 'children'>) {
	return render(DataTable, { props: { ...props, children: rows } }).body.replace(/<!--[\s\S]*?-->/g, '');
}

describe('DataTable', () => {
	it('wraps the table to scroll sideways and gives each column heading scope="col", then the rows', () => {
		expect(html({ caption: 'People', columns: ['Name', 'Year'] })).toBe(
			'<div class="table-wrap"><table><caption>People</caption><thead><tr><th scope="col">Name</th><th scope="col">Year</th></tr></thead>' +
				'<tbody><tr><th scope="row">Jay</th><td>7</td></tr></tbody></table></div>'
		);
	});

	it('hides the caption from sight only, leaves out a false column and can hide a heading from sight', () => {
		const body = html({ caption: 'People', captionHidden: true, class: 'pp', columns: ['Name', false, { hidden: 'Actions' }] });
		expect(body).toContain('<table class="pp"><caption class="visually-hidden">People</caption>');
		expect(body).toContain('<tr><th scope="col">Name</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>');
	});
});
