import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ADMIN, DEMO_PASSWORD, check, expect, expectLargeTargets, signInAs, test, visit } from '../fixtures';

type Messages = Record<string, string>;
const MESSAGES = new URL('../../messages/', import.meta.url);
/** Every message of a language: one file per feature (messages/<feature>/<locale>.json). */
const messages = (locale: string): Messages =>
	Object.assign({}, ...readdirSync(MESSAGES).map((feature) => JSON.parse(readFileSync(new URL(`${feature}/${locale}.json`, MESSAGES), 'utf8'))));
const en = messages('en');
const ur = messages('ur');
const tr = messages('tr');

const rootFontSize = (page: Page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test.describe('public pages', () => {
	for (const [path, heading] of [
		['/', 'Chorus'],
		['/help', 'Get help'],
		['/accessibility', 'Accessibility statement'],
		['/privacy', 'Privacy notice'],
		['/settings', 'Display settings and language'],
		['/login', 'Sign in']
	]) {
		test(`${path} opens for a visitor`, async ({ page }) => {
			const response = await visit(page, path);
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
			await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
			await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
		});
	}

	test('the home page shows what a visitor can do now: open surveys, the latest answers, the next meeting, telling us', async ({ page }) => {
		await visit(page, '/');
		const section = (name: string) => page.getByRole('region', { name, exact: true });
		const surveys = section('Answer a survey');
		await expect(surveys.getByRole('link', { name: /^All open surveys \(\d+\)$/ })).toHaveAttribute('href', '/surveys');
		const firstSurvey = surveys.getByRole('listitem').first().getByRole('link');
		const title = (await firstSurvey.textContent())!.trim();
		await expect(firstSurvey).toHaveAttribute('href', /^\/surveys\/\d+$/);
		const answers = section('You said, we did');
		await expect(answers.getByRole('listitem')).toHaveCount(3);
		await expect(answers.getByText(/We did: /).first()).toBeVisible();
		await expect(section('Next forum meeting').getByRole('link').first()).toHaveAttribute('href', /^\/meetings\/\d+$/);
		await expect(section('Tell us something').getByRole('link', { name: 'Tell us something' })).toHaveAttribute('href', '/feedback');
		await expect(page.getByText('Soon you will be able to')).toHaveCount(0);

		await firstSurvey.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await check(page);
	});

	test('an unknown address shows "Page not found"', async ({ page }) => {
		const response = await visit(page, '/no-such-page');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expect(page).toHaveTitle(/^Page not found/);
		await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
	});

	test('the home and settings pages have large enough controls, and "Manage" opens the staff pages', async ({ page, javaScriptEnabled }) => {
		await visit(page, '/');
		await expectLargeTargets(page);
		await visit(page, '/settings');
		await expectLargeTargets(page);
		await signInAs(page, ADMIN.email, ADMIN.name);
		await expectLargeTargets(page);

		// The staff pages are folded under "Manage": the header stays one row on a laptop.
		await page.setViewportSize({ width: 1280, height: 800 });
		const menu = page.getByRole('navigation', { name: 'Main menu' });
		const manage = menu.locator('summary', { hasText: 'Manage' });
		const rowTops = async () => new Set(await menu.locator(':scope > ul > li').evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top))));
		await page.evaluate(() => document.fonts.ready);
		expect((await rowTops()).size).toBe(1);
		const people = menu.getByRole('link', { name: 'People', exact: true });
		await expect(people).toBeHidden();
		// by keyboard, with or without JavaScript (a disclosure opens with Enter)
		await manage.focus();
		await page.keyboard.press('Enter');
		await expect(people).toBeVisible();
		await expectLargeTargets(page);
		await check(page);
		if (javaScriptEnabled) {
			// Escape folds it away again and leaves focus on "Manage"
			await people.focus();
			await page.keyboard.press('Escape');
			await expect(people).toBeHidden();
			await expect(manage).toBeFocused();
			await page.keyboard.press('Enter');
		}
		await people.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
		await check(page);
		// On a phone the menu wraps, and "Manage" opens in the header's flow, within the screen.
		await page.setViewportSize({ width: 390, height: 844 });
		await manage.click();
		const box = await menu.getByRole('link', { name: 'Area settings', exact: true }).boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
		await check(page);
	});
});

test.describe('display settings', () => {
	test('larger text, high contrast, the device font and no symbols, remembered', async ({ page }) => {
		await visit(page, '/settings');
		const html = page.locator('html');
		await expect(html).toContainClass('text-standard font-atkinson contrast-standard symbols-on');
		const standardSize = await rootFontSize(page);

		await page.getByLabel('Largest', { exact: true }).check();
		await page.getByLabel('High contrast (black and white)', { exact: true }).check();
		await page.getByLabel("Your device's usual font", { exact: true }).check();
		await page.getByLabel('Hide symbols', { exact: true }).check();
		await page.getByRole('button', { name: 'Save display settings' }).click();

		await expect(page.getByText('Your display settings are saved.')).toBeVisible();
		await expect(html).toContainClass('text-largest contrast-high font-system symbols-off');
		await expect(html).not.toContainClass('text-standard');
		const largestSize = await rootFontSize(page);
		expect(largestSize).toBeGreaterThanOrEqual(standardSize * 1.4);
		await expect(page.getByLabel('Largest', { exact: true })).toBeChecked();
		await check(page);
		await expectLargeTargets(page);

		// The next page is shown the same way, straight from the server.
		await visit(page, '/help');
		await expect(html).toContainClass('text-largest contrast-high font-system symbols-off');
		expect(await rootFontSize(page)).toBe(largestSize);
		const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
		expect(bodyFont).toMatch(/^system-ui/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(0, 0, 0)');
	});
});

test.describe('language', () => {
	test('switching to Urdu, then Turkish, then back to English', async ({ page }) => {
		const html = page.locator('html');
		await visit(page, '/help');
		await expect(html).toHaveAttribute('lang', 'en');
		await expect(html).toHaveAttribute('dir', 'ltr');
		await expect(page.getByText(tr.site_draft_translation_notice)).toHaveCount(0);

		// Urdu: right to left.
		await page.getByLabel(en.site_language_label, { exact: true }).selectOption('ur');
		await page.getByRole('button', { name: en.site_language_change }).click();
		await expect(html).toHaveAttribute('lang', 'ur');
		await expect(html).toHaveAttribute('dir', 'rtl');
		await expect(page).toHaveURL(/\/help$/);
		await expect(page.getByRole('link', { name: ur.site_skip_to_content })).toHaveAttribute('href', '#main');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ur.site_help_title);
		await expect(page.getByText(ur.site_draft_translation_notice)).toBeVisible();
		await expect(page.getByRole('link', { name: ur.site_sign_in, exact: true })).toBeVisible();
		await check(page);

		// Turkish: left to right, chosen with the Urdu labels.
		await page.getByLabel(ur.site_language_label, { exact: true }).selectOption('tr');
		await page.getByRole('button', { name: ur.site_language_change }).click();
		await expect(html).toHaveAttribute('lang', 'tr');
		await expect(html).toHaveAttribute('dir', 'ltr');
		await expect(page.getByRole('link', { name: tr.site_skip_to_content })).toHaveAttribute('href', '#main');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(tr.site_help_title);
		await expect(page.getByText(tr.site_draft_translation_notice)).toBeVisible();
		await check(page);

		// The choice is remembered on the next page.
		await visit(page, '/login');
		await expect(html).toHaveAttribute('lang', 'tr');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(tr.accounts_login_title);

		// Back to English.
		await page.getByLabel(tr.site_language_label, { exact: true }).selectOption('en');
		await page.getByRole('button', { name: tr.site_language_change }).click();
		await expect(html).toHaveAttribute('lang', 'en');
		await expect(html).toHaveAttribute('dir', 'ltr');
		await expect(page).toHaveURL(/\/login$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
		await expect(page.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
		await expect(page.getByText(tr.site_draft_translation_notice)).toHaveCount(0);
		await check(page);
	});
});

test.describe('security', () => {
	test('pages carry security headers and a strict content security policy', async ({ page }) => {
		const response = await visit(page, '/login');
		const headers = response!.headers();
		const csp = headers['content-security-policy'];
		expect(csp, 'content-security-policy header').toBeTruthy();
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'none'");
		expect(csp).toContain("frame-ancestors 'none'");
		// scripts from this site only (a page with the app also names its one inline start-up script by nonce or hash)
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
		expect(scriptSrc).toContain("'self'");
		expect(scriptSrc).not.toContain("'unsafe-inline'");
		expect(scriptSrc).not.toContain("'unsafe-eval'");
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['referrer-policy']).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
		expect(headers['permissions-policy']).toContain('camera=()');
		expect(headers['x-frame-options']).toBe('DENY');
	});

	test('no request leaves the site, and nothing breaks the policy', async ({ page, baseURL, javaScriptEnabled }) => {
		const requests: string[] = [];
		const problems: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(message.text());
		});
		page.on('pageerror', (error) => problems.push(error.message));

		await visit(page, '/');
		await visit(page, '/help');
		// for real: the sign-in and code pages are under the policy too, and the client-side navigation after them
		await signInAs(page, ADMIN.email, ADMIN.name, DEMO_PASSWORD, { fresh: true });
		await visit(page, '/admin/people');
		if (javaScriptEnabled) {
			// Staff pages start the app (public pages do not): SvelteKit announces each new page's
			// title in a visually hidden live region; its hiding style must not be blocked by the policy.
			await expect(page.locator('#svelte-announcer')).toHaveCSS('clip-path', 'inset(50%)');
		}
		await visit(page, '/admin/services');
		await visit(page, '/settings');

		expect(requests.length).toBeGreaterThan(6);
		// The page's own stylesheet and fonts are among them (so the list is not just the pages).
		expect(requests.some((url) => /\.(woff2?|css)(\?|$)/.test(url))).toBe(true);
		const elsewhere = requests.filter((url) => !url.startsWith(baseURL + '/'));
		expect(elsewhere, 'requests to other origins').toEqual([]);
		expect(problems, 'console errors (e.g. content security policy violations)').toEqual([]);
	});
});
