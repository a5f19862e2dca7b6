import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { agendaItemFormValues, agendaItemInputFrom } from '$lib/features/meetings/manage/form';
import { errorMessage } from '$lib/features/meetings/manage/labels';
import { agendaItemSchema } from '$lib/features/meetings/manage/schemas';
import { PAPER_MAX_BYTES } from '$lib/features/meetings/model';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import * as meetings from '$lib/server/meetings';
import type { Actor } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/** The field of the paper form each refusal of addPaper is about. */
const PAPER_ERROR_FIELDS = { paper_title_required: 'paper-title', paper_empty: 'paper-file', paper_too_large: 'paper-file', paper_type: 'paper-file' };

const MAX_TITLE = 200;

/**
 * The meeting and this agenda item of it (404 when the item belongs to another meeting), for its
 * organisers only: anyone else gets 403 before the form is looked at.
 */
function meetingAndItem(actor: Actor, params: { meetingId: string; itemId: string }) {
	const meeting = orError(() => meetings.getForManaging(db(), actor, idParam(params.meetingId)));
	const itemId = idParam(params.itemId);
	const index = meeting.items.findIndex((i) => i.id === itemId);
	if (index < 0) error(404, { message: 'Not found', code: 'agenda_item_not_found' });
	return { meeting, item: meeting.items[index], n: index + 1 };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { meeting, item, n } = meetingAndItem(locals.user, params);
	return {
		meeting: { id: meeting.id, title: meeting.title },
		item: { id: item.id, title: item.title, papers: item.papers },
		n,
		done: url.searchParams.get('done'),
		itemForm: await superValidate(agendaItemFormValues(item), zod4(agendaItemSchema), { errors: false, id: 'item' })
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { item } = meetingAndItem(locals.user, params);
		const form = await superValidate(request, zod4(agendaItemSchema), { id: 'item' });
		if (!form.valid) return fail(400, { itemForm: form });
		try {
			meetings.updateItem(db(), locals.user, item.id, agendaItemInputFrom(form.data));
		} catch (e) {
			return refusal(e, {
				title_required: () => setError(form, 'title', m.meetings_manage_error_item_title_required()),
				minutes_invalid: (e) => setError(form, 'minutesAllotted', errorMessage(e.code))
			});
		}
		return message(form, m.meetings_manage_done_item_saved());
	},
	upload: async ({ request, locals, params }) => {
		const { meeting, item } = meetingAndItem(locals.user, params);
		const data = await request.formData();
		const title = String(data.get('title') ?? '').trim();
		const file = data.get('file');
		const problems: { field: string; message: string }[] = [];
		if (!title) problems.push({ field: 'paper-title', message: errorMessage('paper_title_required') });
		else if (title.length > MAX_TITLE) problems.push({ field: 'paper-title', message: m.site_form_too_long({ max: MAX_TITLE }) });
		if (!(file instanceof File) || (file.size === 0 && !file.name)) problems.push({ field: 'paper-file', message: m.meetings_manage_error_paper_file_required() });
		else if (file.size === 0) problems.push({ field: 'paper-file', message: errorMessage('paper_empty') });
		else if (file.size > PAPER_MAX_BYTES) problems.push({ field: 'paper-file', message: errorMessage('paper_too_large') });
		if (problems.length || !(file instanceof File)) return fail(400, { upload: { title, problems } });
		try {
			meetings.addPaper(db(), locals.user, item.id, title, new Uint8Array(await file.arrayBuffer()));
		} catch (e) {
			const problem = (field: string, e: { code: string }) => fail(400, { upload: { title, problems: [{ field, message: errorMessage(e.code) }] } });
			return refusal(e, forCodes(PAPER_ERROR_FIELDS, problem));
		}
		redirect(303, `/manage/meetings/${meeting.id}/items/${item.id}?done=paper_added#papers`);
	},
	removePaper: async ({ request, locals, params }) => {
		const { meeting, item } = meetingAndItem(locals.user, params);
		const paperId = Number((await request.formData()).get('paper'));
		if (!item.papers.some((p) => p.id === paperId)) error(404, { message: 'Not found', code: 'paper_not_found' });
		orError(() => meetings.removePaper(db(), locals.user, paperId));
		redirect(303, `/manage/meetings/${meeting.id}/items/${item.id}?done=paper_removed#papers`);
	}
};
