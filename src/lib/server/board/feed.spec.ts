/**
 * The board's Atom feed, read by a strict XML parser (saxes: namespaces, XML 1.0 characters), as
 * a feed reader would: whatever people typed, it stays one valid document.
 */
import { SaxesParser } from 'saxes';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { boardItem, boardResponse } from '../db/schema';
import { addPerson, testDb } from '../testing';
import * as board from '.';
import { itemDetails } from './testing';

/** The feed's elements as [name, attributes, text], or the parser's first error. */
function parse(xml: string): { elements: { name: string; attributes: Record<string, string>; text: string }[] } {
	const parser = new SaxesParser({ xmlns: true });
	const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
	const open: { name: string; attributes: Record<string, string>; text: string }[] = [];
	parser.on('error', (e) => {
		throw e;
	});
	parser.on('opentag', (tag) => {
		const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
		open.push({ name: tag.local, attributes, text: '' });
	});
	parser.on('text', (text) => {
		if (open.length) open[open.length - 1].text += text;
	});
	parser.on('closetag', () => elements.push(open.pop()!));
	parser.write(xml).close();
	return { elements };
}

/** A published item that answers "we did", whose words were saved before the boundary rule cleaned them. */
function itemWith(youSaid: string, weDid: string) {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const id = board.createItem(db, organiser, itemDetails({ youSaid: 'placeholder' }));
	board.setPublished(db, organiser, id, true);
	board.respond(db, organiser, id, { text: 'placeholder', status: 'working_on_it', reason: '', as: 'forum' });
	// as old rows may hold them: written straight to the database, past today's form checks
	db.update(boardItem).set({ youSaid }).where(eq(boardItem.id, id)).run();
	db.update(boardResponse).set({ text: weDid }).where(eq(boardResponse.itemId, id)).run();
	return { db, id };
}

describe('the Atom feed', () => {
	it('stays one valid XML document with text pasted from Word, control characters and markup in it', () => {
		// (a lone surrogate cannot be stored: SQLite's UTF-8 keeps U+FFFD instead, a valid character)
		const youSaid = 'Letters\u000bcame late\u000c <b>& "never"</b>\u0000 \u202eevil\ufffe';
		const { db, id } = itemWith(youSaid, 'We\u0001 now send\u001b them <script>alert(1)</script> on time');
		const xml = board.atomFeed(db, 'https://chorus.example', 'en');
		const { elements } = parse(xml);
		const entry = elements.filter((e) => e.name === 'title');
		expect(entry.map((e) => e.text)).toContain('Letters\ncame late\n <b>& "never"</b> evil');
		expect(elements.find((e) => e.name === 'summary')!.text).toContain('We now send them <script>alert(1)</script> on time');
		expect(elements.find((e) => e.name === 'id' && e.text.endsWith(`/board/${id}`))).toBeTruthy();
	});

	it("says the language of its own words with xml:lang, as the reader's language", () => {
		const { db } = itemWith('Plain words', 'Done');
		for (const lang of ['en', 'tr', 'ur']) {
			const feed = parse(board.atomFeed(db, 'https://chorus.example', lang)).elements.find((e) => e.name === 'feed')!;
			expect(feed.attributes['xml:lang']).toBe(lang);
		}
	});

	it('is refused by the parser when a control character does get through (the check can fail)', () => {
		expect(() => parse('<feed xmlns="http://www.w3.org/2005/Atom"><title>a\u000bb</title></feed>')).toThrow();
	});
});
