import { describe, expect, it } from 'vitest';
import { entryFormValues, entryInputFrom, entrySchema, errorPath, readCount, readId } from './schemas';
import { deciderName, problemText } from './labels';

describe('the co-production entry form', () => {
	it('reads counts and chosen ids as typed, leaving what is wrong for the service to explain', () => {
		expect(readCount(' 12 ')).toBe(12);
		expect(readCount('')).toBe(0);
		for (const bad of ['-1', '1.5', 'twelve', '1e3', '1234567']) expect(readCount(bad)).toBeNaN();
		expect(readId('')).toBeNull();
		expect(readId('42')).toBe(42);
		expect(readId('x')).toBe(-1);
	});

	it('turns the form into the service input and back, keeping a service body only when a service decided', () => {
		const form = entrySchema.parse({ title: 'Leaflet', body: 'forum', bodyServiceId: '3', decidedOn: ' 2026-05-01 ', level: 'co_design', parentCarers: '4', serviceIds: ['3', '5'], agendaItemId: '9' });
		const input = entryInputFrom(form);
		expect(input).toMatchObject({ title: 'Leaflet', body: 'forum', bodyServiceId: null, decidedOn: '2026-05-01', level: 'co_design', parentCarers: 4, youngPeople: 0, serviceIds: [3, 5], agendaItemId: 9, surveyId: null });
		expect(entryInputFrom({ ...form, body: 'service' }).bodyServiceId).toBe(3);
		expect(entryFormValues(input)).toMatchObject({ parentCarers: '4', serviceIds: ['3', '5'], agendaItemId: '9', surveyId: '' });
		// a level that is not on the ladder is refused before the service sees it
		expect(entrySchema.safeParse({ level: 'partner' }).success).toBe(false);
	});

	it('shows a problem with the services on the list, the rest on their field, in the reader’s words', () => {
		expect(errorPath('serviceIds')).toBe('serviceIds._errors');
		expect(errorPath('title')).toBe('title');
		expect(problemText('entry_link_survey', 'x')).toBe('There is no such survey: choose one from the list, or none.');
		expect(problemText('something_new', 'As the service said.')).toBe('As the service said.');
		expect(deciderName({ body: 'other', bodyService: null, bodyName: 'Council cabinet' })).toBe('Council cabinet');
		expect(deciderName({ body: 'forum', bodyService: null, bodyName: '' })).toBe('The parent carer forum');
	});
});
