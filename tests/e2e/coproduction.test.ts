import type { Page } from '@playwright/test';
import { check, expect, signInAs, test, visit } from '../fixtures';

/*
 * The co-production record: an organiser records how families were involved straight from a
 * meeting's agenda item (the form comes filled in; saving is the only other step) and the public
 * page "How we worked together" shows it; a visitor filters the page with its plain GET form
 * (service, level, year), reads the year's figures ("3 of 12") and the easy-read view.
 *
 * Uses the demo data: the demo meetings' agenda items and a year of demo entries
 * (src/lib/server/coproduction/seed.ts). The staff rules (who may record what, links that do not
 * exist, the year's edges) are in src/lib/server/coproduction/service.spec.ts.
 */
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on (its rules are checked in Vitest, decision 0044)';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const entries = (page: Page) => page.locator('article.cp-entry');

test.describe('how we worked together', () => {
	test('an organiser records co-production from an agenda item, and the public page shows it', async ({ page, newPage, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, '/manage/meetings');
		// a meeting of the demo forum with an agenda
		await page.getByRole('main').getByRole('link', { name: /^Parent carer forum meeting/ }).nth(1).click();
		await expect(h1(page)).toContainText('Parent carer forum meeting');
		await check(page);

		const item = page.locator('.mm-item').first();
		const itemTitle = (await item.locator('h3').innerText()).replace(/^Item \d+\s*/, '').trim();
		await item.getByRole('link', { name: /^Record how families were involved/ }).click();
		await expect(h1(page)).toHaveText('Record co-production');
		await expect(page.getByText(`Filled in from the agenda item “${itemTitle}”`)).toBeVisible();
		await check(page);
		// filled in from the item: what, who (the forum) and the agenda item itself
		await expect(page.getByLabel('What was decided or made')).toHaveValue(itemTitle);
		await expect(page.getByRole('group', { name: 'Who decided or made it' }).getByLabel('The parent carer forum')).toBeChecked();
		await expect(page.getByLabel('Meeting agenda item')).not.toHaveValue('');

		const changed = `Parents wrote the new leaflet themselves (${testInfo.project.name} ${Math.random().toString(36).slice(2, 8)})`;
		await page.getByRole('group', { name: 'How far were families involved?' }).getByLabel('Co-produce').check();
		await page.getByLabel('Parent carers who took part').fill('7');
		await page.getByLabel('What changed because of it').fill(changed);
		await page.getByRole('button', { name: 'Record it' }).click();
		await expect(page).toHaveURL(/\/manage\/coproduction\/\d+\?done=created$/);
		await expect(page.getByText('Recorded. It is on the public page now.')).toBeVisible();
		await check(page);

		// a visitor finds it among the co-produced decisions
		const visitor = await newPage();
		await visit(visitor, '/co-production?level=co_produce');
		const entry = entries(visitor).filter({ hasText: changed });
		await expect(entry).toHaveCount(1);
		await expect(entry.getByRole('heading', { name: itemTitle })).toBeVisible();
		await expect(entry.locator('.cp-level .tag')).toHaveText('Co-produce');
		await expect(entry).toContainText('7 parent carers');
		await expect(entry).toContainText(`Meeting agenda item: ${itemTitle}`);
		await expect(entry.getByRole('link', { name: itemTitle })).toHaveAttribute('href', /^\/meetings\/\d+#item-\d+-title$/);
	});

	test('a visitor filters the decisions by level and year with the plain form, reads the figures and the easy-read view', async ({ page }) => {
		// Reached from the reports page, beside the yearly reports (the header keeps to one row).
		await visit(page, '/reports');
		await page.getByRole('main').getByRole('link', { name: 'How we worked together' }).click();
		await expect(h1(page)).toHaveText('How we worked together');
		await check(page);
		// the year's figures: how many decisions, and how many of them co-designed or co-produced
		const figures = page.locator('.board-figures');
		await expect(figures).toContainText('decisions recorded');
		await expect(figures).toContainText(/\d+ of \d+ co-designed or co-produced with families/);

		const filters = page.getByRole('search');
		await filters.getByLabel('How far families were involved').selectOption({ label: 'Inform' });
		await filters.getByRole('button', { name: 'Show decisions' }).click();
		await expect(page).toHaveURL(/[?&]level=inform/);
		await check(page);
		const informed = await entries(page).count();
		expect(informed).toBeGreaterThan(0);
		await expect(page.locator('article.cp-entry .cp-level .tag')).toHaveText(Array(informed).fill('Inform'));
		await expect(page.getByRole('heading', { level: 2, name: `${informed} decision${informed === 1 ? '' : 's'}` })).toBeVisible();

		// the year keeps the level chosen; the form says what is chosen
		const year = filters.getByLabel('Year (April to March)');
		const firstYear = await year.locator('option').nth(1).getAttribute('value');
		await year.selectOption(firstYear!);
		await filters.getByRole('button', { name: 'Show decisions' }).click();
		await expect(page).toHaveURL(new RegExp(`level=inform.*year=${firstYear}|year=${firstYear}.*level=inform`));
		await expect(filters.getByLabel('How far families were involved')).toHaveValue('inform');
		await expect(page.getByRole('heading', { level: 2, name: `April ${firstYear} to March ${Number(firstYear) + 1}` })).toBeVisible();
		await check(page);

		await page.getByRole('link', { name: 'Clear filters' }).click();
		await expect(page).toHaveURL(/\/co-production$/);
		await check(page);

		await page.getByRole('link', { name: 'Easy read' }).click();
		await expect(h1(page)).toHaveText('How we worked together: easy read');
		await expect(page.getByRole('heading', { name: 'What we decided' }).first()).toBeVisible();
		await expect(page.getByText(/^This year we wrote down \d+ decisions?\.$/)).toBeVisible();
		await check(page);
	});
});
