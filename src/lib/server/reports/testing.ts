/** Test helpers of the reports feature (its specs only). */
import type { AboutYou, SurveyInput } from '$lib/features/surveys/model';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import * as standards from '../standards';
import * as surveys from '../surveys';
import { surveyDetails } from '../testing';

/**
 * What most report tests start from: a published survey (open since 2026-01-01) whose yes / no
 * question "Were you listened to?" is linked to the survey standard "Families feel listened to"
 * (the share who said yes; green at 80%, amber from 60%). With `aboutYou`, that ready-made
 * question follows it, to break the answers down by.
 */
export function listenedSurvey(
	d: Db,
	org: Actor,
	survey: Partial<SurveyInput> & { title: string },
	aboutYou?: AboutYou
): { surveyId: number; questionId: number; standardId: number } {
	const surveyId = surveys.create(d, org, surveyDetails({ opensOn: '2026-01-01', ...survey }));
	const questionId = surveys.addQuestion(d, org, surveyId, 'yes_no', 'Were you listened to?');
	if (aboutYou) surveys.addAboutYou(d, org, surveyId, aboutYou);
	surveys.publish(d, org, surveyId);
	const standardId = standards.create(d, org, { serviceId: null, statement: 'Families feel listened to', measure: 'Share who said yes', measureKind: 'survey', unit: 'percent', direction: 'higher_better', target: 80, amberFrom: 60 });
	surveys.linkQuestionToStandard(d, org, questionId, standardId, (id) => standards.checkSurveyStandard(d, id));
	return { surveyId, questionId, standardId };
}
