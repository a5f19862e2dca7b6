/**
 * Following a survey receipt (issue 16, point 3): whoever holds the code shown when answers were
 * sent can see, on /follow, where that survey got to: open or closed (the board items raised from
 * it and the report that used it are the board's and the reports' to say). Never the answers, and
 * nothing about who answered: the code finds a response only to name its survey.
 *
 * Look-ups count against the address they come from (as a code typed on a survey's page does).
 */
import { and, eq } from 'drizzle-orm';
import type { Locale } from '$lib/paraglide/runtime';
import type { SurveyState } from '$lib/features/surveys/model';
import { takeTry, trySucceeded } from '../auth/throttle';
import { writeTransaction, type Db } from '../db';
import { survey, surveyDraft, surveyResponse, surveyTranslation } from '../db/schema';
import { receiptHash } from './answering';
import { surveyLimits } from './limits';

/** A survey's title in `locale` where it has one, else as written. */
export function surveyTitleIn(db: Db, surveyId: number, locale: Locale): string | null {
	const row = db.select({ title: survey.title }).from(survey).where(eq(survey.id, surveyId)).get();
	if (!row) return null;
	const translated = db
		.select({ text: surveyTranslation.text })
		.from(surveyTranslation)
		.where(and(eq(surveyTranslation.surveyId, surveyId), eq(surveyTranslation.locale, locale), eq(surveyTranslation.key, 'title')))
		.get();
	return translated?.text ?? row.title;
}

export type ReceiptProgress = {
	survey: { id: number; title: string; state: SurveyState; closesOn: string | null };
	/** The day the answers were sent; null for answers not sent yet (a draft). */
	sentOn: string | null;
};

export type ReceiptFollowed = { state: 'found'; progress: ReceiptProgress } | { state: 'not_found' } | { state: 'too_many_tries'; retryAfterSeconds: number };

/**
 * The survey a receipt code belongs to, typed by someone at `address`: its state and the day the
 * answers were sent, 'not_found', or 'too_many_tries' with how long to wait. Every try is counted
 * before the look-up; a right one is given back.
 */
export function followReceipt(db: Db, typed: string, address: string, locale: Locale, now = new Date()): ReceiptFollowed {
	const hash = receiptHash(typed.slice(0, 100));
	return writeTransaction(db, (tx) => {
		const gate = takeTry(tx, [surveyLimits.receiptAddress(address, now)], now);
		if (!gate.allowed) return { state: 'too_many_tries' as const, retryAfterSeconds: gate.retryAfterSeconds };
		const sent = tx.select({ surveyId: surveyResponse.surveyId, on: surveyResponse.submittedOn }).from(surveyResponse).where(eq(surveyResponse.receiptHash, hash)).get();
		const draft = sent ? undefined : tx.select({ surveyId: surveyDraft.surveyId }).from(surveyDraft).where(and(eq(surveyDraft.receiptHash, hash), eq(surveyDraft.preview, false))).get();
		const surveyId = sent?.surveyId ?? draft?.surveyId;
		const s = surveyId === undefined ? undefined : tx.select().from(survey).where(eq(survey.id, surveyId)).get();
		if (!s) return { state: 'not_found' as const };
		trySucceeded(tx, gate);
		return {
			state: 'found' as const,
			progress: { survey: { id: s.id, title: surveyTitleIn(tx, s.id, locale) ?? s.title, state: s.state, closesOn: s.closesOn }, sentOn: sent?.on ?? null }
		};
	});
}
