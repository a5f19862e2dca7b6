import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { BOARD_SOURCES, BOARD_STATUSES, FEEDBACK_WHO, LOCAL_OFFER_ASPECTS } from '$lib/features/board/model';

/** "Is this about the Local Offer website?": '' for no (or not answered), otherwise the aspect. */
const localOffer = z.enum(['', ...LOCAL_OFFER_ASPECTS], { error: () => m.board_local_offer_invalid() }).default('');

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.site_form_too_long({ max }) })
		.default('');

/** The public feedback form. `website` is a honeypot: people never see it, robots fill it in. */
export const feedbackSchema = z.object({
	whatHappened: z
		.string()
		.trim()
		.min(1, { error: () => m.board_feedback_what_required() })
		.max(5000, { error: () => m.site_form_too_long({ max: 5000 }) }),
	/** '' for "not sure", otherwise a service id. */
	service: z.string().default(''),
	contactName: optionalText(100),
	contactEmail: z
		.string()
		.trim()
		.max(254, { error: () => m.accounts_login_email_invalid() })
		.refine((v) => v === '' || z.email().safeParse(v).success, { error: () => m.accounts_login_email_invalid() })
		.default(''),
	contactPhone: optionalText(30),
	consentToContact: z.boolean().default(false),
	aboutWho: z.enum(['', ...FEEDBACK_WHO]).default(''),
	localOffer,
	website: z.string().default('')
});
export type FeedbackFormInput = z.infer<typeof feedbackSchema>;

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.board_date_invalid() })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)), { error: () => m.board_date_invalid() });

/** Making or changing a board item. */
export const itemSchema = z.object({
	youSaid: z
		.string()
		.trim()
		.min(1, { error: () => m.board_you_said_required() })
		.max(1000, { error: () => m.site_form_too_long({ max: 1000 }) }),
	easyRead: optionalText(300),
	easyReadSymbol: z.string().default(''),
	voices: z.coerce.number({ error: () => m.board_voices_invalid() }).int({ error: () => m.board_voices_invalid() }).min(1, { error: () => m.board_voices_invalid() }).max(100000).default(1),
	source: z.enum(BOARD_SOURCES, { error: () => m.board_source_required() }).default('direct_feedback'),
	sourceDetail: optionalText(200),
	/** '' for none, otherwise the id of the survey it was heard in. */
	surveyId: z.string().regex(/^[0-9]*$/).default(''),
	serviceIds: z.array(z.coerce.number().int().positive()).default([]),
	topics: optionalText(300),
	localOffer,
	heardOn: isoDate
});
export type ItemFormInput = z.infer<typeof itemSchema>;

/** A "we did". `as` is "forum" or the id of a service the person leads. */
export const responseSchema = z
	.object({
		text: z
			.string()
			.trim()
			.min(1, { error: () => m.board_response_required() })
			.max(2000, { error: () => m.site_form_too_long({ max: 2000 }) }),
		status: z.enum(BOARD_STATUSES, { error: () => m.board_status_required() }),
		reason: optionalText(1000),
		as: z.string().min(1, { error: () => m.board_as_required() })
	})
	.refine((v) => v.status !== 'not_possible' || v.reason.length > 0, {
		error: () => m.board_reason_required(),
		path: ['reason']
	});
export type ResponseFormInput = z.infer<typeof responseSchema>;

export const mergeSchema = z.object({
	itemId: z.coerce.number({ error: () => m.board_moderation_merge_choose() }).int().positive({ error: () => m.board_moderation_merge_choose() })
});

export const replySchema = z.object({
	text: z
		.string()
		.trim()
		.min(1, { error: () => m.board_moderation_reply_required() })
		.max(3000, { error: () => m.site_form_too_long({ max: 3000 }) })
});

/** A moderator's answer to "is this feedback about the Local Offer?". */
export const localOfferSchema = z.object({ localOffer });

export const closeSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.board_moderation_close_reason_required() })
		.max(500, { error: () => m.site_form_too_long({ max: 500 }) })
});

export const areaSettingsSchema = z.object({
	replyWithinWeeks: z.coerce
		.number({ error: () => m.settings_weeks_invalid() })
		.int({ error: () => m.settings_weeks_invalid() })
		.min(1, { error: () => m.settings_weeks_invalid() })
		.max(52, { error: () => m.settings_weeks_invalid() }),
	/** Reports show no percentage from fewer responses than this (disclosure control). */
	disclosureMinimumResponses: z.coerce
		.number({ error: () => m.standards_settings_minimum_invalid() })
		.int({ error: () => m.standards_settings_minimum_invalid() })
		.min(2, { error: () => m.standards_settings_minimum_invalid() })
		.max(100, { error: () => m.standards_settings_minimum_invalid() }),
	/** Reports show counts from 1 up to one below this as "fewer than N". */
	disclosureSmallCountBelow: z.coerce
		.number({ error: () => m.standards_settings_small_invalid() })
		.int({ error: () => m.standards_settings_small_invalid() })
		.min(2, { error: () => m.standards_settings_small_invalid() })
		.max(20, { error: () => m.standards_settings_small_invalid() })
});
