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
import path from 'node:path';
import type { Plugin } from 'vite';

const MESSAGE_FILE = /[\\/]src[\\/]lib[\\/]paraglide[\\/]messages[\\/][a-z0-9_]+\.js$/i;
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
			if (!MESSAGE_FILE.test(id.split('?')[0])) return null;
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
