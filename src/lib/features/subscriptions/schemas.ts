import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { FREQUENCIES, parseTopicValue } from './model';

const email = z
	.string()
	.trim()
	.min(1, { error: () => m.subscriptions_email_required() })
	.max(254, { error: () => m.accounts_login_email_invalid() })
	.refine((v) => z.email().safeParse(v).success, { error: () => m.accounts_login_email_invalid() });

/** What to follow, as form values ("board", "board_service:3"): at least one, each one we offer. */
const topics = z
	.array(z.string())
	.default([])
	.refine((values) => values.length > 0, { error: () => m.subscriptions_topics_required() })
	.refine((values) => values.length <= 50 && values.every((v) => parseTopicValue(v) !== null), { error: () => m.subscriptions_topics_invalid() });

/** The subscribe form. `website` is a honeypot, as on the feedback form. */
export const subscribeSchema = z.object({
	email,
	topics,
	language: z.enum(locales).default('en'),
	frequency: z.enum(FREQUENCIES).default('immediately'),
	website: z.string().default('')
});

/** "Send me a link to manage my emails". */
export const manageLinkSchema = z.object({ email, website: z.string().default('') });

/** The manage page: what to follow now, in which language, how often (none ticked: keep the address, follow nothing). */
export const manageSchema = z.object({
	topics: z
		.array(z.string())
		.default([])
		.refine((values) => values.length <= 50 && values.every((v) => parseTopicValue(v) !== null || /^feedback:[1-9][0-9]{0,9}$/.test(v)), {
			error: () => m.subscriptions_topics_invalid()
		}),
	language: z.enum(locales).default('en'),
	frequency: z.enum(FREQUENCIES).default('immediately')
});
