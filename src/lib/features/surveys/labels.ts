/** The survey builder's words for stored codes and for the service's error codes. */
import { m } from '$lib/paraglide/messages';
import type { AboutYou, Audience, QuestionKind, SurveyState } from '$lib/features/surveys/model';

const KIND_NAMES: Record<QuestionKind, () => string> = {
	smiley3: m.surveys_build_kind_smiley3,
	smiley5: m.surveys_build_kind_smiley5,
	yes_no: m.surveys_build_kind_yes_no,
	pick_one: m.surveys_build_kind_pick_one,
	pick_any: m.surveys_build_kind_pick_any,
	short_text: m.surveys_build_kind_short_text,
	long_text: m.surveys_build_kind_long_text
};
const KIND_HINTS: Record<QuestionKind, () => string> = {
	smiley3: m.surveys_build_kind_smiley3_hint,
	smiley5: m.surveys_build_kind_smiley5_hint,
	yes_no: m.surveys_build_kind_yes_no_hint,
	pick_one: m.surveys_build_kind_pick_one_hint,
	pick_any: m.surveys_build_kind_pick_any_hint,
	short_text: m.surveys_build_kind_short_text_hint,
	long_text: m.surveys_build_kind_long_text_hint
};
const AUDIENCE_NAMES: Record<Audience, () => string> = {
	parent_carers: m.surveys_build_audience_parent_carers,
	young_people: m.surveys_build_audience_young_people,
	both: m.surveys_build_audience_both
};
const STATE_NAMES: Record<SurveyState, () => string> = {
	draft: m.surveys_build_state_draft,
	published: m.surveys_build_state_published,
	closed: m.surveys_build_state_closed
};
const ABOUT_YOU_NAMES: Record<AboutYou, () => string> = {
	who: m.surveys_build_about_you_who,
	age_band: m.surveys_build_about_you_age_band,
	area: m.surveys_build_about_you_area,
	ethnicity: m.surveys_build_about_you_ethnicity,
	language: m.surveys_build_about_you_language,
	need_area: m.surveys_build_about_you_need_area,
	phase: m.surveys_build_about_you_phase,
	support: m.surveys_build_about_you_support,
	sex: m.surveys_build_about_you_sex
};

export const kindName = (k: QuestionKind) => KIND_NAMES[k]();
export const kindHint = (k: QuestionKind) => KIND_HINTS[k]();
export const audienceName = (a: Audience) => AUDIENCE_NAMES[a]();
export const stateName = (s: SurveyState) => STATE_NAMES[s]();
export const aboutYouName = (a: AboutYou) => ABOUT_YOU_NAMES[a]();

/** Plain words for the codes the survey service throws and for publishing problems. */
const ERRORS: Record<string, () => string> = {
	no_questions: m.surveys_build_problem_no_questions,
	too_few_options: m.surveys_build_problem_too_few_options,
	closes_in_past: m.surveys_build_problem_closes_in_past,
	closes_before_opens: m.surveys_build_closes_before_opens,
	anonymity_fixed: m.surveys_build_error_anonymity_fixed,
	service_not_found: m.surveys_build_error_service_not_found,
	symbol_not_found: m.surveys_build_error_symbol_not_found,
	image_not_found: m.surveys_build_error_image_not_found,
	option_not_found: m.surveys_build_error_option_not_found,
	option_label_required: m.surveys_build_error_option_label_required,
	options_fixed: m.surveys_build_error_options_fixed,
	option_answered: m.surveys_build_error_option_answered,
	question_answered: m.surveys_build_error_question_answered,
	question_text_required: m.surveys_build_question_text_required,
	about_you_exists: m.surveys_build_error_about_you_exists,
	not_published: m.surveys_build_error_not_published,
	alt_required: m.surveys_build_alt_required,
	image_too_large: m.surveys_build_error_image_too_large,
	image_type: m.surveys_build_error_image_type,
	image_damaged: m.surveys_build_error_image_damaged,
	image_dimensions: m.surveys_build_error_image_dimensions,
	translation_key_invalid: m.surveys_build_error_translation_key,
	locale_invalid: m.surveys_build_error_locale,
	choose_symbol: m.surveys_build_choose_symbol_required
};

/** The message for a service error code (a general one for codes this page does not expect). */
export function errorMessage(code: string): string {
	return (ERRORS[code] ?? m.surveys_build_error_general)();
}
