import { eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../db';
import { areaSetting } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';
import * as audit from '../audit';
import type { RetentionSettings } from '../contributions';
import { DEFAULT_CONTENT_LANGUAGES } from '$lib/features/content/model';

/** The area's settings, with their defaults. Stored as JSON, one row each. */
export type AreaSettings = RetentionSettings & {
	/** "We reply within N weeks": a board item's response is due this long after it was heard. */
	replyWithinWeeks: number;
	/** Reports show no percentage worked out from fewer responses than this (and give it no RAG). */
	disclosureMinimumResponses: number;
	/** Reports show counts from 1 up to one below this as "fewer than N". */
	disclosureSmallCountBelow: number;
	/** Safeguarding flags not reviewed within this many working days show as overdue to every lead. */
	safeguardingReviewWorkingDays: number;
	/** The local children's services contact shown beside 999 and Childline where people write ("" = not set). */
	childrensServicesContact: string;
	/** The languages public texts (board items, "we did") can be translated into, beside English. */
	contentLanguages: readonly string[];
};

export const DEFAULT_SETTINGS: AreaSettings = {
	replyWithinWeeks: 8,
	disclosureMinimumResponses: 10,
	disclosureSmallCountBelow: 5,
	safeguardingReviewWorkingDays: 1,
	childrensServicesContact: '',
	contentLanguages: DEFAULT_CONTENT_LANGUAGES,
	retainFeedbackContactDays: 365,
	retainClosedSurveyTextDays: 730,
	retainInactiveProfileDays: 1095,
	retainShareOpenDays: 90,
	retainAuditDays: 2190
};

/** The current settings (defaults for any never set). */
export function get(db: Db): AreaSettings {
	const rows = db.select().from(areaSetting).all();
	const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
	return { ...DEFAULT_SETTINGS, ...stored };
}

/** The current settings, for the admins' settings page. Throws ForbiddenError. */
export function forEditing(db: Db, actor: Actor): AreaSettings {
	if (!can(actor, 'settings.manage')) throw new ForbiddenError();
	return get(db);
}

/** Changes settings, recording before and after in the audit log. Throws ForbiddenError. */
export function update(db: Db, actor: Actor, changes: Partial<AreaSettings>, now = new Date()): void {
	if (!can(actor, 'settings.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const before = get(tx);
		for (const [key, value] of Object.entries(changes)) {
			if (!(key in DEFAULT_SETTINGS)) continue;
			const row = { key, value: JSON.stringify(value), updatedAt: now };
			tx.insert(areaSetting)
				.values(row)
				.onConflictDoUpdate({ target: areaSetting.key, set: { value: row.value, updatedAt: now } })
				.run();
		}
		audit.record(tx, {
			actorId: actor!.id,
			action: 'settings.updated',
			subjectType: 'settings',
			subjectId: 'area',
			details: { before, after: get(tx) },
			at: now
		});
	});
}

/** One setting, for a quick read. */
export function replyWithinWeeks(db: Db): number {
	const row = db.select().from(areaSetting).where(eq(areaSetting.key, 'replyWithinWeeks')).get();
	return row ? Number(JSON.parse(row.value)) : DEFAULT_SETTINGS.replyWithinWeeks;
}
