import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { reportPage } from '$lib/features/reports/parts';
import { commentSchema } from '$lib/features/reports/schemas';
import { db } from '$lib/server/db/app';
import { idParam, orError, refusal } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as reports from '$lib/server/reports';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

/** A report for the board: a draft worked out now, with comments and the decision; or a published one, frozen. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.reportId);
	const view = orError(() => reports.get(db(), locals.user, id));
	const draft = view.status === 'draft';
	// a long report one part at a time (see $lib/features/reports/parts)
	const page = reportPage(view.data, url.searchParams.get('part'));
	return {
		report: { id: view.id, title: view.title, status: view.status, publishedAt: view.publishedAt, publishedBy: view.publishedBy },
		data: page.data,
		outline: page.outline,
		comments: view.comments,
		// only the surveys whose results this reader may open are linked
		viewer: { openResults: [...surveys.resultsOpenTo(db(), locals.user, page.data.standards.flatMap((s) => s.evidence.questions.map((q) => q.surveyId)))], showWhoEntered: true },
		mayComment: draft && can(locals.user, 'reports.comment'),
		mayManage: draft && can(locals.user, 'reports.manage'),
		removing: draft && url.searchParams.get('remove') === '1',
		done: url.searchParams.get('done'),
		commentForm: await superValidate(zod4(commentSchema), { id: 'comment' })
	};
};

/**
 * Publishes or removes the draft, then goes to `done`. A draft published meanwhile (another tab,
 * another member) is refused beside the decision buttons with the `published` message.
 */
function decide(decision: () => void, published: () => string, done: string) {
	try {
		decision();
	} catch (e) {
		return refusal(e, { published: () => fail(409, { decision: { message: published() } }) });
	}
	redirect(303, done);
}

export const actions: Actions = {
	comment: async ({ request, locals, params }) => {
		const id = idParam(params.reportId);
		const form = await superValidate(request, zod4(commentSchema), { id: 'comment' });
		if (!form.valid) return fail(400, { commentForm: form });
		try {
			reports.comment(db(), locals.user, id, form.data.body);
		} catch (e) {
			return refusal(e, {
				comment: () => setError(form, 'body', m.reports_comment_required()),
				published: () => setError(form, 'body', m.reports_already_published())
			});
		}
		redirect(303, `/manage/reports/${id}?done=commented#comments`);
	},
	publish: ({ locals, params }) => {
		const id = idParam(params.reportId);
		return decide(() => reports.publish(db(), locals.user, id), m.reports_already_published, `/manage/reports/${id}?done=published`);
	},
	remove: ({ locals, params }) => {
		const id = idParam(params.reportId);
		return decide(() => reports.removeDraft(db(), locals.user, id), m.reports_cannot_remove_published, '/manage/reports?done=removed');
	}
};
