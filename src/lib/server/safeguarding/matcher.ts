import type { PhraseCategory } from '$lib/features/safeguarding/model';

/**
 * Finds phrases in free text, forgiving what people actually type: any case, extra or missing
 * spaces ("my self", "killmyself"), punctuation, accents, and one wrong, missing, extra or swapped
 * letter in a word of five letters or more (two in a word of nine or more; in a four-letter word
 * only two swapped letters), never in the first letter. Plain code, no regular expression per phrase:
 * it runs inside the survey submit transaction, so it must stay fast (see the unit test figures).
 */

export type Phrase = { phrase: string; category: PhraseCategory };
export type Match = { phrase: string; category: PhraseCategory };

/** A phrase's word, prepared once; `id` is the same for the same word in every phrase of a matcher. */
type Word = { text: string; prefix: boolean; id: number };
type Prepared = { words: { text: string; prefix: boolean }[]; squashed: string };
type Compiled = { phrase: string; category: PhraseCategory; words: Word[]; squashed: string };

/**
 * How much work the matcher did, for the unit tests that prove the memos are used (timings belong
 * in benchmarks): phrases prepared (normalised and split), typed words compared with a phrase word,
 * and places in the text where a phrase's next word was looked for.
 */
export const matcherWork = { preparations: 0, comparisons: 0, steps: 0 };

/**
 * Each phrase's words, prepared once for the life of the process. A lead's change to the local
 * phrases makes a new matcher, which prepares only the phrases it has not seen. Bounded, as leads
 * can add and remove phrases for years: past the bound it starts again.
 */
const preparedPhrases = new Map<string, Prepared>();
const PREPARED_MAX = 10_000;

function prepare(phrase: string): Prepared {
	let prepared = preparedPhrases.get(phrase);
	if (!prepared) {
		matcherWork.preparations++;
		const words = normalise(phrase)
			.split(' ')
			.filter(Boolean)
			.map((w) => (w.endsWith('*') ? { text: w.slice(0, -1), prefix: true } : { text: w.replace(/\*/g, ''), prefix: false }));
		prepared = { words, squashed: words.map((w) => w.text).join('') };
		if (preparedPhrases.size >= PREPARED_MAX) preparedPhrases.clear();
		preparedPhrases.set(phrase, prepared);
	}
	return prepared;
}

/** Lower case, accents off, every run of non-letters (digits kept) to one space. */
export function normalise(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[’'`]/g, '') // "don't" -> "dont", so phrases need no apostrophes
		.replace(/[^\p{L}\p{N}*]+/gu, ' ')
		.trim();
}

/** How many wrong letters a word of this length may have and still match. */
function allowance(length: number): number {
	return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Whether `a` is within `max` edits of `b` (insert, delete, change, or swap two neighbours),
 * stopping early once every path is over `max`.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
	if (a === b) return true;
	if (max === 0 || Math.abs(a.length - b.length) > max) return false;
	let prevPrev: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
			row.push(v);
			if (v < best) best = v;
		}
		if (best > max) return false;
		prevPrev = prev;
		prev = row;
	}
	return prev[b.length] <= max;
}

/** Whether two words of the same length differ only by two neighbouring letters swapped ("wnat"). */
function swapped(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	const diff: number[] = [];
	for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
	return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/**
 * Whether a typed word is the phrase's word, forgiving slips. A slip is never forgiven in the first
 * letter ("room" is not "groom", "bill" is not "kill"): people rarely mistype the letter they start with.
 */
function wordMatches(typed: string, word: Word): boolean {
	if (typed === word.text || (word.prefix && typed.startsWith(word.text))) return true;
	// Four-letter words forgive only a swap: "wnat" is "want", but "bill" is not "kill".
	if (word.text.length === 4) return swapped(word.prefix ? typed.slice(0, 4) : typed, word.text);
	const max = allowance(word.text.length);
	if (max === 0 || typed[0] !== word.text[0]) return false;
	if (!word.prefix) return withinEdits(typed, word.text, max);
	// "suicid*": some start of the typed word, a letter or two shorter or longer than the stem
	// (a missed or extra letter moves the end), is the stem with a slip: "sucidal", "suiccidal".
	for (let length = word.text.length - max; length <= word.text.length + max; length++) {
		if (length > 0 && length <= typed.length && withinEdits(typed.slice(0, length), word.text, max)) return true;
	}
	return false;
}

function compile(phrases: readonly Phrase[]): Compiled[] {
	const ids = new Map<string, number>();
	return phrases.map(({ phrase, category }) => {
		const { words, squashed } = prepare(phrase);
		const numbered = words.map((w) => {
			const key = `${w.prefix ? '*' : ''}${w.text}`;
			let id = ids.get(key);
			if (id === undefined) ids.set(key, (id = ids.size));
			return { ...w, id };
		});
		return { phrase, category, words: numbered, squashed };
	});
}

/** A matcher for a list of phrases: call it with any text; it gives each phrase found once. */
export function makeMatcher(phrases: readonly Phrase[]): (text: string) => Match[] {
	const compiled = compile(phrases).filter((c) => c.words.length > 0);
	return (text: string) => {
		const clean = normalise(text).replace(/\*/g, '');
		if (!clean) return [];
		const typed = clean.split(' ');
		// Letters only, no spaces: finds "k i l l myself" and "killmyself". Only for phrases of 8
		// letters or more, so short ones do not match inside unrelated words.
		const squashed = typed.join('');
		// Whether a typed word (or two run together) is a phrase word, worked out once per text:
		// the same word comes up in many phrases and at many places in the text.
		const seen = new Map<string, boolean>();
		const matches = (typedWord: string, word: Word): boolean => {
			const key = `${word.id} ${typedWord}`;
			let result = seen.get(key);
			if (result === undefined) {
				matcherWork.comparisons++;
				seen.set(key, (result = wordMatches(typedWord, word)));
			}
			return result;
		};
		const found: Match[] = [];
		for (const c of compiled) {
			if (matchesWords(typed, c.words, matches) || (c.squashed.length >= 8 && squashed.includes(c.squashed))) {
				found.push({ phrase: c.phrase, category: c.category });
			}
		}
		return found;
	};
}

/**
 * Whether the words occur one after another somewhere in the typed words. A phrase word may also
 * match two typed words run together ("my self" for "myself", "any more" for "anymore"). Each
 * (typed word, phrase word) position is worked out once: without that, a long phrase whose words
 * match both one and two typed words would try every way of splitting the text, which doubles with
 * each word of the phrase.
 */
function matchesWords(typed: string[], words: Word[], matches: (typedWord: string, word: Word) => boolean): boolean {
	// Only positions past a phrase's first word can be reached twice; most texts never get there,
	// so the memo is made when first needed.
	let known: Map<number, boolean> | null = null;
	const from = (j: number, k: number): boolean => {
		if (k === words.length) return true;
		if (j >= typed.length) return false;
		const at = j * words.length + k;
		const before = known?.get(at);
		if (before !== undefined) return before;
		matcherWork.steps++;
		const result =
			(matches(typed[j], words[k]) && from(j + 1, k + 1)) ||
			(j + 1 < typed.length && matches(typed[j] + typed[j + 1], words[k]) && from(j + 2, k + 1));
		if (k > 0) (known ??= new Map()).set(at, result);
		return result;
	};
	for (let start = 0; start < typed.length; start++) if (from(start, 0)) return true;
	return false;
}
