/**
 * A Vite plugin that lets uploaded texts replace Paraglide's compiled messages without a rebuild
 * (decision 0058). Paraglide compiles each message to src/lib/paraglide/messages/<key>.js, whose
 * exported function picks the language and calls that language's compiled text; it has no
 * runtime hook (opral discussion #2489). This plugin rewrites each such file as Vite loads it
 * (dev, build and Vitest alike; the files on disk stay as `npm run i18n` wrote them) so the
 * exported function first asks $lib/i18n-overrides for an uploaded text:
 *
 *   const locale = experimentalStaticLocale ?? options.locale ?? getLocale()
 *   const override = __chorusOverride(locale, "key"); if (override) return override(inputs)   ← inserted
 *
 * The trap: this depends on the shape of Paraglide's output. If an upgrade changes it, the
 * insertion cannot find its place and the plugin stops the build with an error naming the file,
 * rather than letting uploads silently do nothing. scripts/paraglide-overrides.spec.ts checks
 * the shape on every test run, and that a message really returns an installed override.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const MESSAGE_FILE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/][a-z0-9_]+\.js$/i;
const INDEX_FILE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/]_index\.js$/;
/**
 * The first line of every message function: where the language is decided. A key that is not a
 * plain identifier (`retention_kind_auditEntries`) is compiled as `const <safe name> = ...` and
 * exported under its key further down (`export { safe as "key" }`).
 */
const LOCALE_LINE = /^((?:export )?const ([A-Za-z0-9_$]+) = [^\n]*\(\(inputs(?: = \{\})?, options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n)/gm;
const EXPORTED = /^export const [A-Za-z0-9_$]+ = |^export \{ [A-Za-z0-9_$]+ as "[^"]+" \}/gm;
const RENAMED = /^export \{ ([A-Za-z0-9_$]+) as "([^"]+)" \}/gm;

/**
 * A compiled message file with the override lookup inserted into every message function, or
 * null for a file that picks no language (a language's own texts, `en.js`: the functions the
 * exported ones call). Paraglide writes either one file of every message
 * (`messages/_index.js`, what the Vite plugin compiles) or one file per message (the CLI's
 * `npm run i18n`); both have this shape. Throws when a file that picks the language has an
 * exported message the lookup cannot go into.
 */
export function insertOverrideLookup(code: string, registryPath: string): string | null {
	if (!/\bgetLocale\b/.test(code)) return null;
	const keyOf = new Map([...code.matchAll(RENAMED)].map(([, name, key]) => [name, key]));
	const exported = code.match(EXPORTED)?.length ?? 0;
	let inserted = 0;
	const out = code.replace(LOCALE_LINE, (line: string, _whole: string, name: string) => {
		inserted++;
		const key = keyOf.get(name) ?? name;
		return `${line}\tconst __chorusText = __chorusOverride(locale, ${JSON.stringify(key)}); if (__chorusText) return /** @type {LocalizedString} */ (__chorusText(inputs))\n`;
	});
	if (inserted === 0 || inserted !== exported) {
		throw new Error(
			`paraglide-overrides: found where the language is decided in ${inserted} of ${exported} messages, so uploaded translations would be ignored. ` +
				"Paraglide's output has changed shape: update scripts/paraglide-overrides.ts (decision 0058)."
		);
	}
	return `import { override as __chorusOverride } from ${JSON.stringify(registryPath)};\n${out}`;
}

const STAR_REEXPORT = /^export \* from '(\.\/[a-z0-9_]+\.js)'$/gim;
const NAMES = /^export const ([A-Za-z0-9_$]+) = |^export \{ [A-Za-z0-9_$]+ as ("[^"]+") \}/gm;

/**
 * The messages index with every `export * from './key.js'` written as the names that file
 * exports: `export { key } from './key.js'`. Paraglide's production output re-exports each of
 * its ~3,400 message files with `export *`, and Rollup finds a name behind 3,400 star re-exports
 * by asking each of them in turn: for every message used, in the server build, the client build
 * and adapter-node's bundling. That search was a fifth of the build's time and most of its
 * garbage (CI, 2026-12-07). Named re-exports are looked up directly and export the same names;
 * a file whose exports are not of the two shapes Paraglide writes keeps its `export *`.
 */
export function nameReexports(code: string, readMessage: (file: string) => string): string {
	return code.replace(STAR_REEXPORT, (line: string, file: string) => {
		let source: string;
		try {
			source = readMessage(file);
		} catch {
			return line;
		}
		const exported = source.match(/^export /gm)?.length ?? 0;
		const names = [...source.matchAll(NAMES)].map(([, plain, quoted]) => plain ?? quoted);
		if (names.length === 0 || names.length !== exported) return line;
		return `export { ${names.join(', ')} } from '${file}'`;
	});
}

export function paraglideOverrides(options: { registry?: string } = {}): Plugin {
	let registryPath = '';
	let transformed = 0;
	return {
		name: 'chorus-paraglide-overrides',
		enforce: 'pre',
		configResolved(config) {
			registryPath = options.registry ?? path.join(config.root, 'src/lib/i18n-overrides.ts').split(path.sep).join('/');
		},
		transform(code, id) {
			const file = id.split('?')[0];
			if (INDEX_FILE.test(file)) {
				// one file per message (production): the index only re-exports them
				const named = nameReexports(code, (message) => readFileSync(path.join(path.dirname(file), message), 'utf8'));
				if (named !== code) {
					const left = named.match(/^export \* from/gm)?.length ?? 0;
					// still right, only slower: say so rather than stop the build
					if (left > 0) this.warn(`paraglide-overrides: ${left} star re-exports of the messages index were left as they are (Paraglide's output changed shape?)`);
					return { code: named, map: null };
				}
			}
			if (!MESSAGE_FILE.test(file)) return null;
			const out = insertOverrideLookup(code, registryPath);
			if (out === null) return null;
			transformed++;
			return { code: out, map: null };
		},
		buildEnd(error) {
			// a build that compiled messages but looked none up would ignore every upload
			const compiled = [...this.getModuleIds()].some((id) => MESSAGE_FILE.test(id.split('?')[0]));
			if (!error && compiled && transformed === 0) this.error("paraglide-overrides: no message file took the override lookup (decision 0058).");
		}
	};
}
