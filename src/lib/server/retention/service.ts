/**
 * Retention: personal data is kept only as long as the area's settings say (AreaSettings,
 * `retain*Days`), then deleted or anonymised by one job that runs daily in the server and on
 * demand with `npm run retention`. A setting of 0 keeps that kind of data for ever.
 *
 * Each feature says what it removes and when in its `contributes.ts` (`retention`); this job runs
 * every feature's step in one write transaction (each kind in one statement, never one record at
 * a time) and records the counts. It removes data only; it never adds or reads free text.
 */
import { DAY_MS } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';
import * as audit from '../audit';
import * as settings from '../settings';
import { CONTRIBUTIONS } from '../registry';

export { removedMarker } from '../contributions';

/** What one run removed, by kind. Only numbers: never ids or text. */
export type RetentionCounts = {
	/** Pieces of direct feedback whose contact details (name, email, phone, consent) were cleared. */
	feedbackContacts: number;
	/** Free-text survey answers whose words were removed. */
	surveyTexts: number;
	/** Safeguarding flags whose copy of the words was removed (their review stays). */
	flagTexts: number;
	/** Profiles of inactive young people that were emptied. */
	profiles: number;
	/** Records of a share link being opened. */
	shareOpens: number;
	/** Audit log entries. */
	auditEntries: number;
	/** Unsent survey answers (drafts). */
	drafts: number;
	/** Email subscriptions never confirmed. */
	unconfirmedSubscriptions: number;
	/** Joins of the forum by email never confirmed. */
	unconfirmedForumJoins: number;
	/** Records of the forum's representatives whose term ended long ago. */
	endedForumRepresentatives: number;
};

/** Every kind, in the order the settings page lists them; each is removed by one feature's step or more. */
export const RETENTION_KINDS = [
	'feedbackContacts',
	'surveyTexts',
	'flagTexts',
	'profiles',
	'shareOpens',
	'auditEntries',
	'drafts',
	'unconfirmedSubscriptions',
	'unconfirmedForumJoins',
	'endedForumRepresentatives'
] as const satisfies readonly (keyof RetentionCounts)[];
type RetentionKind = (typeof RETENTION_KINDS)[number];

/**
 * Deletes or anonymises everything older than the settings allow, each kind in one statement,
 * all in one write transaction, and records one 'retention.ran' audit entry with the counts.
 * Running it again at once removes nothing more. Returns the counts.
 */
export function runRetention(db: Db, now = new Date()): RetentionCounts {
	return writeTransaction(db, (tx) => {
		const s = settings.get(tx);
		const counts = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as RetentionCounts;
		for (const contribution of CONTRIBUTIONS) {
			const step = contribution.retention;
			if (!step) continue;
			const removed = step.run({ tx, now, settings: s }) as Partial<RetentionCounts>;
			for (const kind of step.kinds as RetentionKind[]) counts[kind] += removed[kind] ?? 0;
		}

		audit.record(tx, {
			actorId: null,
			action: 'retention.ran',
			subjectType: 'retention',
			subjectId: 'area',
			details: { ...counts },
			at: now
		});
		return counts;
	});
}

export type RetentionRun = { at: Date; counts: RetentionCounts };

/** The latest run of the retention job, or null if it never ran. Throws ForbiddenError (admins only). */
export function lastRun(db: Db, actor: Actor): RetentionRun | null {
	if (!can(actor, 'settings.manage')) throw new ForbiddenError();
	const row = audit.entriesOf(db, ['retention.ran'], 1)[0];
	if (!row) return null;
	const details = row.details as Partial<RetentionCounts>;
	const counts = Object.fromEntries(RETENTION_KINDS.map((k) => [k, Number(details[k] ?? 0)])) as RetentionCounts;
	return { at: row.at, counts };
}

/** The periods the privacy notice tells people about (days; 0 = kept for ever). */
export function periods(db: Db) {
	const s = settings.get(db);
	return {
		feedbackContactDays: s.retainFeedbackContactDays,
		closedSurveyTextDays: s.retainClosedSurveyTextDays,
		inactiveProfileDays: s.retainInactiveProfileDays,
		shareOpenDays: s.retainShareOpenDays,
		auditDays: s.retainAuditDays,
		childrensServicesContact: s.childrensServicesContact
	};
}

const started = Symbol.for('chorus.retention.started');

/**
 * Runs the retention job a minute after the server starts and then every 24 hours, once per
 * process (a second call does nothing). Failures are logged without any personal data.
 */
export function scheduleDaily(db: () => Db, log: Pick<Console, 'log' | 'error'> = console): void {
	const holder = globalThis as { [started]?: boolean };
	if (holder[started]) return;
	holder[started] = true;
	const run = () => {
		try {
			const counts = runRetention(db());
			const removed = RETENTION_KINDS.filter((k) => counts[k] > 0).map((k) => `${k} ${counts[k]}`);
			if (removed.length) log.log(`Retention: removed ${removed.join(', ')}.`);
		} catch (error) {
			// the error's kind and SQLite's message only: they never hold the rows' values
			const what = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
			log.error(`Retention job failed (${what}); it will try again in 24 hours.`);
		}
	};
	setTimeout(run, 60_000).unref();
	setInterval(run, DAY_MS).unref();
}
