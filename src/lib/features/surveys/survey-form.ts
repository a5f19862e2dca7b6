import type { Audience, SurveyInput } from '$lib/features/surveys/model';
import type { SurveyFormInput } from './schemas';

/** The details form's values as the service's input. */
export function surveyInputFrom(data: SurveyFormInput): SurveyInput {
	return {
		title: data.title,
		intro: data.intro,
		audience: data.audience as Audience,
		anonymous: data.anonymity === 'anonymous',
		opensOn: data.opensOn,
		closesOn: data.closesOn || null,
		serviceIds: data.serviceIds
	};
}

/** A stored survey's details as the form's values. */
export function surveyFormValues(s: SurveyInput): SurveyFormInput {
	return {
		title: s.title,
		intro: s.intro,
		audience: s.audience,
		anonymity: s.anonymous ? 'anonymous' : 'named',
		opensOn: s.opensOn,
		closesOn: s.closesOn ?? '',
		serviceIds: s.serviceIds
	};
}
