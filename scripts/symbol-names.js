// Writes src/lib/symbols/cldr-names.json and cldr-words.json: the Unicode CLDR names ("tts") and
// keywords of the emoji OpenMoji draws for the catalogue's symbols, in every language Chorus speaks
// that CLDR covers. Names are alt text, so pages carry them; keywords only serve symbol search on
// the server, so they live in a file of their own that no page loads.
// The extract is checked in; the build and the tests do not download CLDR (the two packages
// unpack to 150 MB). Run after changing the catalogue or moving to a new CLDR release:
//   node scripts/symbol-names.js            (fetches the packages with `npm pack` into a temp folder)
//   node scripts/symbol-names.js <folder>   (a folder holding the two unpacked packages)
// Picture names: src/lib/symbols/names.ts (CLDR's name where the picture is what the symbol
// means, else the written name in src/lib/symbols/written-names.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE_PATH, parseCatalogue } from './copy-symbols.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CLDR_VERSION = '48.2.0';
export const CLDR_NAMES_PATH = join(root, 'src/lib/symbols/cldr-names.json');
export const CLDR_WORDS_PATH = join(root, 'src/lib/symbols/cldr-words.json');
const settings = JSON.parse(readFileSync(join(root, 'project.inlang/settings.json'), 'utf8'));
/** @type {string[]} */
const locales = settings.locales;

/** @param {string} folder */
function unpacked(folder) {
	for (const name of ['cldr-annotations-full', 'cldr-annotations-derived-full']) {
		const dir = join(folder, name);
		if (existsSync(join(dir, 'package.json'))) continue;
		execFileSync('npm', ['pack', `${name}@${CLDR_VERSION}`, '--silent', '--pack-destination', folder], { stdio: 'ignore' });
		execFileSync('mkdir', ['-p', dir]);
		execFileSync('tar', ['xzf', join(folder, `${name}-${CLDR_VERSION}.tgz`), '-C', dir, '--strip-components=1']);
	}
	return folder;
}

/**
 * @param {string} folder
 * @param {string} locale
 * @returns {Map<string, { tts?: string[], default?: string[] }>}
 */
function annotations(folder, locale) {
	/** @type {Map<string, { tts?: string[], default?: string[] }>} */
	const out = new Map();
	for (const [pkg, dir, key] of [
		['cldr-annotations-full', 'annotations', 'annotations'],
		['cldr-annotations-derived-full', 'annotationsDerived', 'annotationsDerived']
	]) {
		const file = join(folder, pkg, dir, locale, 'annotations.json');
		if (!existsSync(file)) continue;
		const all = JSON.parse(readFileSync(file, 'utf8'))[key].annotations;
		for (const [emoji, value] of Object.entries(all)) if (!out.has(emoji)) out.set(emoji, value);
	}
	return out;
}

/** @param {string} hexcode OpenMoji's "1F431" or "1F469-200D-1F52C"; its own pictures (E000 and up) are not emoji. */
function emojiOf(hexcode) {
	const points = hexcode.split('-').map((h) => parseInt(h, 16));
	return points.some((p) => p >= 0xe000 && p <= 0xf8ff) ? null : String.fromCodePoint(...points);
}

function main() {
	const folder = unpacked(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'cldr-')));
	const entries = parseCatalogue(readFileSync(CATALOGUE_PATH, 'utf8'));
	/** @type {Record<string, Record<string, string>>} */
	const names = {};
	/** @type {Record<string, Record<string, string>>} */
	const words = {};
	for (const locale of locales) {
		const found = annotations(folder, locale);
		if (found.size === 0) continue;
		names[locale] = {};
		words[locale] = {};
		for (const { id, hexcode } of entries) {
			const emoji = emojiOf(hexcode);
			if (!emoji) continue;
			const value = found.get(emoji) ?? found.get(emoji.replace(/\uFE0F/g, ''));
			if (!value?.tts?.[0]) continue;
			names[locale][id] = value.tts[0];
			words[locale][id] = (value.default ?? []).join(' ');
		}
	}
	const source = `Unicode CLDR ${CLDR_VERSION} annotations (cldr-annotations-full, cldr-annotations-derived-full), Unicode License v3`;
	writeFileSync(CLDR_NAMES_PATH, JSON.stringify({ source, names }, null, '\t') + '\n');
	writeFileSync(CLDR_WORDS_PATH, JSON.stringify({ source, words }, null, '\t') + '\n');
	for (const [locale, found] of Object.entries(names)) console.log(`${locale}: ${Object.keys(found).length} of ${entries.length} symbols named by CLDR`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
