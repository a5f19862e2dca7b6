import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { auditEntry, contentTranslation } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import * as settings from '../settings';
import * as board from '../board';
import { addPerson, testDb, thrown } from '../testing';
import * as content from '.';

const NOW = new Date('2026-11-02T10:00:00Z');

function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const parent = addPerson(db, ['parent_carer']);
	const youngPerson = addPerson(db, ['young_person']);
	const itemId = board.createItem(db, organiser, {
		youSaid: 'We wait too long to hear back after a referral.',
		easyRead: 'We wait a long time.',
		easyReadSymbol: null,
		voices: 3,
		source: 'direct_feedback',
		sourceDetail: '',
		serviceIds: [],
		topics: [],
		heardOn: '2026-09-01'
	});
	board.respond(db, organiser, itemId, { text: 'We now write within two weeks.', status: 'working_on_it', reason: '', as: 'forum' });
	return { db, admin, organiser, lead, parent, youngPerson, itemId };
}

const detail = (db: ReturnType<typeof testDb>, actor: Parameters<typeof board.getItem>[1], id: number) => board.getItem(db, actor, id);
const YOU_SAID = 'We wait too long to hear back after a referral.';
const english = (id: number, texts: content.Texts) => new Map([[id, texts]]);

describe('content translations', () => {
	it("offers every interface language but English until an admin chooses, then the admin's choice", () => {
		const { db, admin } = setUp();
		expect(content.offeredLanguages(db)).toEqual(['tr', 'ur', 'bn', 'so', 'pl', 'ku', 'yi']);
		settings.update(db, admin, { contentLanguages: ['so', 'ar'] });
		expect(content.offeredLanguages(db)).toEqual(['so', 'ar']);
	});

	it('saves an item and its "we did" in one language, with the English each translates, and reads them back only in that language', () => {
		const { db, organiser, itemId } = setUp();
		const response = detail(db, organiser, itemId).responses[0];
		const saved = content.saveTranslations(db, organiser, 'so', [
			{ subject: 'board_item', subjectId: itemId, field: 'you_said', english: YOU_SAID, text: '  Waqti dheer ayaan sugnaa.  ' },
			{ subject: 'board_item', subjectId: itemId, field: 'easy_read', english: 'We wait a long time.', text: '' },
			{ subject: 'board_response', subjectId: response.id, field: 'text', english: response.text, text: 'Hadda waxaan qornaa laba toddobaad gudahood.' }
		], NOW);
		expect(saved).toBe(2);
		const item = english(itemId, { you_said: YOU_SAID, easy_read: 'We wait a long time.' });
		expect(content.textsIn(db, 'board_item', item, 'so').get(itemId)).toEqual({ you_said: 'Waqti dheer ayaan sugnaa.' });
		expect(content.textsIn(db, 'board_response', english(response.id, { text: response.text }), 'so').get(response.id)).toEqual({ text: 'Hadda waxaan qornaa laba toddobaad gudahood.' });
		expect(content.textsIn(db, 'board_item', item, 'pl').size).toBe(0);
		expect(content.textsIn(db, 'board_item', item, 'en').size).toBe(0);
		expect(db.select({ source: contentTranslation.source }).from(contentTranslation).all().map((r) => r.source).sort()).toEqual([response.text, YOU_SAID].sort());
		const audit = db.select().from(auditEntry).all().filter((a) => a.action === 'content.translated');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ subjectType: 'board_item', subjectId: String(itemId) });
		expect(JSON.parse(audit[0].details)).toEqual({ locale: 'so', texts: 3, translated: 2 });
		// an empty text takes a translation away again
		content.saveTranslations(db, organiser, 'so', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', english: YOU_SAID, text: ' ' }], NOW);
		expect(content.textsIn(db, 'board_item', item, 'so').size).toBe(0);
	});

	it('lets organisers and admins translate, and nobody else (visitors, young people, parents, service leads); nothing is saved', () => {
		const { db, admin, organiser, lead, parent, youngPerson, itemId } = setUp();
		const one = [{ subject: 'board_item' as const, subjectId: itemId, field: 'you_said', english: YOU_SAID, text: 'Metin' }];
		const texts = one.map(({ text: _, ...t }) => t);
		for (const actor of [null, youngPerson, parent, lead]) {
			expect(thrown(() => content.saveTranslations(db, actor, 'tr', one))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => content.drafts(db, actor, texts))).toBeInstanceOf(ForbiddenError);
		}
		expect(db.select().from(contentTranslation).all()).toEqual([]);
		expect(content.saveTranslations(db, organiser, 'tr', one)).toBe(1);
		expect(content.saveTranslations(db, admin, 'ur', [{ ...one[0], text: 'متن' }])).toBe(1);
		expect(content.drafts(db, admin, texts).get('ur')).toEqual([{ text: 'متن', changed: false }]);
	});

	it('refuses languages not offered, fields the subject does not have and texts too long', () => {
		const { db, admin, organiser, itemId } = setUp();
		const one = [{ subject: 'board_item' as const, subjectId: itemId, field: 'you_said', english: YOU_SAID, text: 'Metin' }];
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', one)) as ValidationError).code).toBe('language_not_offered');
		settings.update(db, admin, { contentLanguages: ['ar'] });
		expect(content.saveTranslations(db, organiser, 'ar', [{ ...one[0], text: 'نص' }])).toBe(1);
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], field: 'due_on' }])) as ValidationError).code).toBe('unknown_field');
		// a summary has eight sentences at most; a standard, its statement and measure
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], subject: 'meeting_easy_read', field: 'sentence_9' }])) as ValidationError).code).toBe('unknown_field');
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], subject: 'standard', field: 'you_said' }])) as ValidationError).code).toBe('unknown_field');
		expect(content.saveTranslations(db, organiser, 'ar', [{ ...one[0], subject: 'meeting_easy_read', field: 'sentence_8' }, { ...one[0], subject: 'standard', field: 'measure' }])).toBe(2);
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], text: 'x'.repeat(5001) }])) as ValidationError).code).toBe('too_long');
	});

	it('never shows a translation against English it was not made from; the translators get it back to check', () => {
		const { db, organiser, itemId } = setUp();
		content.saveTranslations(db, organiser, 'so', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', english: YOU_SAID, text: 'Waqti dheer ayaan sugnaa.' }], NOW);
		const changed = 'We wait too long to hear back after a referral, sometimes months.';
		expect(content.textsIn(db, 'board_item', english(itemId, { you_said: changed }), 'so').size).toBe(0);
		expect(content.inLanguage(db, 'board_item', english(itemId, { you_said: changed }), 'so').get(itemId)).toEqual({ you_said: { text: changed, lang: 'en' } });
		const source = [{ subject: 'board_item' as const, subjectId: itemId, field: 'you_said', english: changed }];
		expect(content.drafts(db, organiser, source).get('so')).toEqual([{ text: 'Waqti dheer ayaan sugnaa.', changed: true }]);
		expect(content.languagesPage(db, organiser, [{ ...source[0], name: 'you_said', label: 'You said' }]).find((l) => l.locale === 'so')).toEqual({ locale: 'so', done: 0, changed: 1, total: 1 });
		// checked and saved again: shown again
		content.saveTranslations(db, organiser, 'so', [{ ...source[0], text: 'Waqti dheer ayaan sugnaa, mararka qaar bilo.' }], NOW);
		expect(content.textsIn(db, 'board_item', english(itemId, { you_said: changed }), 'so').get(itemId)).toEqual({ you_said: 'Waqti dheer ayaan sugnaa, mararka qaar bilo.' });
		expect(content.drafts(db, organiser, source).get('so')).toEqual([{ text: 'Waqti dheer ayaan sugnaa, mararka qaar bilo.', changed: false }]);
	});

	it('shows a translation saved before sources were kept as it always was', () => {
		const { db, organiser, itemId } = setUp();
		db.insert(contentTranslation).values({ subject: 'board_item', subjectId: itemId, field: 'you_said', locale: 'tr', text: 'Çok bekliyoruz.', source: null, updatedBy: organiser.id, updatedAt: NOW }).run();
		expect(content.textsIn(db, 'board_item', english(itemId, { you_said: 'Anything at all' }), 'tr').get(itemId)).toEqual({ you_said: 'Çok bekliyoruz.' });
	});

	it('keeps a translation with its English when the texts move (a summary sentence moved up)', () => {
		const { db, organiser } = setUp();
		const first = 'The forum met.';
		const second = 'Parents talked with services.';
		content.saveTranslations(db, organiser, 'so', [
			{ subject: 'meeting_easy_read', subjectId: 5, field: 'sentence_1', english: first, text: 'Golaha ayaa kulmay.' },
			{ subject: 'meeting_easy_read', subjectId: 5, field: 'sentence_2', english: second, text: 'Waalidiintu waxay la hadleen adeegyada.' }
		], NOW);
		// the second sentence now first, a new one second
		const now = english(5, { sentence_1: second, sentence_2: 'We will meet again in May.' });
		expect(content.textsIn(db, 'meeting_easy_read', now, 'so').get(5)).toEqual({ sentence_1: 'Waalidiintu waxay la hadleen adeegyada.' });
		const source = [
			{ subject: 'meeting_easy_read' as const, subjectId: 5, field: 'sentence_1', english: second },
			{ subject: 'meeting_easy_read' as const, subjectId: 5, field: 'sentence_2', english: 'We will meet again in May.' }
		];
		expect(content.drafts(db, organiser, source).get('so')).toEqual([
			{ text: 'Waalidiintu waxay la hadleen adeegyada.', changed: false },
			// not the moved sentence's translation again, to check against the new sentence
			{ text: '', changed: false }
		]);
		// another meeting's translations are not this one's
		expect(content.textsIn(db, 'meeting_easy_read', english(6, { sentence_1: first }), 'so').size).toBe(0);
	});

	it("shows a board item in the reader's language where translated, English marked as English otherwise", () => {
		const { db, organiser, itemId } = setUp();
		const item = detail(db, organiser, itemId);
		content.saveTranslations(db, organiser, 'so', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', english: YOU_SAID, text: 'Waqti dheer ayaan sugnaa.' }], NOW);

		const [somali] = board.inLanguage(db, [item], 'so');
		expect(somali).toMatchObject({ youSaid: 'Waqti dheer ayaan sugnaa.', youSaidLang: 'so', easyRead: 'We wait a long time.', easyReadLang: 'en', notTranslated: true });
		expect(somali.responses[0]).toMatchObject({ text: 'We now write within two weeks.', lang: 'en' });

		content.saveTranslations(db, organiser, 'so', [
			{ subject: 'board_item', subjectId: itemId, field: 'easy_read', english: 'We wait a long time.', text: 'Waqti dheer ayaan sugnaa.' },
			{ subject: 'board_response', subjectId: item.responses[0].id, field: 'text', english: item.responses[0].text, text: 'Hadda si dhakhso ah ayaan u qornaa.' }
		], NOW);
		const [whole] = board.inLanguage(db, [item], 'so');
		expect(whole.notTranslated).toBe(false);
		expect(whole.responses[0]).toMatchObject({ text: 'Hadda si dhakhso ah ayaan u qornaa.', lang: 'so' });

		const [english] = board.inLanguage(db, [item], 'en');
		expect(english).toMatchObject({ youSaid: item.youSaid, youSaidLang: 'en', notTranslated: false });
		const [polish] = board.inLanguage(db, [item], 'pl');
		expect(polish).toMatchObject({ youSaid: item.youSaid, youSaidLang: 'en', notTranslated: true });
		// the "you said" changed since: English again, with the note
		const [edited] = board.inLanguage(db, [{ ...item, youSaid: 'We wait months.' }], 'so');
		expect(edited).toMatchObject({ youSaid: 'We wait months.', youSaidLang: 'en', notTranslated: true });
	});

	it("gives the translators' pages each offered language, and 404 for one not offered", () => {
		const { db, organiser, parent, itemId } = setUp();
		const texts = [{ name: 'you_said', label: 'You said', subject: 'board_item' as const, subjectId: itemId, field: 'you_said', english: YOU_SAID }];
		expect(content.languagesPage(db, organiser, texts).map((l) => l.locale)).toEqual(content.offeredLanguages(db));
		expect(content.languagePage(db, organiser, texts, 'tr')).toEqual([{ name: 'you_said', label: 'You said', english: YOU_SAID, text: '', changed: false }]);
		expect(isHttpError(thrown(() => content.languagePage(db, organiser, texts, 'ar')), 404)).toBe(true);
		expect(isHttpError(thrown(() => content.languagesPage(db, parent, texts)), 403)).toBe(true);
	});

	it('forgets the translations of what its owner deletes', () => {
		const { db, organiser, itemId } = setUp();
		content.saveTranslations(db, organiser, 'tr', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', english: YOU_SAID, text: 'Çok bekliyoruz.' }], NOW);
		content.forget(db, 'board_item', [itemId]);
		expect(content.textsIn(db, 'board_item', english(itemId, { you_said: YOU_SAID }), 'tr').size).toBe(0);
	});
});
