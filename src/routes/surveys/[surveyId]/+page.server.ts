import { error, fail, redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/time';
import { answerPath, isOpenOn } from '$lib/features/surveys/model';
import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db/app';
import { anyOf, idParam, loginRedirect, orError, refusal } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as surveys from '$lib/server/surveys';
import { contentLocale, setLanguageCookie } from '$lib/server/language';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, cookies }) => {
	const id = idParam(params.surveyId);
	const row = orError(() => surveys.findSurvey(db(), id));
	const mayManage = can(locals.user, 'surveys.manage');
	// A draft is nobody's business but its builders'.
	if (row.state === 'draft' && !mayManage) error(404, { message: 'Not found', code: 'survey_not_found' });
	const today = londonDate();
	const available = surveys.locales(db(), id);
	// the reader's content language first (Arabic chosen with the page's words in English), then the page's
	const reader = contentLocale({ cookies });
	const uiLocale = getLocale();
	const locale = [reader, uiLocale].find((l) => available.includes(l)) ?? 'en';
	const s = surveys.forAnswering(db(), id, locale);
	return {
		survey: { id, title: s.title, intro: s.intro, anonymous: s.anonymous, opensOn: s.opensOn, closesOn: s.closesOn, state: s.state, questions: s.questions.length, locale },
		status: isOpenOn(row, today) ? ('open' as const) : row.state === 'published' && row.opensOn > today ? ('not_yet' as const) : ('closed' as const),
		locales: available,
		/** The survey is not in the language the person reads the site in (or chose for texts). */
		untranslated: !available.includes(reader),
		needsSignIn: !row.anonymous && !locals.user,
		/** It asks for written answers: an anonymous survey then says nobody can follow them up. */
		hasText: s.questions.some((q) => q.kind === 'short_text' || q.kind === 'long_text'),
		mayManage
	};
};

/** Minutes to wait, rounded up, for the page to say ("try again in 2 minutes"). */
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const actions: Actions = {
	/** Starts a response in the chosen language and goes to the first question. */
	start: async ({ params, request, locals, cookies, url, getClientAddress, setHeaders }) => {
		const id = idParam(params.surveyId);
		const data = await request.formData();
		const locale = String(data.get('locale') ?? 'en').slice(0, 20);
		let token: string;
		try {
			({ token } = surveys.start(db(), locals.user, id, locale, 'answer', new Date(), { address: getClientAddress() }));
		} catch (e) {
			// Closed since the page was shown: the page now says so.
			const again = () => redirect(303, url.pathname);
			return refusal(
				e,
				{ sign_in_needed: () => loginRedirect(url), survey_closed: again, not_open_yet: again },
				{
					kinds: [
						// Too many starts: the page asks kindly to wait, in the language chosen, with that language still chosen.
						anyOf(surveys.TooManyTriesError, (e) => {
							setHeaders({ 'retry-after': String(e.retryAfterSeconds) });
							return fail(429, { start: { locale, problem: e.code, minutes: minutes(e.retryAfterSeconds) } });
						})
					]
				}
			);
		}
		// The site around the survey follows the language chosen for it, when the app has that language.
		if (surveys.locales(db(), id).includes(locale)) setLanguageCookie(cookies, url, locale);
		redirect(303, answerPath(id, token, 1));
	},
	/** Carries on with the answers a signed-in person started to a named survey (from their home page). */
	continue: ({ params, locals, url }) => {
		const id = idParam(params.surveyId);
		if (!locals.user) loginRedirect(url);
		let token: string;
		try {
			token = surveys.continueStarted(db(), locals.user, id);
		} catch (e) {
			// Sent, closed or gone since the home page was shown: the survey's page says where it stands.
			const again = () => redirect(303, url.pathname);
			return refusal(e, { response_not_found: again, survey_closed: again, not_open_yet: again });
		}
		redirect(303, `${answerPath(id, token)}?resumed`);
	},
	/** Finds answers saved earlier by their receipt code. */
	resume: async ({ params, request, getClientAddress, setHeaders }) => {
		const id = idParam(params.surveyId);
		// What was typed comes back as it was (a very long paste is cut, never refused with a 500).
		const code = String((await request.formData()).get('code') ?? '')
			.trim()
			.slice(0, 100);
		if (!code) return fail(400, { resume: { code, problem: 'empty' as const } });
		const found = surveys.resumeByReceipt(db(), id, code, getClientAddress());
		if (found.state === 'too_many_tries') {
			setHeaders({ 'retry-after': String(found.retryAfterSeconds) });
			return fail(429, { resume: { code, problem: 'too_many_tries' as const, minutes: minutes(found.retryAfterSeconds) } });
		}
		if (found.state === 'not_found') return fail(400, { resume: { code, problem: 'not_found' as const } });
		if (found.state === 'sent') return { resume: { code, problem: null, sentOn: found.submittedOn } };
		redirect(303, `${answerPath(id, found.token)}?resumed`);
	}
};
