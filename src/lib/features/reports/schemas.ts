import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isIsoDate } from '$lib/time';
import { parsePeriodKey, parseScopeKey } from './period';

/** The longest report title and comment the service takes. */
export const REPORT_LIMITS = { title: 120, comment: 4000 } as const;

/**
 * Starting a report: a title, a period (a quarter picked from the list, or "custom" with its
 * first and last day) and a scope ("area", "sector:health", "service:3").
 */
export const reportSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.reports_title_required() })
			.max(REPORT_LIMITS.title, { error: () => m.reports_too_long({ max: REPORT_LIMITS.title }) }),
		period: z
			.string()
			.default('')
			.refine((v) => v === 'custom' || parsePeriodKey(v) !== null, { error: () => m.reports_period_required() }),
		periodStart: z.string().trim().default(''),
		periodEnd: z.string().trim().default(''),
		scope: z
			.string()
			.default('area')
			.refine((v) => parseScopeKey(v) !== null, { error: () => m.reports_scope_required() })
	})
	.superRefine((v, ctx) => {
		if (v.period !== 'custom') return;
		if (!isIsoDate(v.periodStart)) ctx.addIssue({ code: 'custom', path: ['periodStart'], message: m.reports_first_day_invalid() });
		if (!isIsoDate(v.periodEnd)) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: m.reports_last_day_invalid() });
		else if (isIsoDate(v.periodStart) && v.periodEnd < v.periodStart) {
			ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: m.reports_last_before_first() });
		}
	});
export type ReportFormInput = z.infer<typeof reportSchema>;

/** A board member's comment on a draft. */
export const commentSchema = z.object({
	body: z
		.string()
		.trim()
		.min(1, { error: () => m.reports_comment_required() })
		.max(REPORT_LIMITS.comment, { error: () => m.reports_too_long({ max: REPORT_LIMITS.comment }) })
});
export type CommentInput = z.infer<typeof commentSchema>;
