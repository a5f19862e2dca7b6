import { m } from '$lib/paraglide/messages';
import type { QuestionKind, RespondentGroup, SurveyState } from '$lib/features/surveys/model';
import { listFormat, numberFormat } from '$lib/i18n';

/** A question kind in words ("smiley faces (5 faces)"). */
export function kindName(kind: QuestionKind): string {
	return {
		smiley3: m.surveys_results_kind_smiley3,
		smiley5: m.surveys_results_kind_smiley5,
		yes_no: m.surveys_results_kind_yes_no,
		pick_one: m.surveys_results_kind_pick_one,
		pick_any: m.surveys_results_kind_pick_any,
		short_text: m.surveys_results_kind_short_text,
		long_text: m.surveys_results_kind_long_text
	}[kind]();
}

/** Who a response came from, in words ("Young people"). */
export function groupName(group: RespondentGroup): string {
	return {
		parent_carer: m.surveys_results_group_parent_carer,
		young_person: m.surveys_results_group_young_person,
		other: m.surveys_results_group_other,
		unknown: m.surveys_results_group_unknown
	}[group]();
}

/** A survey's state in words. */
export function stateName(state: SurveyState): string {
	return { draft: m.surveys_results_state_draft, published: m.surveys_results_state_published, closed: m.surveys_results_state_closed }[state]();
}

const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 1 };

/** A share out of 100 as people read it: "33.3%" (one decimal at most, the reader's conventions). */
export function formatPercent(percent: number, readerLocale: string): string {
	return numberFormat(readerLocale, PERCENT).format(percent / 100);
}

/** "Good or Very good", in the reader's language. */
export function orList(words: string[], readerLocale: string): string {
	return listFormat(readerLocale, 'disjunction').format(words);
}

/** "waiting times, letters and parking", in the reader's language. */
export function andList(words: string[], readerLocale: string): string {
	return listFormat(readerLocale, 'conjunction').format(words);
}
