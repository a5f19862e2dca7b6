// What every public page costs a phone (part of `npm run bench`; alone: `npx tsx scripts/bench-pages.ts`),
// measured in Chromium against the built app with the demo data, one page at a time, each on a
// first, uncached visit with a 390 px wide screen:
// - JavaScript: every script the page loads by itself (not scrolled), each file gzipped on its own,
//   and how many files; target at most 35 KB in at most 6 files (issue 17);
// - first visit: every byte the browser received (headers included), as served;
// - layout shift with every font file held back a second (the font arriving late must move nothing);
//   target under 0.05;
// - time to usable on slow 3G (400 kbps, 400 ms round trip) with the CPU slowed 4 times: when the
//   main heading and the first form control or item are on the page and painted; target 1.5 s.
// The report page is also scrolled to its end, to see Chart.js arrive only then and draw.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/browser';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { figure, finishBench, hasBuild, startBuiltApp, type Row } from './bench-server';

const KB = 1024;
const JS_BUDGET_KB = 35;
const JS_FILES = 6;
const SHIFT_TARGET = 0.05;
const USABLE_MS = 1500;
/** Slow 3G as the issue defines it. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB' };
const log = (message: string) => console.log(`[pages] ${message}`);

/** What counts as "something to use" under the main heading: a form control or the first item. */
const FIRST_THING = 'main :is(input:not([type=hidden]), select, textarea, button, li, tr, article, dd, p)';

type Measured = { name: string; path: string; jsKb: number; jsFiles: number; firstVisitKb: number; shift: number; usableMs: number; scripts: string[] };

async function phone(browser: Browser): Promise<BrowserContext> {
	return browser.newContext(PHONE);
}

/** Scripts and bytes of a first visit, as the browser fetched them. */
async function firstVisit(browser: Browser, url: string, scroll = false) {
	const context = await phone(browser);
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		const seen = new Map<string, { url: string; type: string; bytes: number }>();
		cdp.on('Network.responseReceived', (e) => seen.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }));
		cdp.on('Network.loadingFinished', (e) => {
			const found = seen.get(e.requestId);
			if (found) found.bytes = e.encodedDataLength;
		});
		const response = await page.goto(url, { waitUntil: 'load' });
		if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
		await page.waitForTimeout(700);
		const scriptsOf = () => [...seen.values()].filter((r) => r.type === 'Script' && !r.url.startsWith('data:')).map((r) => r.url);
		const scripts = scriptsOf();
		let js = 0;
		for (const script of scripts) js += gzipSync(Buffer.from(await (await fetch(script)).arrayBuffer())).length;
		const total = [...seen.values()].reduce((sum, r) => sum + r.bytes, 0);
		let afterScroll: { scripts: string[]; drawn: number } | undefined;
		if (scroll) {
			// down the page a screen at a time, as a reader would, so each chart comes into view
			for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
				await page.evaluate((top) => window.scrollTo(0, top), y);
				await page.waitForTimeout(150);
			}
			await page.waitForTimeout(1500);
			const drawn = await page.evaluate(() => [...document.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.dataset.chartDrawn === 'yes').length);
			afterScroll = { scripts: scriptsOf().filter((s) => !scripts.includes(s)), drawn };
		}
		return { js, scripts, total, afterScroll };
	} finally {
		await context.close();
	}
}

/** Layout shift on a first visit with every font held back a second. */
async function shiftWithLateFonts(browser: Browser, url: string): Promise<number> {
	const context = await phone(browser);
	try {
		await context.route(/\.woff2?(\?|$)/, async (route) => {
			await new Promise((r) => setTimeout(r, 1000));
			await route.continue();
		});
		const page = await context.newPage();
		await page.addInitScript(() => {
			const w = window as unknown as { __shift: number };
			w.__shift = 0;
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
					if (!entry.hadRecentInput) w.__shift += entry.value;
				}
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await page.goto(url, { waitUntil: 'load' });
		await page.evaluate(() => document.fonts.ready);
		await page.waitForTimeout(1000);
		return await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
	} finally {
		await context.close();
	}
}

/** Milliseconds from navigation until the main heading and the first thing to use are painted, on slow 3G with a 4× slower CPU. */
async function usableOnSlowPhone(browser: Browser, url: string): Promise<number> {
	const context = await phone(browser);
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await page.addInitScript((first) => {
			const w = window as unknown as { __found?: number; __painted?: number };
			// no named functions in here: tsx would wrap them in a helper the page does not have
			new MutationObserver(() => {
				if (w.__found === undefined && document.querySelector('main h1') && document.querySelector(first)) w.__found = performance.now();
			}).observe(document, { childList: true, subtree: true });
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') w.__painted = entry.startTime;
			}).observe({ type: 'paint', buffered: true });
		}, FIRST_THING);
		await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
		await page.waitForFunction(() => {
			const w = window as unknown as { __found?: number; __painted?: number };
			return w.__found !== undefined && w.__painted !== undefined;
		}, undefined, { timeout: 30_000 });
		return await page.evaluate(() => {
			const w = window as unknown as { __found: number; __painted: number };
			return Math.max(w.__found, w.__painted);
		});
	} finally {
		await context.close();
	}
}

/** The first link on a list page that matches, so the bench follows the demo data wherever its ids fall. */
async function firstLink(base: string, listPath: string, pattern: RegExp): Promise<string> {
	const html = await (await fetch(base + listPath)).text();
	const found = pattern.exec(html)?.[0];
	if (!found) throw new Error(`No link like ${pattern} on ${listPath}`);
	return found;
}

export async function pageFigures(): Promise<Row[]> {
	const rows: Row[] = [];
	if (!hasBuild()) {
		console.log('(no build/: run `npm run build` for the public page figures)');
		return rows;
	}
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-pages-'));
	const app = await startBuiltApp(join(dir, 'bench.db'), { env: { CHORUS_DEMO: '1' } });
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	try {
		const { base } = app;
		const pages: [string, string][] = [
			['home', '/'],
			['board', '/board'],
			['board, easy read', '/board/easy-read'],
			['board item', await firstLink(base, '/board', /\/board\/\d+(?=")/)],
			['feedback', '/feedback'],
			['follow up', '/follow'],
			['surveys', '/surveys'],
			['survey', await firstLink(base, '/surveys', /\/surveys\/\d+(?=")/)],
			['meetings', '/meetings'],
			['meeting', await firstLink(base, '/meetings', /\/meetings\/\d+(?=")/)],
			['actions', '/meetings/actions'],
			['reports', '/reports'],
			['report', await firstLink(base, '/reports', /\/reports\/\d+(?=")/)],
			['how we worked together', '/co-production'],
			['how we worked together, easy read', '/co-production/easy-read'],
			['subscribe', '/subscribe'],
			['privacy', '/privacy'],
			['privacy, easy read', '/privacy/easy-read'],
			['help', '/help'],
			['accessibility', '/accessibility'],
			['settings', '/settings'],
			['worried about a child', '/worried'],
			['sign in', '/login'],
			['young people sign in', '/young-people/sign-in'],
			['attributions', '/attributions']
		];
		const measured: Measured[] = [];
		// BENCH_PAGES (a pattern) measures only the pages whose name matches, while working on them
		const only = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES) : null;
		for (const [name, path] of pages.filter(([n]) => !only || only.test(n))) {
			const url = base + path;
			const visit = await firstVisit(browser, url, name === 'report');
			const shift = await shiftWithLateFonts(browser, url);
			const usableMs = await usableOnSlowPhone(browser, url);
			measured.push({ name, path, jsKb: visit.js / KB, jsFiles: visit.scripts.length, firstVisitKb: visit.total / KB, shift, usableMs, scripts: visit.scripts });
			if (visit.afterScroll) {
				const chartKb = visit.afterScroll.scripts.length;
				log(`${path} scrolled to its end: ${chartKb} more script file(s) loaded (${visit.afterScroll.scripts.map((s) => s.split('/').pop()).join(', ') || 'none'}), ${visit.afterScroll.drawn} chart(s) drawn`);
				rows.push(figure(`report page: charts drawn once scrolled into view (of those on the page)`, visit.afterScroll.drawn, 'charts', 1, true));
			}
		}
		console.table(
			measured.map((p) => ({
				page: `${p.name} (${p.path})`,
				'JS KB': Math.round(p.jsKb * 10) / 10,
				'JS files': p.jsFiles,
				'first visit KB': Math.round(p.firstVisitKb * 10) / 10,
				'layout shift': Math.round(p.shift * 1000) / 1000,
				'usable ms': Math.round(p.usableMs)
			}))
		);
		for (const p of measured) {
			rows.push(figure(`${p.name}: JavaScript, gzip (KB)`, p.jsKb, 'KB', JS_BUDGET_KB, false));
			rows.push(figure(`${p.name}: JavaScript files`, p.jsFiles, 'files', JS_FILES, false));
			rows.push(figure(`${p.name}: layout shift, fonts 1 s late, 390 px`, p.shift, '', SHIFT_TARGET, false));
			rows.push(figure(`${p.name}: usable on slow 3G, CPU 4x slower (ms)`, p.usableMs, 'ms', USABLE_MS, false));
		}
		const heaviest = measured.reduce((a, b) => (b.firstVisitKb > a.firstVisitKb ? b : a));
		rows.push(figure(`heaviest first visit of a public page (${heaviest.name}), all bytes as served (KB)`, heaviest.firstVisitKb, 'KB', 150, false));
	} finally {
		await browser.close();
		await app.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	finishBench(await pageFigures(), 'data/bench-pages.json');
}
