import Database from 'better-sqlite3';
import { chromium } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect } from 'vitest';
import { parseCsv } from '../../src/lib/server/csv';
import { DEMO_PASSWORD } from '../app-server';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser';
import { attack, useApp } from './harness';
import { Client } from './http';

/** A browser posting a form asks for a page (without this, SvelteKit answers a script in JSON). */
const BROWSER = { accept: 'text/html,application/xhtml+xml' };

/**
 * What pasted text really brings: a word joiner, Word's manual line break (vertical tab) and page
 * break (form feed), a Unicode line separator, a right-to-left override ("Trojan source"), NUL, a
 * byte-order mark, an escape sequence, CRLF, and an accent typed as a separate mark. Kept: the
 * zero-width joiner of an emoji and the non-joiner of a Persian word.
 */
const PASTED = 'Bus\u2060 pass\u000bfrom Word\u000cnext\u2028line \u202eevil\u202c\u0000 \ufeff\u001b[31m Cafe\u0301\r\n👩\u200d👧 می\u200cخواهم';
const NORMALISED = 'Bus pass\nfrom Word\nnext\nline evil [31m Café\n👩\u200d👧 می\u200cخواهم';

/**
 * Text for the report table, with every invisible, control or combining character written as its
 * code: a bidi override would garble the table, and "e" + U+0301 would look like "é".
 */
const shown = (text: string) =>
	JSON.stringify(text).replace(
		// eslint-disable-next-line no-control-regex -- control characters are what is written out
		/\p{Mn}|[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);

/** Parses XML the strict way a feed reader does (Chromium's parser, as DOMParser); returns the error or the titles. */
async function parseXml(xml: string): Promise<{ error: string | null; titles: string[]; summaries: string[] }> {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		return await page.evaluate((text) => {
			const doc = new DOMParser().parseFromString(text, 'application/xml');
			const error = doc.querySelector('parsererror');
			const all = (name: string) => [...doc.getElementsByTagName(name)].map((e) => e.textContent ?? '');
			return { error: error ? (error.textContent ?? 'parsererror') : null, titles: all('title'), summaries: all('summary') };
		}, xml);
	} finally {
		await browser.close();
	}
}

describe('pasted text at the boundary', () => {
	const app = useApp();

	attack(
		'Feedback with a word joiner, a Word line break, a bidi override, NUL and an escape sequence in it',
		'saved normalised: the same words, LF line breaks, no hidden or control characters',
		async (observe) => {
			const visitor = new Client(app().url);
			const sent = await visitor.post('/feedback', { whatHappened: PASTED }, BROWSER);
			expect(sent.status).toBe(303);
			const db = new Database(app().databasePath, { readonly: true, fileMustExist: true });
			let saved: string;
			try {
				saved = (db.prepare('select what_happened as text from feedback order by id desc limit 1').get() as { text: string }).text;
			} finally {
				db.close();
			}
			observe(`sent ${shown(PASTED)}; saved ${shown(saved)}`);
			expect(saved).toBe(NORMALISED);
		}
	);

	attack(
		'A board item and its "we did" answer written with the same pasted text, then the Atom feed (/board/feed.xml) read by a strict XML parser, and the CSV of the organiser\'s data',
		'the feed is well-formed XML with the words as normalised; the CSV has one row with them',
		async (observe) => {
			const organiser = new Client(app().url);
			expect((await organiser.post('/login', { email: 'organiser@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const today = new Date().toISOString().slice(0, 10);
			const made = await organiser.post('/manage/board/new', { youSaid: PASTED, heardOn: today, voices: '1', source: 'direct_feedback' }, BROWSER);
			expect(made.status, made.text.slice(0, 500)).toBe(303);
			const itemPath = made.location!.split('?')[0];
			const answered = await organiser.post(`${itemPath}?/respond`, { text: `We did: ${PASTED}`, status: 'working_on_it', as: 'forum' }, BROWSER);
			expect(answered.status).toBe(200);
			const published = await organiser.post(`${itemPath}?/publish`, { published: '1' }, BROWSER);
			expect(published.status).toBe(200);

			const feed = await new Client(app().url).get('/board/feed.xml');
			const parsed = await parseXml(feed.text);
			const title = parsed.titles.find((t) => t.startsWith('Bus pass'));

			const zipped = await fetchZip(organiser, app().url);
			const csv = strFromU8(zipped['board-answers-you-wrote.csv']);
			const rows = parseCsv(csv);
			const header = rows[0];
			const mine = rows.find((r) => r[header.indexOf('we did')]?.startsWith('We did: Bus pass'));

			observe(
				`feed ${feed.status}: ${parsed.error ? `NOT XML: ${parsed.error.slice(0, 120)}` : 'well-formed'}, title ${shown(title ?? '(missing)')}; ` +
					`CSV ${rows.length - 1} rows, ours ${mine ? shown(mine[header.indexOf('we did')]) : '(missing)'}`
			);
			expect(feed.status).toBe(200);
			expect(parsed.error).toBeNull();
			expect(title).toBe(NORMALISED);
			expect(parsed.summaries.some((s) => s.includes(`We did: ${NORMALISED}`))).toBe(true);
			expect(mine).toBeTruthy();
			expect(mine![header.indexOf('you said')]).toBe(NORMALISED);
			expect(mine![header.indexOf('we did')]).toBe(`We did: ${NORMALISED}`);
			// eslint-disable-next-line no-control-regex -- the file holds no control characters but line breaks
			expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u2028\u202a-\u202e\u2060]/);
		},
		120_000
	);
});

/** The organiser's "download my data" zip, as files by name. */
async function fetchZip(client: Client, base: string): Promise<Record<string, Uint8Array>> {
	const response = await fetch(base + '/my-data/download', {
		method: 'POST',
		headers: { origin: base, cookie: `chorus_session=${client.cookie('chorus_session')}`, 'content-type': 'application/x-www-form-urlencoded' },
		body: ''
	});
	expect(response.status).toBe(200);
	return unzipSync(new Uint8Array(await response.arrayBuffer()));
}
