/**
 * Every column in the database that points at a person (`user.id`, or `young_person.user_id`,
 * which is a young person's `user.id`), and what "My data" and erasure do with it.
 *
 * This list is checked against the database itself (`PRAGMA foreign_key_list` over every table)
 * by `download.spec.ts`: a new table or column that points at a person fails that test until it
 * is added here, with a decision, and handled in `download.ts` and `erase.ts`.
 */

/** What erasure does with the rows whose column names the person. */
export type EraseHandling =
	/** The row is the person's own: it goes. */
	| 'delete'
	/** The row stays for others (minutes, answers on the board, a report's comment...) without the link. */
	| 'unlink'
	/** The row stays for the safeguarding leads with the link gone and the person's words replaced. */
	| 'unlink and blank the words';

export type ColumnDecision = {
	/** The kind(s) of record in the download that hold these rows, or why they are left out. */
	download: string;
	erase: EraseHandling;
};

/** "table.column" for every column that points at a person. */
export const PERSON_COLUMNS: Record<string, ColumnDecision> = {
	// accounts
	'user_role.user_id': { download: 'roles', erase: 'delete' },
	'session.user_id': { download: 'sessions', erase: 'delete' },
	'password_token.user_id': { download: 'set-password links', erase: 'delete' },
	'two_step.user_id': { download: 'two-step sign-in', erase: 'delete' },
	'recovery_code.user_id': { download: 'recovery codes', erase: 'delete' },
	'sign_in_challenge.user_id': { download: 'sign-ins waiting for a code', erase: 'delete' },
	// audit
	'audit_entry.actor_id': { download: 'audit entries about you', erase: 'unlink' },
	// "you said, we did"
	'board_response.author_id': { download: 'board answers you wrote', erase: 'unlink' },
	'feedback_reply.author_id': { download: 'feedback replies you wrote', erase: 'unlink' },
	// meetings
	'meeting_action.owner_user_id': { download: 'meeting actions given to you', erase: 'unlink' },
	'meeting_attendance.user_id': { download: 'meeting attendance', erase: 'delete' },
	'meeting_minutes_version.replaced_by': { download: 'minutes changes you made', erase: 'unlink' },
	// profiles
	'young_person.user_id': { download: 'sign-in card', erase: 'delete' },
	'young_person.created_by': { download: 'young people you added', erase: 'unlink' },
	'profile_supporter.young_person_id': { download: 'supporters linked', erase: 'delete' },
	'profile_supporter.supporter_id': { download: 'young people you support', erase: 'delete' },
	'profile_supporter.linked_by': { download: 'supporter links you made', erase: 'unlink' },
	'profile.young_person_id': { download: 'profile', erase: 'delete' },
	'profile.reviewed_by': { download: 'profiles you marked reviewed', erase: 'unlink' },
	'profile_photo.young_person_id': { download: 'profile photo', erase: 'delete' },
	'profile_item.young_person_id': { download: 'profile items', erase: 'delete' },
	'profile_item.written_by': { download: 'profile items you wrote for others', erase: 'unlink' },
	'profile_version.young_person_id': { download: 'profile versions', erase: 'delete' },
	'profile_version.saved_by': { download: 'profile saves you made for others', erase: 'unlink' },
	'profile_share_link.young_person_id': { download: 'profile share links, share link openings', erase: 'delete' },
	'profile_share_link.created_by': { download: 'share links you made for others', erase: 'unlink' },
	// safeguarding: a person's own messages are theirs; flags raised by matching are the leads' record
	'safeguarding_flag.person_id': { download: 'safeguarding messages you sent', erase: 'unlink and blank the words' },
	'safeguarding_flag.reviewed_by': { download: 'safeguarding reviews you made', erase: 'unlink' },
	'safeguarding_phrase.added_by': { download: 'safeguarding phrases you added', erase: 'unlink' },
	// services
	'service_lead.user_id': { download: 'services you lead', erase: 'delete' },
	// standards and reports
	'operational_figure.entered_by': { download: 'figures you entered', erase: 'unlink' },
	'report.created_by': { download: 'reports you started or published', erase: 'unlink' },
	'report.published_by': { download: 'reports you started or published', erase: 'unlink' },
	'report_comment.author_id': { download: 'report comments', erase: 'unlink' },
	// surveys
	'survey.created_by': { download: 'surveys you made', erase: 'unlink' },
	'survey_question_version.replaced_by': { download: 'survey question changes you made', erase: 'unlink' },
	'survey_draft.account_id': { download: 'unsent survey answers', erase: 'delete' },
	'survey_response.account_id': { download: 'survey responses, survey answers', erase: 'delete' }
};

/** The tables whose rows point at a person: `user` itself and a young person's `young_person` row. */
export const PERSON_TABLES = ['user', 'young_person'] as const;
