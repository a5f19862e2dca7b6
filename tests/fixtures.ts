/**
 * Shared fixtures and helpers for the end-to-end tests.
 *
 * - Each worker starts its own copy of the built app (`node build`) on a free port with a
 *   fresh, temporary SQLite database, so workers never see each other's data. The demo data
 *   is loaded into it at start-up (CHORUS_DEMO).
 * - Each worker also starts a real SMTP server (smtp-server, `mailbox`) and points its app at it:
 *   the outbox's emails arrive there, parsed, for the tests to read.
 * - Every page a test lands on must be checked with axe: call `check(page)` after each
 *   `goto`, click or form submission that shows a new page or a new state. The `page`
 *   fixture (and pages from `newPage`) record every URL the main frame navigates to, and a
 *   test fails at the end if any of them was never checked.
 */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, startApp, type AppServer } from './app-server';
import { startSmtpSink, type SmtpSink } from '../src/lib/server/outbox/testing';

export { expect, DEMO_PASSWORD, DEMO_TOTP_SECRET };

export const DEMO_ACCOUNTS = [
	{ email: 'admin@example.org', name: 'Amira Admin', role: 'admin' },
	{ email: 'organiser@example.org', name: 'Olu Organiser', role: 'organiser' },
	{ email: 'service.lead@example.org', name: 'Sam Lead', role: 'service_lead' },
	{ email: 'board@example.org', name: 'Bea Board', role: 'board_member' },
	{ email: 'supporter@example.org', name: 'Sunita Supporter', role: 'supporter' },
	{ email: 'parent@example.org', name: 'Pat Parent', role: 'parent_carer' },
	{ email: 'safeguarding@example.org', name: 'Sade Safeguarding', role: 'safeguarding_lead' }
] as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];
export const ADMIN = DEMO_ACCOUNTS[0];
export const PARENT = DEMO_ACCOUNTS[5];
export const SAFEGUARDING_LEAD = DEMO_ACCOUNTS[6];

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/* ------------------------------------------------------------------------------------------ */
/* The app under test (tests/app-server.ts)                                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * The server's pages and the browser's scripts must come from the same `vite build`: a build
 * interrupted by another one leaves a mix in which the app cannot start in the browser.
 */
async function expectOneBuild(cwd: string, url: string) {
	const html = await (await fetch(url + '/')).text();
	const marker = html.match(/__sveltekit_[a-z0-9]+/)?.[0];
	if (!marker) return;
	const dir = path.join(cwd, 'build', 'client', '_app', 'immutable');
	const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js'));
	for (const file of files) {
		if ((await readFile(path.join(dir, file), 'utf8')).includes(marker)) return;
	}
	throw new Error('./build mixes two different builds (server and client do not match): run `npx vite build` again.');
}

/* ------------------------------------------------------------------------------------------ */
/* Accessibility: axe on every page                                                            */
/* ------------------------------------------------------------------------------------------ */

type Tracking = { jsEnabled: boolean; visited: Set<string>; checked: Set<string> };
const tracking = new WeakMap<Page, Tracking>();

/** A page is identified by its path and query; the fragment (#field) is the same page. */
function pageKey(url: string): string | null {
	if (!url.startsWith('http')) return null; // about:blank, data: ...
	const u = new URL(url);
	return u.pathname + u.search;
}

/**
 * Records the URLs the page's main frame navigates to (full loads, redirects' targets and
 * client-side navigations alike). With JavaScript on, also notes when SvelteKit has hydrated
 * the page: it registers its `beforeunload` listener as the last step of starting its router.
 */
async function track(page: Page, jsEnabled: boolean) {
	const state: Tracking = { jsEnabled, visited: new Set(), checked: new Set() };
	tracking.set(page, state);
	page.on('framenavigated', (frame) => {
		if (frame !== page.mainFrame()) return;
		const key = pageKey(frame.url());
		if (key) state.visited.add(key);
	});
	if (jsEnabled) {
		await page.addInitScript(() => {
			const original = window.addEventListener;
			window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
				if (args[0] === 'beforeunload') (window as unknown as { __e2eHydrated: boolean }).__e2eHydrated = true;
				return original.apply(this, args);
			} as Window['addEventListener'];
			// A click on a link to another page of this site starts SvelteKit loading it, and the click
			// returns before it is there. Until the router pushes the new address (or a full load
			// replaces this document), the navigation is pending, and `check` waits for it rather
			// than checking the page being left (0044).
			const w = window as unknown as { __e2ePendingNavigation?: string | null };
			const pageOf = (href: string) => {
				const u = new URL(href, location.href);
				return u.origin + u.pathname + u.search;
			};
			document.addEventListener(
				'click',
				(event) => {
					if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
					const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
					if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
					if (pageOf(link.href) !== pageOf(location.href)) w.__e2ePendingNavigation = pageOf(link.href);
				},
				true
			);
			for (const name of ['pushState', 'replaceState'] as const) {
				const original = history[name];
				history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
					w.__e2ePendingNavigation = null;
					return original.apply(this, args);
				};
			}
		});
	}
}

/** Fails if the page's main frame went to a page no `check` looked at. */
function expectEveryPageChecked(page: Page) {
	const state = tracking.get(page);
	if (!state) return;
	const missed = [...state.visited].filter((key) => !state.checked.has(key));
	expect(missed, 'pages reached in this test but never checked with check(page)').toEqual([]);
}

/** With JavaScript on, waits until SvelteKit has hydrated the page, so controls behave as enhanced. */
export async function waitUntilReady(page: Page) {
	const state = tracking.get(page);
	if (!state?.jsEnabled) return;
	// Pages with `csr = false` (answering a survey) ship no app to start: only plain scripts.
	const hasApp = await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.includes('__sveltekit_')));
	if (!hasApp) return;
	try {
		await page.waitForFunction(() => (window as unknown as { __e2eHydrated?: boolean }).__e2eHydrated === true, undefined, {
			timeout: 10_000
		});
	} catch (error) {
		throw new Error(`The app did not start in the browser on ${page.url()} (look for errors in its console)`, {
			cause: error
		});
	}
}

/**
 * axe-core itself, as @axe-core/playwright (pinned, 0004) ships it. We run it the way that
 * package's "legacy" mode does (one `axe.run()` in the page, same-origin frames only: Chorus has
 * no frames) with the same rules (`AXE_TAGS`), but inject it only into a document that does not
 * have it yet, and ask axe to work out the details (selectors, HTML) of violations only: those are
 * all we read. Every rule still runs on every element; passes and "needs review" results are just
 * not described node by node. That makes each analysis about a third faster (decision 0044).
 */
const AXE_SOURCE: string = (() => {
	const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
	return readFileSync(fromAxePlaywright.resolve('axe-core/axe.min.js'), 'utf8');
})();

async function axe(page: Page): Promise<AxeResults> {
	const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
	if (!injected) {
		await page.evaluate(`${AXE_SOURCE}\n;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } });`);
	}
	return page.evaluate(
		(tags) =>
			(window as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations']
			}),
		AXE_TAGS
	);
}

/**
 * axe needs timers and promises, which do not run in a page with JavaScript switched off. For
 * such a page axe looks at an exact copy instead: the page's current HTML (its own scripts
 * removed, as they never ran) served at the same address, with the same stylesheets, fonts
 * and window size, in a page where axe itself may run. One such page per browser (worker).
 */
type Copier = { page: Page; url: string; html: string };
const copiers = new WeakMap<Browser, Promise<Copier>>();

function copierFor(browser: Browser): Promise<Copier> {
	let copier = copiers.get(browser);
	if (!copier) {
		copier = (async () => {
			const context = await browser.newContext({ javaScriptEnabled: true, locale: 'en-GB' });
			const page = await context.newPage();
			const state: Copier = { page, url: '', html: '' };
			await page.route('**/*', (route) => {
				const request = route.request();
				if (request.isNavigationRequest() && request.url() === state.url) {
					return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: state.html });
				}
				if (request.resourceType() === 'script') return route.abort();
				return route.fallback();
			});
			return state;
		})();
		copiers.set(browser, copier);
	}
	return copier;
}

async function analyzeCopy(page: Page) {
	const browser = page.context().browser();
	if (!browser) throw new Error('No browser to open a copy of the page in');
	const copier = await copierFor(browser);
	copier.url = page.url().split('#')[0];
	copier.html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const viewport = page.viewportSize();
	if (viewport) await copier.page.setViewportSize(viewport);
	await copier.page.goto(copier.url);
	return axe(copier.page);
}

/**
 * Pages this worker has already found clean, by their exact markup (scripts and per-request nonces
 * left out), window size and JavaScript setting. axe gives the same answer for the same markup and
 * stylesheets, so a page seen again (the sign-in page, the home page after signing in) is not
 * analysed again: that saves minutes of CI time without skipping any page state.
 */
const cleanPages = new Set<string>();

async function markupKey(page: Page): Promise<string> {
	const html = (await page.content())
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/\snonce="[^"]*"/g, '');
	const digest = createHash('sha256')
		.update(`${tracking.get(page)?.jsEnabled}|${JSON.stringify(page.viewportSize())}|${page.url().split('#')[0]}|${html}`)
		.digest('hex');
	return digest;
}

/** Runs axe (WCAG 2.0/2.1 A and AA, 2.2 AA) on the page as it is now and expects no violations. */
export async function expectNoAxeViolations(page: Page) {
	const key = await markupKey(page);
	if (cleanPages.has(key)) return;
	const results =
		tracking.get(page)?.jsEnabled === false
			? await analyzeCopy(page)
			: await axe(page);
	const report = results.violations
		.map(
			(v) =>
				`  ${v.id} (${v.impact}): ${v.help}\n` +
				v.nodes.map((n) => `    - ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')
		)
		.join('\n');
	expect(results.violations, `axe found problems on ${page.url()}:\n${report}`).toHaveLength(0);
	cleanPages.add(key);
}

/** Every page has one meta description, not empty (PageTitle.svelte): what a search result or a shared link shows. */
async function expectOneDescription(page: Page) {
	const descriptions = await page.locator('head meta[name="description"]').evaluateAll((metas) => metas.map((meta) => meta.getAttribute('content') ?? ''));
	expect(descriptions, `meta description of ${page.url()}`).toHaveLength(1);
	expect(descriptions[0].trim(), `meta description of ${page.url()}`).not.toBe('');
}

/**
 * Checks the page the test has just reached: waits until it is interactive (JavaScript on)
 * and runs axe, and that it has one meta description. Call it after every goto, and after every click or submission that shows a
 * new page or a new state (an error summary, a confirmation...).
 */
export async function check(page: Page) {
	await settleNavigation(page);
	await page.waitForLoadState('load');
	await waitUntilReady(page);
	await expectNoAxeViolations(page);
	await expectOneDescription(page);
	const key = pageKey(page.url());
	if (key) tracking.get(page)?.checked.add(key);
}

/**
 * With JavaScript on, waits (up to 2 s) for a link's client-side navigation that a click started
 * to reach its new page (see `track`). A link the router leaves to the browser (a download) never
 * pushes an address: after 2 s the check goes on with the page that is there.
 */
async function settleNavigation(page: Page) {
	if (!tracking.get(page)?.jsEnabled) return;
	await page
		.waitForFunction(() => !(window as unknown as { __e2ePendingNavigation?: string | null }).__e2ePendingNavigation, undefined, { timeout: 2_000 })
		.catch(() => {
			// timed out (a download), or the document was replaced by a full load: both are settled
		});
}

/** Goes to a path (relative to the app) and checks the page that comes back. */
export async function visit(page: Page, pathname: string) {
	const response = await page.goto(pathname);
	await check(page);
	return response;
}

/**
 * Follows a staff page's link from the header: staff pages are folded under "Manage" (a
 * disclosure that opens without JavaScript too), so it is opened first.
 */
export async function openStaffPage(page: Page, name: string) {
	const menu = page.getByRole('navigation', { name: 'Main menu' });
	await menu.locator('summary', { hasText: 'Manage' }).click();
	await menu.getByRole('link', { name, exact: true }).click();
}

/* ------------------------------------------------------------------------------------------ */
/* Target size                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** Young people's pages (sign-in, profile) ask for larger targets than the rest: 48 px. */
export const YOUNG_PEOPLES_TARGET = 48;

/**
 * Every visible control on the page is at least `minimum` (44) CSS px each way (WCAG 2.5.5, and
 * well above 2.5.8's 24×24). Links inside a paragraph are exempt: they are inline in running text.
 */
export async function expectLargeTargets(page: Page, minimum = 44) {
	const small = await page.evaluate((minimum) => {
		const controls = document.querySelectorAll<HTMLElement>(
			'a, button, input:not([type=hidden]), select, textarea, summary'
		);
		const describe = (el: HTMLElement) => {
			const labelled = el.getAttribute('aria-label');
			const labels = (el as HTMLInputElement).labels;
			const text =
				labelled ||
				el.innerText?.trim() ||
				(labels && labels.length ? labels[0].innerText.trim() : '') ||
				el.getAttribute('name') ||
				(el as HTMLInputElement).value ||
				'';
			return `<${el.tagName.toLowerCase()}> "${text.replace(/\s+/g, ' ').slice(0, 60)}"`;
		};
		const problems: string[] = [];
		for (const el of controls) {
			const box = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			if (box.width === 0 && box.height === 0) continue;
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			if (el.closest('.visually-hidden, [hidden]')) continue;
			if (el.tagName === 'A' && el.closest('p')) continue;
			if (Math.round(box.width) < minimum || Math.round(box.height) < minimum) {
				problems.push(`${describe(el)} is ${box.width.toFixed(1)}×${box.height.toFixed(1)} px`);
			}
		}
		return problems;
	}, minimum);
	expect(small, `controls smaller than ${minimum}×${minimum} CSS px on ${page.url()}`).toEqual([]);
}

/* ------------------------------------------------------------------------------------------ */
/* Signing in                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/**
 * The demo admin and safeguarding lead use two-step sign-in with the demo TOTP secret (README,
 * src/lib/server/accounts/two-step.ts). The server takes a code's 30-second step only once, so this
 * worker remembers the last step it used for each account (its server and database are its own).
 */
export const TWO_STEP_EMAILS: ReadonlySet<string> = new Set(['admin@example.org', 'safeguarding@example.org']);
const lastStepUsed = new Map<string, number>();

/** A fresh code for an account: the first 30-second step (now, or one either side) not used yet; waits when all are. */
export async function nextTotpCode(email: string): Promise<string> {
	for (;;) {
		const now = Date.now();
		const current = Math.floor(now / 30_000);
		const last = lastStepUsed.get(email) ?? -Infinity;
		// The step before is accepted too, but a step is only ever used once, and the step before
		// only while this step lasts: near its end (the server may read the code seconds later on a
		// busy machine) it would be refused, so it is not offered then.
		const usable = now % 30_000 < 20_000 ? [current - 1, current, current + 1] : [current, current + 1];
		const step = usable.find((s) => s > last);
		if (step !== undefined) {
			lastStepUsed.set(email, step);
			return generateHOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), BigInt(step), 6);
		}
		// all three taken by sign-ins a moment ago: the next step comes within 30 s (the test gets that much longer)
		const wait = 30_000 - (Date.now() % 30_000) + 50;
		test.info().setTimeout(test.info().timeout + wait);
		await new Promise((r) => setTimeout(r, wait));
	}
}

/** On the "Enter the code from your app" page: types a fresh code for the account and continues. */
export async function enterCode(page: Page, email: string) {
	await expect(page.getByRole('heading', { level: 1, name: 'Enter the code from your app' })).toBeVisible();
	await check(page);
	await page.getByLabel('Code', { exact: true }).fill(await nextTotpCode(email));
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

/**
 * Fills the sign-in form on the page that shows it, and presses "Sign in". For an account with
 * two-step sign-in and the right password, also types the code on the next page.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.getByLabel('Email', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	if (TWO_STEP_EMAILS.has(email.toLowerCase()) && password === DEMO_PASSWORD) await enterCode(page, email.toLowerCase());
}

/**
 * The session cookie of each two-step account's last sign-in in this worker (its server is its
 * own). A code's 30-second step is taken once, so a fourth sign-in of the same account within a
 * minute would wait up to 30 s for the next step (decision 0047): a test that only needs the admin
 * or the safeguarding lead signed in reuses the session instead, after checking it still works.
 */
const twoStepSessions = new Map<string, { name: string; value: string; domain: string; path: string }>();
const SESSION_COOKIE = 'chorus_session';

/**
 * Opens the sign-in page, signs in and waits for the header to name the person. A two-step
 * account reuses this worker's last session of it unless `fresh` (a test of signing in itself).
 */
export async function signInAs(page: Page, email: string, name: string, password = DEMO_PASSWORD, { fresh = false } = {}) {
	const twoStep = TWO_STEP_EMAILS.has(email.toLowerCase()) && password === DEMO_PASSWORD;
	const saved = twoStep && !fresh ? twoStepSessions.get(email.toLowerCase()) : undefined;
	if (saved) {
		await page.context().addCookies([saved]);
		await visit(page, '/');
		// ended meanwhile (signed out, turned off, a password change): sign in for real
		if (await page.getByText(`Signed in as ${name}`, { exact: true }).isVisible()) return;
		await page.context().clearCookies({ name: SESSION_COOKIE });
	}
	await visit(page, '/login');
	await signIn(page, email, password);
	await expect(page.getByText(`Signed in as ${name}`, { exact: true })).toBeVisible();
	await check(page);
	if (twoStep) {
		const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
		if (cookie) twoStepSessions.set(email.toLowerCase(), { name: cookie.name, value: cookie.value, domain: cookie.domain, path: cookie.path });
	}
}

/** Presses "Sign out" in the header and waits for the confirmation. */
export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page.getByText('You have signed out.', { exact: true })).toBeVisible();
	await expect(page).toHaveURL(/\/login\?done=signed-out$/);
	await check(page);
}

/** An email address nobody else uses: this project's name and a per-test label. */
export function uniqueEmail(label: string, projectName: string) {
	return `${label}-${projectName}@example.org`.toLowerCase();
}

/* ------------------------------------------------------------------------------------------ */
/* The extended test                                                                           */
/* ------------------------------------------------------------------------------------------ */

type WorkerFixtures = { app: AppServer; mailbox: SmtpSink };
type TestFixtures = {
	/** A page in a new, signed-out browser context (its own cookies), tracked like `page`. */
	newPage: () => Promise<Page>;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
	mailbox: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const mailbox = await startSmtpSink();
			await use(mailbox);
			await mailbox.close();
		},
		{ scope: 'worker' }
	],

	app: [
		async ({ mailbox }, use) => {
			// the outbox looks for work every half second here (5 s in the app), so emails arrive while a test waits
			const app = await startApp({ env: { ...mailbox.env, CHORUS_OUTBOX_EVERY_MS: '500' } });
			let printed: string[] = [];
			try {
				await expectOneBuild(process.cwd(), app.url);
				await use(app);
			} finally {
				printed = await app.stop();
			}
			if (printed.length) throw new Error(`The app printed secrets to its log: ${printed.join(', ')}`);
		},
		{ scope: 'worker', timeout: 60_000 }
	],

	baseURL: async ({ app }, use) => {
		await use(app.url);
	},

	page: async ({ page, javaScriptEnabled }, use) => {
		await track(page, javaScriptEnabled !== false);
		await use(page);
		expectEveryPageChecked(page);
	},

	newPage: async ({ browser, baseURL, javaScriptEnabled, locale }, use) => {
		const contexts: Awaited<ReturnType<Browser['newContext']>>[] = [];
		const pages: Page[] = [];
		await use(async () => {
			const context = await browser.newContext({ baseURL, javaScriptEnabled, locale });
			contexts.push(context);
			const page = await context.newPage();
			await track(page, javaScriptEnabled !== false);
			pages.push(page);
			return page;
		});
		try {
			for (const page of pages) expectEveryPageChecked(page);
		} finally {
			for (const context of contexts) await context.close();
		}
	}
});
