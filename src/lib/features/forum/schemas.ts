/** The forum's forms (Zod, checked on the server). */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isIsoDate } from '$lib/time';
import { OTHER_LANGUAGE_MAX, cleanLanguageName } from '../reach/model';
import { ABOUT_YOU, answersOf, type AboutYou, type AboutYouCharacteristic } from './model';

const email = z
	.string()
	.trim()
	.min(1, { error: () => m.forum_email_required() })
	.max(254, { error: () => m.accounts_login_email_invalid() })
	.refine((v) => z.email().safeParse(v).success, { error: () => m.accounts_login_email_invalid() });

/** One "about you" answer: '' (not answered), a category, or "prefer not to say". */
const answer = (c: AboutYouCharacteristic) =>
	z
		.string()
		.default('')
		.refine((v) => v === '' || answersOf(c).includes(v), { error: () => m.forum_answer_invalid() });

/** A checkbox (superforms reads a ticked box as true). */
const tick = z.boolean().default(false);

const details = {
	news: tick,
	counted: tick,
	need_area: answer('need_area'),
	phase: answer('phase'),
	support: answer('support'),
	area: answer('area'),
	ethnicity: answer('ethnicity'),
	language: answer('language'),
	/** The language typed beside "another language" (optional; kept only with that answer). */
	other_language: z
		.string()
		.default('')
		.refine((v) => cleanLanguageName(v).length <= OTHER_LANGUAGE_MAX, { error: () => m.reach_language_other_too_long({ max: OTHER_LANGUAGE_MAX }) })
};

/** Joining with an account: consents and "about you". */
export const accountJoinSchema = z.object(details);
/** Joining with an email address only. `website` is a honeypot, as on the feedback form. */
export const emailJoinSchema = z.object({ email, ...details, website: z.string().default('') });
/** Changing one's details. */
export const detailsSchema = z.object(details);
/** "Email me a link to my membership". */
export const linkSchema = z.object({ email, website: z.string().default('') });

export type DetailsFormInput = z.infer<typeof detailsSchema>;

/** A form's "about you" answers as stored: '' becomes null (not answered). */
export function aboutFrom(form: Record<AboutYouCharacteristic, string>): AboutYou {
	return Object.fromEntries(ABOUT_YOU.map((c) => [c, form[c] === '' ? null : form[c]])) as AboutYou;
}

/** Stored answers back to form values, with the language typed beside "another language". */
export function aboutToForm(about: AboutYou, otherLanguage: string | null = null): Record<AboutYouCharacteristic | 'other_language', string> {
	return { ...(Object.fromEntries(ABOUT_YOU.map((c) => [c, about[c] ?? ''])) as Record<AboutYouCharacteristic, string>), other_language: otherLanguage ?? '' };
}

const required = z
	.string()
	.trim()
	.min(1, { error: () => m.forum_rep_required() })
	.max(200, { error: () => m.forum_rep_too_long() });
const day = z.string().trim().refine(isIsoDate, { error: () => m.forum_rep_day_invalid() });

/** A representative (organisers). */
export const representativeSchema = z
	.object({
		name: required,
		role: required,
		body: required,
		startsOn: day,
		endsOn: z
			.string()
			.trim()
			.default('')
			.refine((v) => v === '' || isIsoDate(v), { error: () => m.forum_rep_day_invalid() }),
		namePublic: tick,
		/** A member's account it is linked to: '' for none. */
		userId: z.string().trim().default('').refine((v) => v === '' || /^[1-9][0-9]{0,9}$/.test(v), { error: () => m.forum_answer_invalid() })
	})
	.refine((r) => r.endsOn === '' || r.endsOn >= r.startsOn, { path: ['endsOn'], error: () => m.forum_rep_ends_before() });

export type RepresentativeFormInput = z.infer<typeof representativeSchema>;
