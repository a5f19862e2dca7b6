import type { PhraseCategory } from '$lib/safeguarding';

/**
 * Finds phrases in free text, forgiving what people actually type: any case, extra or missing
 * spaces, punctuation, accents, and one wrong, missing, extra or swapped letter in a word of five
 * letters or more (two in a word of nine or more; in a four-letter word only two swapped letters). Plain code, no regular expression per phrase:
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

function wordMatches(typed: string, word: Word): boolean {
	// Four-letter words forgive only a swap: "wnat" is "want", but "bill" is not "kill".
	if (word.text.length === 4 && swapped(word.prefix ? typed.slice(0, 4) : typed, word.text)) return true;
	if (word.prefix) {
		// "hurt*": the typed word starts with "hurt" (forgiving a slip in a long stem) and may go on
		if (typed.length < word.text.length) return withinEdits(typed, word.text, allowance(word.text.length));
		return withinEdits(typed.slice(0, word.text.length), word.text, allowance(word.text.length));
	}
	return withinEdits(typed, word.text, allowance(word.text.length));
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

/** Whether the words occur one after another somewhere in the typed words. */
function matchesWords(typed: string[], words: Word[]): boolean {
	outer: for (let start = 0; start + words.length <= typed.length; start++) {
		for (let k = 0; k < words.length; k++) {
			if (!wordMatches(typed[start + k], words[k])) continue outer;
		}
		return true;
	}
	return false;
}
