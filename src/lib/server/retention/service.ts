/**
 * Retention: personal data is kept only as long as the area's settings say (AreaSettings,
 * `retain*Days`), then deleted or anonymised by one job that runs daily in the server and on
 * demand with `npm run retention`. A setting of 0 keeps that kind of data for ever.
 *
 * This job is the one place that reaches into several features' tables directly: it must change
 * every kind in one write transaction, each kind in one statement, and the features' own
 * services work one record at a time. It removes data only; it never adds or reads free text.
 */
import { and, desc, eq, isNotNull, like, lt, not, or, sql, type AnyColumn } from 'drizzle-orm';
import { DAY_MS, londonDate } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import {
	auditEntry,
	feedback,
	profile,
	profileItem,
	profilePhoto,
	profileShareLink,
	profileShareOpen,
	profileVersion,
	safeguardingFlag,
	survey,
	surveyAnswer,
	surveyResponse,
	youngPerson
} from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';
import * as audit from '../audit';
import * as settings from '../settings';
import { deleteStaleDrafts } from '../surveys';

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
};

export const RETENTION_KINDS = [
	'feedbackContacts',
	'surveyTexts',
	'flagTexts',
	'profiles',
	'shareOpens',
	'auditEntries',
	'drafts'
] as const satisfies readonly (keyof RetentionCounts)[];

/** What replaces the words of a safeguarding flag whose source's words were removed. */
export function removedMarker(days: number): string {
	return `[removed after ${days} days]`;
}

/** A flag already emptied by an earlier run (whatever the setting was then). */
const REMOVED_PATTERN = '[removed after %';

/** The moment `days` days before `now`: things older than this have expired. */
function cutoffTime(now: Date, days: number): number {
	return now.getTime() - days * DAY_MS;
}

/** The London date `days` days before `now`: days before this one have expired. */
function cutoffDay(now: Date, days: number): string {
	return londonDate(new Date(cutoffTime(now, days)));
}

/**
 * Deletes or anonymises everything older than the settings allow, each kind in one statement,
 * all in one write transaction, and records one 'retention.ran' audit entry with the counts.
 * Running it again at once removes nothing more. Returns the counts.
 */
export function runRetention(db: Db, now = new Date()): RetentionCounts {
	return writeTransaction(db, (tx) => {
		const s = settings.get(tx);
		const counts: RetentionCounts = {
			feedbackContacts: 0,
			surveyTexts: 0,
			flagTexts: 0,
			profiles: 0,
			shareOpens: 0,
			auditEntries: 0,
			drafts: 0
		};

		// Feedback contact details, counted from the day the feedback was received. The feedback
		// itself (what happened) stays: it is not about the person, and the board may use it.
		if (s.retainFeedbackContactDays > 0) {
			counts.feedbackContacts = tx
				.update(feedback)
				.set({ contactName: null, contactEmail: null, contactPhone: null, consentToContact: false })
				.where(
					and(
						lt(feedback.receivedOn, cutoffDay(now, s.retainFeedbackContactDays)),
						or(
							isNotNull(feedback.contactName),
							isNotNull(feedback.contactEmail),
							isNotNull(feedback.contactPhone),
							eq(feedback.consentToContact, true)
						)
					)
				)
				.run().changes;
		}

		// Free text of surveys that closed more than N days ago. A survey's close is `closed_at`
		// when an organiser closed it; a published survey whose last day (`closes_on`) has passed
		// was never "closed" by hand, so its last day counts as its close.
		if (s.retainClosedSurveyTextDays > 0) {
			const days = s.retainClosedSurveyTextDays;
			const expiredAnswers = sql`select ${surveyAnswer.id} from ${surveyAnswer}
				inner join ${surveyResponse} on ${surveyResponse.id} = ${surveyAnswer.responseId}
				inner join ${survey} on ${survey.id} = ${surveyResponse.surveyId}
				where ${survey.state} <> 'draft' and (
					(${survey.closedAt} is not null and ${survey.closedAt} < ${cutoffTime(now, days)})
					or (${survey.closedAt} is null and ${survey.closesOn} < ${cutoffDay(now, days)})
				)`;
			// Flags raised on those answers keep their review, categories and context, not the words.
			counts.flagTexts += tx
				.update(safeguardingFlag)
				.set({ text: removedMarker(days) })
				.where(
					and(
						eq(safeguardingFlag.source, 'survey_answer'),
						not(like(safeguardingFlag.text, REMOVED_PATTERN)),
						sql`${safeguardingFlag.sourceId} in (select cast(id as text) from (${expiredAnswers}))`
					)
				)
				.run().changes;
			// The answer rows stay, with their text set to null: the response still counts as having
			// answered the question, its themes keep counting, and the tallies (kept apart) are
			// untouched. Only the words go, and with them the "quote" mark.
			counts.surveyTexts = tx
				.update(surveyAnswer)
				.set({ text: null, quoted: false })
				.where(and(isNotNull(surveyAnswer.text), sql`${surveyAnswer.id} in (${expiredAnswers})`))
				.run().changes;
		}

		// Records of share links being opened.
		if (s.retainShareOpenDays > 0) {
			counts.shareOpens = tx
				.delete(profileShareOpen)
				.where(lt(profileShareOpen.openedAt, new Date(cutoffTime(now, s.retainShareOpenDays))))
				.run().changes;
		}

		// Profiles of young people who have not used them for N days: not signed in (or, never
		// signed in, since their card was made) and not saved by anyone since. The account and the
		// sign-in card stay, so the young person can sign in and start again.
		if (s.retainInactiveProfileDays > 0) {
			const days = s.retainInactiveProfileDays;
			const cutoff = cutoffTime(now, days);
			const inactive = sql`select ${youngPerson.userId} from ${youngPerson}
				left join ${profile} on ${profile.youngPersonId} = ${youngPerson.userId}
				where coalesce(${youngPerson.lastSignInAt}, ${youngPerson.createdAt}) < ${cutoff}
				and (${profile.updatedAt} is null or ${profile.updatedAt} < ${cutoff})`;
			const inInactive = (column: AnyColumn) => sql`${column} in (${inactive})`;
			counts.profiles = tx
				.select({ n: sql<number>`count(*)` })
				.from(youngPerson)
				.where(
					and(
						inInactive(youngPerson.userId),
						sql`(exists (select 1 from ${profileItem} where ${profileItem.youngPersonId} = ${youngPerson.userId})
							or exists (select 1 from ${profileVersion} where ${profileVersion.youngPersonId} = ${youngPerson.userId})
							or exists (select 1 from ${profilePhoto} where ${profilePhoto.youngPersonId} = ${youngPerson.userId})
							or exists (select 1 from ${profileShareLink} where ${profileShareLink.youngPersonId} = ${youngPerson.userId}))`
					)
				)
				.get()!.n;
			counts.flagTexts += tx
				.update(safeguardingFlag)
				.set({ text: removedMarker(days) })
				.where(
					and(
						eq(safeguardingFlag.source, 'profile_item'),
						not(like(safeguardingFlag.text, REMOVED_PATTERN)),
						sql`${safeguardingFlag.sourceId} in (select cast(${profileItem.id} as text) from ${profileItem} where ${inInactive(profileItem.youngPersonId)})`
					)
				)
				.run().changes;
			tx.delete(profileItem).where(inInactive(profileItem.youngPersonId)).run();
			tx.delete(profileVersion).where(inInactive(profileVersion.youngPersonId)).run();
			tx.delete(profilePhoto).where(inInactive(profilePhoto.youngPersonId)).run();
			counts.shareOpens += tx
				.delete(profileShareOpen)
				.where(
					sql`${profileShareOpen.shareLinkId} in (select ${profileShareLink.id} from ${profileShareLink} where ${inInactive(profileShareLink.youngPersonId)})`
				)
				.run().changes;
			tx.delete(profileShareLink).where(inInactive(profileShareLink.youngPersonId)).run();
			// An empty profile starts again from version 0, not marked as reviewed.
			tx.update(profile)
				.set({ version: 0, reviewedAt: null, reviewedBy: null })
				.where(and(inInactive(profile.youngPersonId), or(sql`${profile.version} <> 0`, isNotNull(profile.reviewedAt))))
				.run();
		}

		// Unsent survey answers (the surveys feature's own rule: 60 days, or the survey closed).
		counts.drafts = deleteStaleDrafts(tx, now);

		if (s.retainAuditDays > 0) {
			counts.auditEntries = tx
				.delete(auditEntry)
				.where(lt(auditEntry.at, new Date(cutoffTime(now, s.retainAuditDays))))
				.run().changes;
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
	const row = db
		.select({ at: auditEntry.at, details: auditEntry.details })
		.from(auditEntry)
		.where(eq(auditEntry.action, 'retention.ran'))
		.orderBy(desc(auditEntry.at), desc(auditEntry.id))
		.limit(1)
		.get();
	if (!row) return null;
	const details = JSON.parse(row.details) as Partial<RetentionCounts>;
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
