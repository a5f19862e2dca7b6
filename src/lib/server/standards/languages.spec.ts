import { describe, expect, it } from 'vitest';
import * as content from '../content';
import { addPerson, testDb } from '../testing';
import * as standards from '.';

const NOW = new Date('2026-03-01T12:00:00Z');
const STATEMENT = 'Families hear back within four weeks';
const MEASURE = 'Share of families who heard back within four weeks';

function setUp() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const id = standards.create(db, organiser, { serviceId: null, statement: STATEMENT, measure: MEASURE, measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 80, amberFrom: 60 });
	const translate = (field: 'statement' | 'measure', english: string, text: string) =>
		content.saveTranslations(db, organiser, 'tr', [{ subject: 'standard', subjectId: id, field, english, text }], NOW);
	return { db, organiser, id, translate };
}

describe("standards' words in the reader's language (over a report's frozen English)", () => {
	it('translates the statement and the measure where translated from that English, and marks the rest English', () => {
		const { db, id, translate } = setUp();
		translate('statement', STATEMENT, 'Aileler dört hafta içinde yanıt alır');
		const [row] = standards.inLanguage(db, [{ id, statement: STATEMENT, measure: MEASURE, unit: 'percent' }], 'tr');
		expect(row).toEqual({ id, statement: 'Aileler dört hafta içinde yanıt alır', statementLang: 'tr', measure: MEASURE, measureLang: 'en', unit: 'percent' });
		expect(standards.anyInEnglish([row], 'tr')).toBe(true);
		// an "at a glance" row has the statement only
		const [glance] = standards.inLanguage(db, [{ id, statement: STATEMENT }], 'tr');
		expect(glance).toEqual({ id, statement: 'Aileler dört hafta içinde yanıt alır', statementLang: 'tr', measureLang: 'en' });
		translate('measure', MEASURE, 'Dört hafta içinde yanıt alan ailelerin oranı');
		const [whole] = standards.inLanguage(db, [{ id, statement: STATEMENT, measure: MEASURE }], 'tr');
		expect(standards.anyInEnglish([whole], 'tr')).toBe(false);
		expect(standards.anyInEnglish(standards.inLanguage(db, [{ id, statement: STATEMENT, measure: MEASURE }], 'en'), 'en')).toBe(false);
	});

	it('keeps an older report in its own English once the wording changed and the new wording is translated', () => {
		const { db, id, translate } = setUp();
		translate('statement', STATEMENT, 'Aileler dört hafta içinde yanıt alır');
		const newer = 'Families hear back within three weeks';
		// a report frozen with the old wording, before and after the new one is translated
		expect(standards.inLanguage(db, [{ id, statement: STATEMENT }], 'tr')[0].statementLang).toBe('tr');
		translate('statement', newer, 'Aileler üç hafta içinde yanıt alır');
		expect(standards.inLanguage(db, [{ id, statement: STATEMENT }], 'tr')[0]).toMatchObject({ statement: STATEMENT, statementLang: 'en' });
		expect(standards.inLanguage(db, [{ id, statement: newer }], 'tr')[0]).toMatchObject({ statement: 'Aileler üç hafta içinde yanıt alır', statementLang: 'tr' });
	});
});
