/**
 * The audit log in words: what each action code means, what each kind of subject is (and where
 * it can be opened), and the details of sign-ins. Browser-safe. An action with no label here is
 * shown by its code; `src/lib/server/audit/labels.spec.ts` checks every action the code writes
 * has one.
 */
import { m } from '$lib/paraglide/messages';

export const ACTION_LABELS: Record<string, () => string> = {
	'person.invited': m.audit_action_person_invited,
	'person.roles_changed': m.audit_action_person_roles_changed,
	'person.disabled': m.audit_action_person_disabled,
	'person.enabled': m.audit_action_person_enabled,
	'person.password_link_issued': m.audit_action_person_password_link_issued,
	'person.password_set': m.audit_action_person_password_set,
	'person.password_changed': m.audit_action_person_password_changed,
	'person.admin_created': m.audit_action_person_admin_created,
	'person.signed_in': m.audit_action_person_signed_in,
	'person.sign_in_failed': m.audit_action_person_sign_in_failed,
	'person.sign_in_throttled': m.audit_action_person_sign_in_throttled,
	'person.data_downloaded': m.audit_action_person_data_downloaded,
	'person.erased': m.audit_action_person_erased,
	'service.created': m.audit_action_service_created,
	'service.updated': m.audit_action_service_updated,
	'service.archived': m.audit_action_service_archived,
	'service.restored': m.audit_action_service_restored,
	'settings.updated': m.audit_action_settings_updated,
	'content.translated': m.audit_action_content_translated,
	'translations.uploaded': m.audit_action_translations_uploaded,
	'board.item_created': m.audit_action_board_item_created,
	'board.item_updated': m.audit_action_board_item_updated,
	'board.item_published': m.audit_action_board_item_published,
	'board.item_unpublished': m.audit_action_board_item_unpublished,
	'board.responded': m.audit_action_board_responded,
	'feedback.made_item': m.audit_action_feedback_made_item,
	'feedback.merged': m.audit_action_feedback_merged,
	'feedback.replied': m.audit_action_feedback_replied,
	'feedback.closed': m.audit_action_feedback_closed,
	'meeting.created': m.audit_action_meeting_created,
	'meeting.updated': m.audit_action_meeting_updated,
	'meeting.moved': m.audit_action_meeting_moved,
	'meeting.cancelled': m.audit_action_meeting_cancelled,
	'meeting.uncancelled': m.audit_action_meeting_uncancelled,
	'meeting.draft': m.audit_action_meeting_draft,
	'meeting.agenda_published': m.audit_action_meeting_agenda_published,
	'meeting.minutes_drafted': m.audit_action_meeting_minutes_drafted,
	'meeting.minutes_published': m.audit_action_meeting_minutes_published,
	'meeting.item_added': m.audit_action_meeting_item_added,
	'meeting.item_removed': m.audit_action_meeting_item_removed,
	'meeting.paper_added': m.audit_action_meeting_paper_added,
	'meeting.paper_removed': m.audit_action_meeting_paper_removed,
	'meeting.minutes_saved': m.audit_action_meeting_minutes_saved,
	'meeting.action_added': m.audit_action_meeting_action_added,
	'meeting.action_updated': m.audit_action_meeting_action_updated,
	'meeting.board_item_raised': m.audit_action_meeting_board_item_raised,
	'survey.created': m.audit_action_survey_created,
	'survey.updated': m.audit_action_survey_updated,
	'survey.duplicated': m.audit_action_survey_duplicated,
	'survey.published': m.audit_action_survey_published,
	'survey.reopened': m.audit_action_survey_reopened,
	'survey.closed': m.audit_action_survey_closed,
	'survey.question_added': m.audit_action_survey_question_added,
	'survey.question_updated': m.audit_action_survey_question_updated,
	'survey.question_removed': m.audit_action_survey_question_removed,
	'survey.question_standard_linked': m.audit_action_survey_question_standard_linked,
	'survey.image_added': m.audit_action_survey_image_added,
	'survey.translated': m.audit_action_survey_translated,
	'survey.answer_tagged': m.audit_action_survey_answer_tagged,
	'survey.exported': m.audit_action_survey_exported,
	'report.drafted': m.audit_action_report_drafted,
	'report.published': m.audit_action_report_published,
	'report.draft_removed': m.audit_action_report_draft_removed,
	'report.exported': m.audit_action_report_exported,
	'standard.created': m.audit_action_standard_created,
	'standard.updated': m.audit_action_standard_updated,
	'standard.archived': m.audit_action_standard_archived,
	'standard.restored': m.audit_action_standard_restored,
	'standard.figure_entered': m.audit_action_standard_figure_entered,
	'reach.baseline_imported': m.audit_action_reach_baseline_imported,
	'coproduction.created': m.audit_action_coproduction_created,
	'coproduction.updated': m.audit_action_coproduction_updated,
	'coproduction.removed': m.audit_action_coproduction_removed,
	'coproduction.ladder_changed': m.audit_action_coproduction_ladder_changed,
	'young_person.created': m.audit_action_young_person_created,
	'young_person.new_card': m.audit_action_young_person_new_card,
	'young_person.passcode_chosen': m.audit_action_young_person_passcode_chosen,
	'young_person.passcode_reset': m.audit_action_young_person_passcode_reset,
	'profile.supporter_linked': m.audit_action_profile_supporter_linked,
	'profile.supporter_unlinked': m.audit_action_profile_supporter_unlinked,
	'profile.share_link_created': m.audit_action_profile_share_link_created,
	'profile.share_link_revoked': m.audit_action_profile_share_link_revoked,
	'profile.count_consent_given': m.audit_action_profile_count_consent_given,
	'profile.count_consent_withdrawn': m.audit_action_profile_count_consent_withdrawn,
	'safeguarding.flag_opened': m.audit_action_safeguarding_flag_opened,
	'safeguarding.flag_reviewed': m.audit_action_safeguarding_flag_reviewed,
	'safeguarding.message_sent': m.audit_action_safeguarding_message_sent,
	'safeguarding.phrase_added': m.audit_action_safeguarding_phrase_added,
	'safeguarding.phrase_removed': m.audit_action_safeguarding_phrase_removed,
	'retention.ran': m.audit_action_retention_ran,
	'outbox.retried': m.audit_action_outbox_retried,
	'feedback.contact_opened': m.audit_action_feedback_contact_opened,
	'feedback.local_offer_set': m.audit_action_feedback_local_offer_set,
	'yearly.published': m.audit_action_yearly_published,
	'person.role_granted': m.audit_action_person_role_granted,
	'person.two_step_enabled': m.audit_action_person_two_step_enabled,
	'person.two_step_disabled': m.audit_action_person_two_step_disabled,
	'person.recovery_codes_renewed': m.audit_action_person_recovery_codes_renewed,
	'person.recovery_code_used': m.audit_action_person_recovery_code_used,
	'person.identity_confirmed': m.audit_action_person_identity_confirmed,
	'young_person.card_locked': m.audit_action_young_person_card_locked,
	'forum.join_asked': m.audit_action_forum_join_asked,
	'forum.joined': m.audit_action_forum_joined,
	'forum.member_changed': m.audit_action_forum_member_changed,
	'forum.left': m.audit_action_forum_left,
	'forum.representative_added': m.audit_action_forum_representative_added,
	'forum.representative_changed': m.audit_action_forum_representative_changed,
	'forum.representative_removed': m.audit_action_forum_representative_removed
};

/** An action in words, or its code when it has no label yet. */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action]?.() ?? action;
}

/** What an entry is about: a kind in words, and where an admin can open it (when they can). */
export const SUBJECT_KINDS: Record<string, { label: () => string; href?: (id: string) => string }> = {
	user: { label: m.audit_subject_user, href: (id) => `/admin/people/${id}` },
	service: { label: m.audit_subject_service, href: (id) => `/admin/services/${id}` },
	board_item: { label: m.audit_subject_board_item, href: (id) => `/manage/board/${id}` },
	feedback: { label: m.audit_subject_feedback, href: (id) => `/manage/feedback/${id}` },
	settings: { label: m.audit_subject_settings, href: () => '/admin/settings' },
	language: { label: m.audit_subject_language, href: () => '/admin/languages' },
	meeting: { label: m.audit_subject_meeting, href: (id) => `/manage/meetings/${id}` },
	agenda_item: { label: m.audit_subject_agenda_item },
	survey: { label: m.audit_subject_survey, href: (id) => `/manage/surveys/${id}` },
	survey_question: { label: m.audit_subject_survey_question },
	report: { label: m.audit_subject_report, href: (id) => `/manage/reports/${id}` },
	yearly_report: { label: m.audit_subject_yearly_report, href: () => '/manage/yearly' },
	standard: { label: m.audit_subject_standard, href: (id) => `/manage/standards/${id}` },
	reach_baseline: { label: m.audit_subject_reach_baseline, href: () => '/manage/reach' },
	coproduction_entry: { label: m.audit_subject_coproduction_entry, href: (id) => `/manage/coproduction/${id}` },
	coproduction_ladder: { label: m.audit_subject_coproduction_ladder, href: () => '/manage/coproduction/ladder' },
	// only safeguarding leads open flags and phrases: no link for an admin
	safeguarding_flag: { label: m.audit_subject_safeguarding_flag },
	safeguarding_phrase: { label: m.audit_subject_safeguarding_phrase },
	sign_in: { label: m.audit_subject_sign_in },
	erasure: { label: m.audit_subject_erasure },
	retention: { label: m.audit_subject_retention },
	outbox: { label: m.audit_subject_outbox, href: () => '/admin/emails' },
	// a member's record is theirs alone: no page shows it to staff
	forum_member: { label: m.audit_subject_forum_member },
	forum_representative: { label: m.audit_subject_forum_representative, href: () => '/manage/forum/representatives' }
};

/** Stand-ins used as the subject of sign-in tries with no account behind them. */
const STAND_INS: Record<string, () => string> = {
	'unknown account': m.audit_unknown_account,
	'unknown card': m.audit_unknown_card
};

/** The subject's id as shown: a stand-in in words, else the id itself. */
export function subjectIdText(id: string): string {
	return STAND_INS[id]?.() ?? id;
}

const METHODS: Record<string, () => string> = { password: m.audit_method_password, card: m.audit_method_card };
const REASONS: Record<string, () => string> = {
	unknown_account: m.audit_reason_unknown_account,
	wrong_password: m.audit_reason_wrong_password,
	no_password: m.audit_reason_no_password,
	account_disabled: m.audit_reason_account_disabled,
	unknown_card: m.audit_reason_unknown_card,
	wrong_passcode: m.audit_reason_wrong_passcode,
	wrong_code: m.audit_reason_wrong_code,
	card_locked: m.audit_reason_card_locked
};

/** One detail as "name: value"; sign-in methods and reasons in words. */
function detailText(key: string, value: unknown): string {
	if (key === 'method' && typeof value === 'string' && METHODS[value]) return METHODS[value]();
	if (key === 'reason' && typeof value === 'string' && REASONS[value]) return REASONS[value]();
	const shown = Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
	return `${key}: ${shown}`;
}

/** An entry's details as short lines, in words where they have them. */
export function detailLines(details: Record<string, unknown>): string[] {
	return Object.entries(details).map(([key, value]) => detailText(key, value));
}
