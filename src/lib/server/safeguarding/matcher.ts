import type { PhraseCategory } from '$lib/safeguarding';

/**
 * Finds phrases in free text, forgiving what people actually type: any case, extra or missing
 * spaces ("my self", "killmyself"), punctuation, accents, and one wrong, missing, extra or swapped
 * letter in a word of five letters or more (two in a word of nine or more; in a four-letter word
 * only two swapped letters), never in the first letter. Plain code, no regular expression per phrase:
 * it runs inside the survey submit transaction, so it must stay fast (see the unit test figures).
 */

export type Phrase = { phrase: string; category: PhraseCategory };
export type Match = { phrase: string; category: PhraseCategory };

type Word = { text: string; prefix: boolean };
type Compiled = { phrase: string; category: PhraseCategory; words: Word[]; squashed: string };

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
	return phrases.map(({ phrase, category }) => {
		const words = normalise(phrase)
			.split(' ')
			.filter(Boolean)
			.map((w) => (w.endsWith('*') ? { text: w.slice(0, -1), prefix: true } : { text: w.replace(/\*/g, ''), prefix: false }));
		return { phrase, category, words, squashed: words.map((w) => w.text).join('') };
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
		const found: Match[] = [];
		for (const c of compiled) {
			if (matchesWords(typed, c.words) || (c.squashed.length >= 8 && squashed.includes(c.squashed))) {
				found.push({ phrase: c.phrase, category: c.category });
			}
		}
		return found;
	};
}

/**
 * Whether the words occur one after another somewhere in the typed words. A phrase word may also
 * match two typed words run together ("my self" for "myself", "any more" for "anymore").
 */
function matchesWords(typed: string[], words: Word[]): boolean {
	const from = (j: number, k: number): boolean => {
		if (k === words.length) return true;
		if (j >= typed.length) return false;
		if (wordMatches(typed[j], words[k]) && from(j + 1, k + 1)) return true;
		return j + 1 < typed.length && wordMatches(typed[j] + typed[j + 1], words[k]) && from(j + 2, k + 1);
	};
	for (let start = 0; start < typed.length; start++) if (from(start, 0)) return true;
	return false;
}
