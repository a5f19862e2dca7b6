/**
 * Texts the community uploaded, consulted before Paraglide's compiled ones (decision 0058).
 *
 * Paraglide compiles every message to a function at build time and has no runtime hook, so the
 * Vite plugin in scripts/paraglide-overrides.ts inserts, at the top of every exported message
 * function, `const o = override(locale, "key"); if (o) return o(inputs)`. This registry is what
 * it asks: language → message key → formatter. Browser-safe and small: the server fills it at
 * start and after every upload (the translations feature); staff pages, which run in the
 * browser, fill it from the (app) layout's data for the reader's language.
 *
 * A formatter gives exactly what Paraglide's compiled function gives for the same text:
 * placeholders as `${inputs?.name}`, plural forms chosen by `new Intl.PluralRules(locale)`
 * on `Number(input)`, and the message's key for a form the text lacks (the upload refuses that).
 */
import { parsePattern, type MessageText, type Piece } from '$lib/features/translations/model';

export type Formatter = (inputs?: Record<string, unknown>) => string;

const registry = new Map<string, Map<string, Formatter>>();

/** The uploaded text of a message in a language, as a function of its inputs, or undefined. */
export function override(locale: string, key: string): Formatter | undefined {
	return registry.get(locale)?.get(key);
}

function pattern(text: string): (inputs?: Record<string, unknown>) => string {
	const parsed = parsePattern(text);
	// the upload refuses broken braces; a text that still has them is shown as written
	const pieces: Piece[] = 'pieces' in parsed ? parsed.pieces : [text];
	if (pieces.every((p) => typeof p === 'string')) {
		const whole = pieces.join('');
		return () => whole;
	}
	return (inputs) => pieces.map((p) => (typeof p === 'string' ? p : `${inputs?.[p.input]}`)).join('');
}

/** A message's text as a formatter, the way Paraglide compiles it. */
export function compileMessage(locale: string, key: string, text: MessageText): Formatter {
	if (typeof text === 'string') return pattern(text);
	const rules = new Intl.PluralRules(locale, {});
	const forms = new Map(Object.entries(text.forms).map(([form, t]) => [form, pattern(t)]));
	return (inputs) => (forms.get(rules.select(Number(inputs?.[text.input]))) ?? (() => key))(inputs);
}

/** Replaces one language's uploaded texts (key → text); an empty object clears them. */
export function installOverrides(locale: string, texts: Record<string, MessageText>): void {
	const formatters = new Map(Object.entries(texts).map(([key, text]) => [key, compileMessage(locale, key, text)]));
	if (formatters.size === 0) registry.delete(locale);
	else registry.set(locale, formatters);
}

/** Forgets every uploaded text (tests put the registry back with this). */
export function clearOverrides(): void {
	registry.clear();
}
