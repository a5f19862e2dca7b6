/** The survey builder's words for stored codes and for the service's error codes. */
import { m } from '$lib/paraglide/messages';
import type { AboutYou, Audience, QuestionKind, SurveyState } from '$lib/surveys';

const KIND_NAMES: Record<QuestionKind, () => string> = {
	smiley3: m.sb_kind_smiley3,
	smiley5: m.sb_kind_smiley5,
	yes_no: m.sb_kind_yes_no,
	pick_one: m.sb_kind_pick_one,
	pick_any: m.sb_kind_pick_any,
	short_text: m.sb_kind_short_text,
	long_text: m.sb_kind_long_text
};
const KIND_HINTS: Record<QuestionKind, () => string> = {
	smiley3: m.sb_kind_smiley3_hint,
	smiley5: m.sb_kind_smiley5_hint,
	yes_no: m.sb_kind_yes_no_hint,
	pick_one: m.sb_kind_pick_one_hint,
	pick_any: m.sb_kind_pick_any_hint,
	short_text: m.sb_kind_short_text_hint,
	long_text: m.sb_kind_long_text_hint
};
const AUDIENCE_NAMES: Record<Audience, () => string> = {
	parent_carers: m.sb_audience_parent_carers,
	young_people: m.sb_audience_young_people,
	both: m.sb_audience_both
};
const STATE_NAMES: Record<SurveyState, () => string> = {
	draft: m.sb_state_draft,
	published: m.sb_state_published,
	closed: m.sb_state_closed
};
const ABOUT_YOU_NAMES: Record<AboutYou, () => string> = {
	who: m.sb_about_you_who,
	age_band: m.sb_about_you_age_band,
	area: m.sb_about_you_area,
	ethnicity: m.sb_about_you_ethnicity,
	language: m.sb_about_you_language
};

export const kindName = (k: QuestionKind) => KIND_NAMES[k]();
export const kindHint = (k: QuestionKind) => KIND_HINTS[k]();
export const audienceName = (a: Audience) => AUDIENCE_NAMES[a]();
export const stateName = (s: SurveyState) => STATE_NAMES[s]();
export const aboutYouName = (a: AboutYou) => ABOUT_YOU_NAMES[a]();

/** Plain words for the codes the survey service throws and for publishing problems. */
const ERRORS: Record<string, () => string> = {
	no_questions: m.sb_problem_no_questions,
	too_few_options: m.sb_problem_too_few_options,
	closes_in_past: m.sb_problem_closes_in_past,
	closes_before_opens: m.sb_closes_before_opens,
	anonymity_fixed: m.sb_error_anonymity_fixed,
	service_not_found: m.sb_error_service_not_found,
	symbol_not_found: m.sb_error_symbol_not_found,
	image_not_found: m.sb_error_image_not_found,
	option_not_found: m.sb_error_option_not_found,
	option_label_required: m.sb_error_option_label_required,
	options_fixed: m.sb_error_options_fixed,
	option_answered: m.sb_error_option_answered,
	question_answered: m.sb_error_question_answered,
	question_text_required: m.sb_question_text_required,
	about_you_exists: m.sb_error_about_you_exists,
	not_published: m.sb_error_not_published,
	alt_required: m.sb_alt_required,
	image_too_large: m.sb_error_image_too_large,
	image_type: m.sb_error_image_type,
	image_damaged: m.sb_error_image_damaged,
	image_dimensions: m.sb_error_image_dimensions,
	translation_key_invalid: m.sb_error_translation_key,
	locale_invalid: m.sb_error_locale,
	choose_symbol: m.sb_choose_symbol_required
};

/** The message for a service error code (a general one for codes this page does not expect). */
export function errorMessage(code: string): string {
	return (ERRORS[code] ?? m.sb_error_general)();
}
