// Copies exactly the OpenMoji SVGs listed in src/lib/symbols/catalogue.ts from the installed
// `openmoji` package into symbols/openmoji/<hexcode>.svg, so they are served same-origin
// (CSP img-src 'self'), by the app with a month's cache lifetime (src/routes/symbols/openmoji/).
// The copies are checked in; the build does not run this script.
// Run after changing the catalogue or upgrading openmoji: `npm run symbols`.
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CATALOGUE_PATH = join(root, 'src/lib/symbols/catalogue.ts');
export const TARGET_DIR = join(root, 'symbols/openmoji');

// One catalogue entry on one line: id, hexcode, label, topic, then an optional `tags` string.
// Exported so the unit test parses catalogue.ts exactly as this script does.
export const ENTRY =
	/^\s*\{ id: '([a-z0-9]+(?:-[a-z0-9]+)*)', hexcode: '([0-9A-F]{4,6}(?:-[0-9A-F]{4,6})*)', label: '[^'\\]+', topic: '[a-z-]+'(?:, tags: '[^'\\]*')? \},?\s*$/;

/**
 * Reads the catalogue entries out of catalogue.ts (one entry per line, see its header comment;
 * `tags` is optional).
 * Only the `export const catalogue = [ ... ] as const` block is read. Inside it, every line that is
 * not blank or a `//` comment must match the exact entry shape, so an entry is never skipped silently.
 * @param {string} source the text of catalogue.ts
 * @returns {{ id: string, hexcode: string }[]}
 */
export function parseCatalogue(source) {
	const start = source.indexOf('export const catalogue = [');
	const end = source.indexOf('] as const', start);
	if (start === -1 || end === -1) throw new Error('catalogue.ts has no `export const catalogue = [ ... ] as const` block');
	/** @type {{ id: string, hexcode: string }[]} */
	const entries = [];
	const lines = source.slice(start, end).split('\n').slice(1);
	for (const line of lines) {
		if (/^\s*$/.test(line) || /^\s*\/\//.test(line)) continue; // blank lines and comments
		const match = ENTRY.exec(line);
		if (!match) throw new Error(`catalogue.ts: this line in the catalogue is not in the one-line entry shape: ${line.trim()}`);
		entries.push({ id: match[1], hexcode: match[2] });
	}
	if (entries.length === 0) throw new Error('No entries found in catalogue.ts');
	return entries;
}

/**
 * Reasons an SVG is unsafe to serve, if any: script elements, event-handler attributes,
 * javascript: URLs or embedded HTML.
 * @param {string} svg
 * @returns {string[]}
 */
export function unsafeSvgReasons(svg) {
	/** @type {string[]} */
	const reasons = [];
	if (/<script/i.test(svg)) reasons.push('contains <script');
	if (/\son[a-z]+\s*=/i.test(svg)) reasons.push('contains an on* event attribute');
	if (/javascript:/i.test(svg)) reasons.push('contains a javascript: URL');
	if (/<foreignObject/i.test(svg)) reasons.push('contains <foreignObject');
	return reasons;
}

function main() {
	const entries = parseCatalogue(readFileSync(CATALOGUE_PATH, 'utf8'));

	const ids = new Set();
	for (const { id } of entries) {
		if (ids.has(id)) throw new Error(`Duplicate symbol id in catalogue: ${id}`);
		ids.add(id);
	}

	const require = createRequire(import.meta.url);
	const packageDir = dirname(require.resolve('openmoji/package.json'));
	const sourceDir = join(packageDir, 'color/svg');

	// Read and check every file before writing any, so a failure leaves symbols/ untouched.
	/** @type {Map<string, string>} */
	const files = new Map();
	const problems = [];
	for (const { id, hexcode } of entries) {
		const from = join(sourceDir, `${hexcode}.svg`);
		if (!existsSync(from)) {
			problems.push(`${id}: ${from} does not exist`);
			continue;
		}
		const svg = readFileSync(from, 'utf8');
		for (const reason of unsafeSvgReasons(svg)) problems.push(`${id}: ${hexcode}.svg ${reason}`);
		files.set(`${hexcode}.svg`, svg);
	}
	if (problems.length) throw new Error(`Symbols not copied:\n  ${problems.join('\n  ')}`);

	mkdirSync(TARGET_DIR, { recursive: true });
	// Keep the folder to exactly the catalogue: remove SVGs no longer listed.
	for (const name of readdirSync(TARGET_DIR)) {
		if (name.endsWith('.svg') && !files.has(name)) {
			unlinkSync(join(TARGET_DIR, name));
			console.log(`removed ${name}`);
		}
	}
	for (const [name, svg] of files) writeFileSync(join(TARGET_DIR, name), svg);

	const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
	console.log(`Copied ${files.size} OpenMoji ${version} pictures for ${entries.length} catalogue entries to symbols/openmoji`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	try {
		main();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
