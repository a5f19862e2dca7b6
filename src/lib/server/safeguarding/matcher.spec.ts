import { describe, expect, it } from 'vitest';
import { makeMatcher, matcherWork, normalise, withinEdits } from './matcher';
import { builtInPhrases } from './service';

/*
 * The phrase list is a triage aid: it should notice most worrying sentences however they are
 * typed, and stay quiet on the ordinary things families and young people write about. The two
 * seeded sets below are the measure; the test prints how many of each were flagged.
 */

/** Worrying sentences, typed the way people type: odd case, spacing, punctuation, slips. */
const WORRYING = [
	'I want to kill myself',
	'sometimes i think about killing myself',
	'I WANT TO DIE',
	'i wnat to die',
	'i wanna die',
	'I wish I was dead.',
	'everyone would be better off without me',
	'I have been feeling suicidal for weeks',
	'im sucidal',
	'I hurt myself when I am angry',
	'i have been hurting my self',
	'I cut myself last night',
	'I have been self-harming again',
	'selfharm helps me cope',
	'i dont want to be here anymore',
	"I don't want to live any more",
	'I cant go on like this',
	'I took an overdose last year',
	'I want to end my life',
	'my dad hits me when he is drunk',
	'mum hit me with a belt',
	'he beats me',
	'My step dad punches me',
	'someone touched me and I did not like it',
	'he touches me where I do not want',
	'She said it is our secret and I must keep it a secret',
	'he asked me to send pictures of myself',
	'I think my friend is being groomed online',
	'there are bruises on my arms',
	'they lock me in my room',
	'I am being abused at home',
	'There is never any food in the house, I am hungry all the time',
	'I have nothing to eat at home',
	'I am left on my own all weekend',
	'Nobody looks after me',
	'I got kicked out and I have nowhere to sleep',
	'I do not feel safe at home',
	'i am scared to go home',
	"I'm afraid of my step dad",
	'i am being bullied every day on the bus',
	'They bully me because of my hearing aids',
	'I have no one to talk to',
	'A boy at school carries a knife',
	'I am going to run away from home',
	'I feel UNSAFE when he is around',
	'k i l l m y s e l f',
	'my mum hitts me',
	'im scard to go home',
	'he keeps touchin me',
	// Honest misses: worrying, but in words the list does not have (a lead adds local phrases).
	'nobody would miss me if I was gone',
	'I want to disappear for ever',
	'he makes me do things I do not like',
	// Written after the list, as a check on it: the first time, 1 of these 8 was flagged, so the
	// list gained phrases for them. Add new held-out sentences here when the list is reviewed.
	'my step dad shouts and throws things at me',
	'I have been thinking about ending my life',
	'there is never any food in the house',
	'I sleep in the car with mum most nights',
	'mum says I will get hurt if I tell anyone',
	'I scratch my arms till they bleed',
	'i am scarred of my brother he hits me',
	'we have no electric and its freezing'
];

/** Ordinary sentences from SEND family life that must not raise a flag. */
const ORDINARY = [
	'We have been on the waiting list for an autism assessment for two years',
	'The speech and language therapy sessions really helped my son',
	'I like cutting paper and sticking it into my scrapbook',
	'He finds it hard to use a knife and fork',
	'She loves drawing dragons and horses',
	'Please give me time to answer',
	'I like my teaching assistant',
	'School is too loud at lunch time',
	'The EHC plan took 30 weeks, not 20',
	'Nobody told us the review meeting had moved',
	'My daughter is happy at her new school',
	'I want to work with animals when I leave college',
	'The short breaks club was brilliant this summer',
	'He hates the noise of the hand dryers',
	'We would like more information in Urdu',
	'I am good at football and I like swimming',
	'My son skipped lunch because the queue was too long',
	'The occupational therapist showed us exercises for his hands',
	'I get tired after school and need a quiet space',
	'CAMHS said the wait is nine months',
	'The bus driver is kind and helps me with my seat belt',
	'My brother is my best friend',
	'I like playing games on my tablet',
	'We killed time in the waiting room for an hour',
	'The teacher did not know about his diagnosis',
	'I feel safe with my key worker',
	'Thank you for listening to us at the forum',
	'My favourite food is pizza and chips',
	'I like cooking with my dad',
	'I want to learn to drive a car',
	'The hydrotherapy pool was closed again',
	'He uses Makaton and some signs',
	'The paperwork for the personal budget is confusing',
	'I would like a visual timetable at home',
	'Our social worker changed three times this year',
	'She needs someone to cut up her food at lunch',
	'My skills are drawing and building lego',
	'The bill for the taxi to school was too high',
	'The hospital appointment letters keep arriving late',
	'I need ear defenders in assembly',
	'I was excited to go on the school trip to the farm',
	'He is learning to tie his shoe laces',
	'Tell me before things change',
	'The harmony singing group helps me relax',
	'I was hit by a ball in PE but it was fine',
	'He was excited to overdo the decorations',
	'We ran out of time at the meeting',
	'Please do not touch my things'
];

const match = makeMatcher(builtInPhrases());

describe('the seeded sentences', () => {
	it('flags at least 90% of the worrying sentences and none of the ordinary ones', () => {
		expect(WORRYING.length).toBeGreaterThanOrEqual(40);
		expect(ORDINARY.length).toBeGreaterThanOrEqual(40);
		const missed = WORRYING.filter((s) => match(s).length === 0);
		const wrong = ORDINARY.filter((s) => match(s).length > 0).map((s) => `${s} -> ${match(s).map((m) => m.phrase).join(', ')}`);
		// How long checking takes (it runs inside the transaction that saves an answer): a figure, not a test.
		const started = performance.now();
		for (let i = 0; i < 10; i++) for (const s of [...WORRYING, ...ORDINARY]) match(s);
		const perText = (performance.now() - started) / (10 * (WORRYING.length + ORDINARY.length));
		console.log(
			`Safeguarding phrases: flagged ${WORRYING.length - missed.length} of ${WORRYING.length} worrying sentences` +
				` and ${wrong.length} of ${ORDINARY.length} ordinary ones (${perText.toFixed(3)} ms a sentence).` +
				(missed.length ? `\nNot flagged: ${missed.join(' | ')}` : '') +
				(wrong.length ? `\nWrongly flagged: ${wrong.join(' | ')}` : '')
		);
		expect((WORRYING.length - missed.length) / WORRYING.length).toBeGreaterThanOrEqual(0.9);
		expect(wrong).toEqual([]);
	});
});

describe('normalise', () => {
	it('lowers case, drops accents and apostrophes, and turns punctuation and runs of spaces into one space', () => {
		expect(normalise('  I DON’T   want…to  be HERE!! ')).toBe('i dont want to be here');
		expect(normalise("Café's\tnaïve\nself-harm")).toBe('cafes naive self harm');
		expect(normalise('Year 8, room 12')).toBe('year 8 room 12');
		expect(normalise('?!…')).toBe('');
	});
});

describe('withinEdits', () => {
	it('counts a changed, missing, extra or swapped letter as one edit', () => {
		expect(withinEdits('suicide', 'suicide', 0)).toBe(true);
		expect(withinEdits('suicibe', 'suicide', 1)).toBe(true); // changed
		expect(withinEdits('sucide', 'suicide', 1)).toBe(true); // missing
		expect(withinEdits('suiccide', 'suicide', 1)).toBe(true); // extra
		expect(withinEdits('suiicde', 'suicide', 1)).toBe(true); // swapped neighbours
		expect(withinEdits('sucidie', 'suicide', 1)).toBe(false);
		expect(withinEdits('sucidie', 'suicide', 2)).toBe(true);
		expect(withinEdits('kill', 'bill', 0)).toBe(false);
		expect(withinEdits('abc', 'abcdef', 2)).toBe(false); // too different in length to try
	});
});

describe('makeMatcher', () => {
	const only = (phrase: string, category: 'self_harm' | 'abuse' | 'neglect' | 'unsafe' = 'self_harm') => makeMatcher([{ phrase, category }]);

	it('matches a phrase anywhere in the text, in any case and spacing, and gives each phrase once', () => {
		const m = only('want to die');
		expect(m('Sometimes I WANT   to die.')).toEqual([{ phrase: 'want to die', category: 'self_harm' }]);
		expect(m('want to die, I want to die')).toHaveLength(1);
		expect(m('I want to dive')).toEqual([]);
		expect(m('')).toEqual([]);
	});

	it('matches longer words after a stem ending in *, with a slip in a long stem, but not shorter words', () => {
		const m = only('suicid*');
		expect(m('suicidal')).toHaveLength(1);
		expect(m('suicide')).toHaveLength(1);
		expect(m('sucidal')).toHaveLength(1); // a letter missing moves the end of the stem
		expect(m('suiccidal')).toHaveLength(1); // a letter too many
		expect(m('it suits me')).toEqual([]);
		const hurt = only('hurt* myself');
		expect(hurt('hurting myself')).toHaveLength(1);
		expect(hurt('hurts myself')).toHaveLength(1);
		expect(hurt('hurry myself')).toEqual([]);
	});

	it('forgives only a swap of two neighbouring letters in a four-letter word', () => {
		const m = only('want to die');
		expect(m('i wnat to die')).toHaveLength(1);
		expect(m('i wamt to die')).toEqual([]);
		const kill = only('kill* myself');
		expect(kill('ikll myself')).toHaveLength(1);
		expect(kill('bill myself')).toEqual([]);
	});

	it('never forgives a slip in the first letter', () => {
		expect(only('groom*', 'abuse')('we waited in the room')).toEqual([]);
		expect(only('groom*', 'abuse')('he was grooming her')).toHaveLength(1);
		expect(only('bullied', 'unsafe')('I was bulied')).toHaveLength(1);
		expect(only('bullied', 'unsafe')('I was pullied')).toEqual([]);
	});

	it('matches words split in two or run together', () => {
		const m = only('cut* myself');
		expect(m('I cut my self')).toHaveLength(1);
		expect(m('cutmyself')).toHaveLength(1);
		expect(only('kill* myself')('k i l l  m y s e l f')).toHaveLength(1);
		// run together, short phrases are not looked for inside other words
		expect(only('no food', 'neglect')('piano food')).toEqual([]);
	});
});

describe('makeMatcher: work done once, not on every submit', () => {
	it('prepares each phrase once for the life of the server: a new list prepares only its new phrases', () => {
		const list = [
			{ phrase: 'a phrase only this test uses', category: 'unsafe' as const },
			{ phrase: 'another phrase only this test uses', category: 'unsafe' as const }
		];
		const before = matcherWork.preparations;
		makeMatcher(list)('some text');
		expect(matcherWork.preparations - before).toBe(2);
		// the same phrases again, as when the leads' list is read for the next submit
		const m = makeMatcher(list);
		m('a phrase only this test uses');
		m('more text');
		expect(matcherWork.preparations - before).toBe(2);
		// a lead adds one phrase: one more preparation, not the whole list again
		makeMatcher([...list, { phrase: 'a third phrase only this test uses', category: 'unsafe' }]);
		expect(matcherWork.preparations - before).toBe(3);
	});

	it('compares each typed word with each phrase word once per text, however often both come up', () => {
		const m = makeMatcher([
			{ phrase: 'hurt* myself', category: 'self_harm' },
			{ phrase: 'hurt* me', category: 'abuse' },
			{ phrase: 'nobody cares about me', category: 'unsafe' }
		]);
		const before = matcherWork.comparisons;
		expect(m('hurting hurting hurting hurting hurting hurting hurting hurting '.repeat(50))).toEqual([]);
		// 2 typed words ("hurting", and "hurtinghurting" run together) × the 4 phrase words ever reached:
		// "hurt*" (shared by two phrases), "myself", "me" and "nobody"; not 400 of each
		expect(matcherWork.comparisons - before).toBe(8);
	});

	it('checks a long local phrase against a long text in steps that grow with their lengths, not with every way of splitting the text', () => {
		// every word of the phrase matches one typed word and two run together, and the last never matches:
		// tried every way, that is thousands of paths from each place in the text (millions for the whole text)
		const phrase = `${'a* '.repeat(12)}zebra`;
		const m = makeMatcher([{ phrase, category: 'unsafe' }]);
		const comparisons = matcherWork.comparisons;
		const steps = matcherWork.steps;
		expect(m('a '.repeat(400))).toEqual([]);
		// "a" and "aa" against "a*" and "zebra"
		expect(matcherWork.comparisons - comparisons).toBeLessThanOrEqual(4);
		// at most once for each place in the text and each word of the phrase
		expect(matcherWork.steps - steps).toBeLessThanOrEqual(400 * 13);
		expect(m(`${'a '.repeat(30)}zebra`)).toEqual([{ phrase, category: 'unsafe' }]);
	});
});
