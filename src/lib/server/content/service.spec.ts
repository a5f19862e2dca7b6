import { describe, expect, it } from 'vitest';
import { auditEntry } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import * as settings from '../settings';
import * as board from '../board';
import { addPerson, testDb, thrown } from '../testing';
import * as content from './service';

const NOW = new Date('2026-11-02T10:00:00Z');

function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const parent = addPerson(db, ['parent_carer']);
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
	return { db, admin, organiser, lead, parent, itemId };
}

const detail = (db: ReturnType<typeof testDb>, actor: Parameters<typeof board.getItem>[1], id: number) => board.getItem(db, actor, id);

describe('content translations', () => {
	it('offers every interface language but English until an admin chooses, then the admin\'s choice', () => {
		const { db, admin } = setUp();
		expect(content.offeredLanguages(db)).toEqual(['tr', 'ur', 'bn', 'so', 'pl', 'ku', 'yi']);
		settings.update(db, admin, { contentLanguages: ['so', 'ar'] });
		expect(content.offeredLanguages(db)).toEqual(['so', 'ar']);
	});

	it('saves an item and its "we did" in one language, and reads them back only in that language', () => {
		const { db, organiser, itemId } = setUp();
		const responseId = detail(db, organiser, itemId).responses[0].id;
		const saved = content.saveTranslations(db, organiser, 'so', [
			{ subject: 'board_item', subjectId: itemId, field: 'you_said', text: '  Waqti dheer ayaan sugnaa.  ' },
			{ subject: 'board_item', subjectId: itemId, field: 'easy_read', text: '' },
			{ subject: 'board_response', subjectId: responseId, field: 'text', text: 'Hadda waxaan qornaa laba toddobaad gudahood.' }
		], NOW);
		expect(saved).toBe(2);
		expect(content.textsIn(db, 'board_item', [itemId], 'so').get(itemId)).toEqual({ you_said: 'Waqti dheer ayaan sugnaa.' });
		expect(content.textsIn(db, 'board_response', [responseId], 'so').get(responseId)).toEqual({ text: 'Hadda waxaan qornaa laba toddobaad gudahood.' });
		expect(content.textsIn(db, 'board_item', [itemId], 'pl').size).toBe(0);
		expect(content.textsIn(db, 'board_item', [itemId], 'en').size).toBe(0);
		const audit = db.select().from(auditEntry).all().filter((a) => a.action === 'content.translated');
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].details)).toEqual({ locale: 'so', texts: 3, translated: 2 });
		// an empty text takes a translation away again
		content.saveTranslations(db, organiser, 'so', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', text: ' ' }], NOW);
		expect(content.textsIn(db, 'board_item', [itemId], 'so').size).toBe(0);
	});

	it('refuses people who are not organisers or admins, languages not offered, unknown fields and texts too long', () => {
		const { db, admin, lead, parent, organiser, itemId } = setUp();
		const one = [{ subject: 'board_item' as const, subjectId: itemId, field: 'you_said', text: 'Metin' }];
		expect(thrown(() => content.saveTranslations(db, lead, 'tr', one))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => content.saveTranslations(db, parent, 'tr', one))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => content.saveTranslations(db, null, 'tr', one))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => content.translationsOf(db, parent, 'board_item', [itemId]))).toBeInstanceOf(ForbiddenError);
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', one)) as ValidationError).code).toBe('language_not_offered');
		settings.update(db, admin, { contentLanguages: ['ar'] });
		expect(content.saveTranslations(db, organiser, 'ar', [{ ...one[0], text: 'نص' }])).toBe(1);
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], field: 'due_on' }])) as ValidationError).code).toBe('unknown_field');
		expect((thrown(() => content.saveTranslations(db, organiser, 'ar', [{ ...one[0], text: 'x'.repeat(5001) }])) as ValidationError).code).toBe('too_long');
		expect(content.saveTranslations(db, admin, 'ar', one)).toBe(1);
	});

	it('shows a board item in the reader\'s language where translated, English marked as English otherwise', () => {
		const { db, organiser, itemId } = setUp();
		const item = detail(db, organiser, itemId);
		content.saveTranslations(db, organiser, 'so', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', text: 'Waqti dheer ayaan sugnaa.' }], NOW);

		const [somali] = board.inLanguage(db, [item], 'so');
		expect(somali).toMatchObject({ youSaid: 'Waqti dheer ayaan sugnaa.', youSaidLang: 'so', easyRead: 'We wait a long time.', easyReadLang: 'en', notTranslated: true });
		expect(somali.responses[0]).toMatchObject({ text: 'We now write within two weeks.', lang: 'en' });

		content.saveTranslations(db, organiser, 'so', [
			{ subject: 'board_item', subjectId: itemId, field: 'easy_read', text: 'Waqti dheer ayaan sugnaa.' },
			{ subject: 'board_response', subjectId: item.responses[0].id, field: 'text', text: 'Hadda si dhakhso ah ayaan u qornaa.' }
		], NOW);
		const [whole] = board.inLanguage(db, [item], 'so');
		expect(whole.notTranslated).toBe(false);
		expect(whole.responses[0]).toMatchObject({ text: 'Hadda si dhakhso ah ayaan u qornaa.', lang: 'so' });

		const [english] = board.inLanguage(db, [item], 'en');
		expect(english).toMatchObject({ youSaid: item.youSaid, youSaidLang: 'en', notTranslated: false });
		const [polish] = board.inLanguage(db, [item], 'pl');
		expect(polish).toMatchObject({ youSaid: item.youSaid, youSaidLang: 'en', notTranslated: true });
	});

	it('forgets the translations of what its owner deletes', () => {
		const { db, organiser, itemId } = setUp();
		content.saveTranslations(db, organiser, 'tr', [{ subject: 'board_item', subjectId: itemId, field: 'you_said', text: 'Çok bekliyoruz.' }], NOW);
		content.forget(db, 'board_item', [itemId]);
		expect(content.textsIn(db, 'board_item', [itemId], 'tr').size).toBe(0);
	});
});
