/**
 * What surveys tell their subscribers (issue 16, point 2): a survey opened for parent carers or
 * for young people, and a survey closed. A survey for young people is announced in easy read:
 * short lines, one idea each. The title is in the subscriber's language where the survey has it.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { TopicRef } from '$lib/features/subscriptions/model';
import { formatDay } from '$lib/time';
import type { EmailContent, EventKind } from '../contributions';
import type { Db } from '../db';
import { survey } from '../db/schema';
import { surveyTitleIn } from './follow';
import * as subscriptions from '../subscriptions';

export const SURVEY_PUBLISHED = 'surveys.published';
export const SURVEY_CLOSED = 'surveys.closed';

function surveyFor(db: Db, id: string | null, locale: Locale) {
	const s = db.select().from(survey).where(eq(survey.id, Number(id))).get();
	return s ? { ...s, title: surveyTitleIn(db, s.id, locale) ?? s.title } : null;
}

/** Subscribers of new surveys for the survey's audience. */
function audienceOf(db: Db, id: string | null): TopicRef[] {
	const s = db.select({ audience: survey.audience }).from(survey).where(eq(survey.id, Number(id))).get();
	if (!s) return [];
	const parents: TopicRef = { topic: 'surveys_parent_carers', ref: '' };
	const young: TopicRef = { topic: 'surveys_young_people', ref: '' };
	return s.audience === 'both' ? [parents, young] : [s.audience === 'young_people' ? young : parents];
}

function publishedEmail(db: Db, id: string | null, locale: Locale): EmailContent | null {
	const s = surveyFor(db, id, locale);
	// closed again, or back to a draft, before the email went: nothing to answer
	if (!s || s.state !== 'published') return null;
	const o = { locale };
	const closes = s.closesOn ? formatDay(s.closesOn, locale) : null;
	const easyRead = s.audience === 'young_people';
	return {
		subject: easyRead ? m.surveys_email_new_easy_subject({}, o) : m.surveys_email_new_subject({ title: s.title }, o),
		paragraphs: easyRead
			? [
					m.surveys_email_new_easy_1({ title: s.title }, o),
					m.surveys_email_new_easy_2({}, o),
					closes ? m.surveys_email_new_easy_closes({ day: closes }, o) : m.surveys_email_new_easy_3({}, o)
				]
			: [m.surveys_email_new_body({ title: s.title }, o), ...(closes ? [m.surveys_email_closes({ day: closes }, o)] : [])],
		action: { label: easyRead ? m.surveys_email_new_easy_action({}, o) : m.surveys_email_new_action({}, o), path: `/surveys/${s.id}` },
		because: ''
	};
}

function closedEmail(db: Db, id: string | null, locale: Locale): EmailContent | null {
	const s = surveyFor(db, id, locale);
	if (!s || s.state !== 'closed') return null;
	return {
		subject: m.surveys_email_closed_subject({ title: s.title }, { locale }),
		paragraphs: [m.surveys_email_closed_body({ title: s.title }, { locale })],
		action: { label: m.surveys_email_closed_action({}, { locale }), path: '/board' },
		because: ''
	};
}

export const SURVEY_EVENTS: Record<string, EventKind> = {
	[SURVEY_PUBLISHED]: { name: m.surveys_event_published, recipients: subscriptions.recipientsOf(audienceOf), message: publishedEmail },
	[SURVEY_CLOSED]: { name: m.surveys_event_closed, recipients: subscriptions.recipientsOf(audienceOf), message: closedEmail }
};
