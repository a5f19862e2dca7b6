import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as reports from '$lib/server/reports';
import * as standards from '$lib/server/standards';
import * as surveys from '$lib/server/surveys';
import { contentLocale } from '$lib/server/language';
import { reportPage } from '$lib/features/reports/parts';
import type { PageServerLoad } from './$types';

/** The surveys of the report's evidence whose results this reader may open (only those are linked). */
function openResults(actor: App.Locals['user'], data: { standards: { evidence: { questions: { surveyId: number }[] } }[] }): number[] {
	return [...surveys.resultsOpenTo(db(), actor, data.standards.flatMap((s) => s.evidence.questions.map((q) => q.surveyId)))];
}

/** A published report, frozen as the board approved it. A draft does not exist here for visitors (404). */
export const load: PageServerLoad = ({ locals, params, url, cookies }) => {
	const id = idParam(params.reportId);
	const view = orError(() => reports.get(db(), locals.user, id));
	// Only staff get this far with a draft: its page, with comments, is in the signed-in area.
	if (view.status === 'draft') redirect(303, `/manage/reports/${id}`);
	// Who entered a figure is for staff: leave the names out of what the public page receives.
	const data = {
		...view.data,
		standards: view.data.standards.map((s) => ({
			...s,
			evidence: { ...s.evidence, figures: s.evidence.figures.map((f) => ({ ...f, enteredBy: null })) }
		}))
	};
	// each standard's words in the reader's language, where translated from the English frozen here
	const locale = contentLocale({ cookies });
	const translated = { ...data, standards: standards.inLanguage(db(), data.standards, locale) };
	// a long report one part at a time (see $lib/features/reports/parts)
	const page = reportPage(translated, url.searchParams.get('part'));
	return {
		report: { id: view.id, title: view.title, publishedAt: view.publishedAt },
		data: page.data,
		outline: page.outline,
		/** Some standard's words are still English for a reader of another language (the page says so). */
		notTranslated: standards.anyInEnglish(translated.standards, locale),
		viewer: { openResults: openResults(locals.user, page.data), showWhoEntered: false }
	};
};
