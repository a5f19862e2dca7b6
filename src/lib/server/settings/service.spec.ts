import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { addPerson, testDb, thrown } from '../testing';
import * as settings from './service';

describe('settings for the admins’ page', () => {
	it('gives an admin the current settings, defaults for any never set, and refuses everyone else', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		settings.update(db, admin, { replyWithinWeeks: 6 });
		expect(settings.forEditing(db, admin)).toEqual({ ...settings.DEFAULT_SETTINGS, replyWithinWeeks: 6 });
		for (const roles of [['organiser'], ['safeguarding_lead'], ['board_member'], ['parent_carer']] as const) {
			expect(thrown(() => settings.forEditing(db, addPerson(db, [...roles])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => settings.forEditing(db, null))).toBeInstanceOf(ForbiddenError);
	});
});
