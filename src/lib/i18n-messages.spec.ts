/**
 * Every language has every message a visitor, parent carer or young person can meet, with the
 * same placeholders as English (issue 19).
 *
 * A message falls back to English, for that message only, when a language lacks it (Paraglide
 * compiles the English one in its place, never the key). That is allowed only for messages used
 * on staff pages alone (`src/routes/(app)/`), which may stay in the languages they have today:
 * a message used anywhere else (public pages, shared components, emails, the server's words)
 * must exist in every language. Which is which is read from the code, so the list of messages
 * that may fall back keeps itself true.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Message = string | { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
const root = path.resolve(__dirname, '../..');
const settings = JSON.parse(readFileSync(path.join(root, 'project.inlang/settings.json'), 'utf8'));
const locales: string[] = settings.locales;
const folders: string[] = settings['plugin.inlang.messageFormat'].pathPattern.map((p: string) => path.join(root, path.dirname(p)));

function read(file: string): Record<string, Message> {
	try {
		const { $schema: _, ...messages } = JSON.parse(readFileSync(file, 'utf8'));
		return messages;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw e;
	}
}

/** Every message, by language: { en: { key: message } }. */
const messages: Record<string, Record<string, Message>> = Object.fromEntries(
	locales.map((locale) => [locale, Object.assign({}, ...folders.map((folder) => read(path.join(folder, `${locale}.json`))))])
);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const file = path.join(dir, name);
		if (statSync(file).isDirectory()) return name === 'paraglide' ? [] : sourceFiles(file);
		return /\.(ts|js|svelte)$/.test(name) && !/\.spec\./.test(name) ? [file] : [];
	});
}

/** The messages some code outside the staff area uses (every key, when it is used through a variable). */
const staffArea = path.join(root, 'src/routes/(app)') + path.sep;
const usedOutsideStaff = new Set<string>();
for (const file of sourceFiles(path.join(root, 'src'))) {
	if (file.startsWith(staffArea)) continue;
	for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bm\.([a-z0-9_]+)/g)) usedOutsideStaff.add(key);
}

const placeholders = (message: Message): string[] => {
	const text = typeof message === 'string' ? message : Object.values(message[0].match).join(' ');
	return [...new Set(text.match(/\{[A-Za-z_][A-Za-z0-9_]*\}/g) ?? [])].sort();
};

const english = messages.en;
const others = locales.filter((l) => l !== 'en');

describe('messages in every language', () => {
	it.each(others)('%s has every message used outside the staff pages (the rest falls back to English)', (locale) => {
		const missing = Object.keys(english).filter((key) => usedOutsideStaff.has(key) && !(key in messages[locale]));
		expect(missing).toEqual([]);
	});

	it.each(others)('%s has no message English lacks', (locale) => {
		expect(Object.keys(messages[locale]).filter((key) => !(key in english))).toEqual([]);
	});

	it.each(others)('%s keeps the placeholders of English in every message', (locale) => {
		const wrong = Object.entries(messages[locale])
			.filter(([key, message]) => key in english && placeholders(message).join() !== placeholders(english[key]).join())
			// a plural's own count may be left out of a form ("one item" rather than "1 item")
			.filter(([key, message]) => placeholders(message).join() !== placeholders(english[key]).filter((p) => p !== '{count}').join() || typeof message === 'string')
			.map(([key]) => key);
		expect(wrong).toEqual([]);
	});

	it.each(others)("%s plurals select on English's variable and have exactly the language's plural forms", (locale) => {
		const forms = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
		const wrong = Object.entries(messages[locale])
			.filter(([, message]) => typeof message !== 'string')
			.filter(([, message]) => {
				const [{ selectors, match }] = message as Exclude<Message, string>;
				const keys = Object.keys(match);
				return keys.some((k) => k.split('=')[0] !== selectors[0]) || keys.map((k) => k.split('=')[1]).sort().join() !== forms.join();
			})
			.map(([key]) => key);
		expect(wrong).toEqual([]);
	});

	it('finds the messages used outside the staff pages, so the rule above has something to check', () => {
		expect(usedOutsideStaff.has('site_skip_to_content')).toBe(true);
		expect(Object.keys(english).length).toBeGreaterThan(1000);
	});
});
