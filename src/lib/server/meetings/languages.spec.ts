import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import * as content from '../content';
import { addPerson, testDb, thrown } from '../testing';
import * as meetings from '.';

const NOW = new Date('2026-03-01T12:00:00Z');

function setUp() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const id = meetings.create(db, organiser, {
		title: 'Forum meeting',
		startsAt: new Date('2026-03-10T18:00:00Z'),
		endsAt: new Date('2026-03-10T20:00:00Z'),
		place: 'Town Hall',
		onlineLink: '',
		access: [],
		accessNotes: '',
		audience: 'open_to_all'
	});
	meetings.saveEasyRead(db, organiser, id, [
		{ text: 'The forum met.', symbolId: 'meeting' },
		{ text: 'Parents talked with services.', symbolId: 'talk' },
		{ text: 'Come and have your say.', symbolId: null }
	]);
	const translate = (texts: [number, string, string][]) =>
		content.saveTranslations(
			db,
			organiser,
			'so',
			texts.map(([i, english, text]) => ({ subject: 'meeting_easy_read' as const, subjectId: id, field: `sentence_${i + 1}`, english, text })),
			NOW
		);
	const summary = (locale: string) => meetings.easyReadIn(db, id, meetings.get(db, organiser, id).easyReadSentences, locale);
	return { db, organiser, id, translate, summary };
}

describe("a meeting's easy-read summary in the reader's language", () => {
	it('shows each sentence translated from its English in the language, keeps its symbol, and the rest in English with the note', () => {
		const { translate, summary } = setUp();
		translate([
			[0, 'The forum met.', 'Golaha ayaa kulmay.'],
			[1, 'Parents talked with services.', 'Waalidiintu waxay la hadleen adeegyada.']
		]);
		expect(summary('so')).toEqual({
			sentences: [
				{ text: 'Golaha ayaa kulmay.', symbolId: 'meeting', lang: 'so' },
				{ text: 'Waalidiintu waxay la hadleen adeegyada.', symbolId: 'talk', lang: 'so' },
				{ text: 'Come and have your say.', symbolId: null, lang: 'en' }
			],
			notTranslated: true
		});
		expect(summary('en').notTranslated).toBe(false);
		expect(summary('en').sentences.map((s) => s.lang)).toEqual(['en', 'en', 'en']);
		translate([[2, 'Come and have your say.', 'Kaalay oo ra\'yigaaga dhiibo.']]);
		expect(summary('so').notTranslated).toBe(false);
	});

	it('shows English again for a sentence changed since, and keeps a translation with a sentence that moved', () => {
		const { db, organiser, id, translate, summary } = setUp();
		translate([
			[0, 'The forum met.', 'Golaha ayaa kulmay.'],
			[1, 'Parents talked with services.', 'Waalidiintu waxay la hadleen adeegyada.']
		]);
		meetings.saveEasyRead(db, organiser, id, [
			{ text: 'Parents talked with services.', symbolId: 'talk' },
			{ text: 'The forum met in the town hall.', symbolId: 'meeting' }
		]);
		expect(summary('so')).toEqual({
			sentences: [
				{ text: 'Waalidiintu waxay la hadleen adeegyada.', symbolId: 'talk', lang: 'so' },
				{ text: 'The forum met in the town hall.', symbolId: 'meeting', lang: 'en' }
			],
			notTranslated: true
		});
	});

	it('takes eight sentences at most (each can be translated)', () => {
		const { db, organiser, id } = setUp();
		const nine = Array.from({ length: 9 }, (_, i) => ({ text: `Sentence ${i + 1}.`, symbolId: null }));
		expect((thrown(() => meetings.saveEasyRead(db, organiser, id, nine)) as ValidationError).code).toBe('too_many_sentences');
		meetings.saveEasyRead(db, organiser, id, nine.slice(0, 8));
		expect(meetings.get(db, organiser, id).easyReadSentences).toHaveLength(8);
	});
});
