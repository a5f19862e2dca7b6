import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { MEETING_STATES, type MeetingState } from '$lib/features/meetings/model';
import { MEETING_ERROR_FIELDS, agendaItemInputFrom, meetingFormValues, meetingInputFrom } from '$lib/features/meetings/manage/form';
import { errorMessage } from '$lib/features/meetings/manage/labels';
import { agendaItemSchema, cancelSchema, meetingSchema } from '$lib/features/meetings/manage/schemas';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import type { DomainError } from '$lib/server/errors';
import * as coproduction from '$lib/server/coproduction';
import * as meetings from '$lib/server/meetings';
import type { Actor } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

const isState = (v: unknown): v is MeetingState => typeof v === 'string' && (MEETING_STATES as readonly string[]).includes(v);

/** The agenda item a small per-item form posted, which must be one of this meeting's. */
async function postedItem(request: Request, actor: Actor, meetingId: number) {
	const data = await request.formData();
	const itemId = Number(data.get('item'));
	const meeting = orError(() => meetings.get(db(), actor, meetingId));
	const index = meeting.items.findIndex((i) => i.id === itemId);
	if (index < 0) error(404, { message: 'Not found', code: 'agenda_item_not_found' });
	return { itemId, index, data, meeting };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.meetingId);
	const meeting = orError(() => meetings.get(db(), locals.user, id));
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	return {
		meeting,
		/** "Record how families were involved" beside each item, with how many are recorded from it (null: not for this person). */
		coproduction: coproduction.mayRecordAbout(db(), locals.user, [])
			? Object.fromEntries(coproduction.countFrom(db(), { agendaItemIds: meeting.items.map((i) => i.id) }))
			: null,
		replies: orError(() => meetings.replies(db(), locals.user, id)),
		done: url.searchParams.get('done'),
		step: isState(from) && isState(to) ? { from, to } : null,
		moved: Number(url.searchParams.get('item')) || null,
		detailsForm: await superValidate(meetingFormValues(meeting), zod4(meetingSchema), { errors: false, id: 'meeting' }),
		addItemForm: await superValidate(zod4(agendaItemSchema), { id: 'additem' }),
		cancelForm: await superValidate(zod4(cancelSchema), { id: 'cancel' })
	};
};

export const actions: Actions = {
	details: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const form = await superValidate(request, zod4(meetingSchema), { id: 'meeting' });
		if (!form.valid) return fail(400, { detailsForm: form });
		try {
			meetings.update(db(), locals.user, id, meetingInputFrom(form.data));
		} catch (e) {
			return refusal(e, forCodes(MEETING_ERROR_FIELDS, (field, e) => setError(form, field, errorMessage(e.code))));
		}
		redirect(303, `/manage/meetings/${id}?done=saved`);
	},
	state: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const to = (await request.formData()).get('to');
		if (!isState(to)) error(400, { message: 'Bad request', code: 'state_not_allowed' });
		const from = orError(() => meetings.get(db(), locals.user, id)).state;
		try {
			meetings.setState(db(), locals.user, id, to);
		} catch (e) {
			const refused = (e: DomainError) => fail(e.status, { state: { message: errorMessage(e.code) } });
			return refusal(e, { meeting_cancelled: refused, state_not_allowed: refused, agenda_empty: refused });
		}
		redirect(303, `/manage/meetings/${id}?done=step&from=${from}&to=${to}`);
	},
	cancel: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const form = await superValidate(request, zod4(cancelSchema), { id: 'cancel' });
		if (!form.valid) return fail(400, { cancelForm: form });
		orError(() => meetings.cancel(db(), locals.user, id, form.data.reason));
		redirect(303, `/manage/meetings/${id}?done=cancelled`);
	},
	uncancel: async ({ locals, params }) => {
		const id = idParam(params.meetingId);
		orError(() => meetings.uncancel(db(), locals.user, id));
		redirect(303, `/manage/meetings/${id}?done=uncancelled`);
	},
	addItem: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const form = await superValidate(request, zod4(agendaItemSchema), { id: 'additem' });
		if (!form.valid) return fail(400, { addItemForm: form });
		let itemId: number;
		try {
			itemId = meetings.addItem(db(), locals.user, id, agendaItemInputFrom(form.data));
		} catch (e) {
			return refusal(e, {
				title_required: () => setError(form, 'title', errorMessage('title_required')),
				minutes_invalid: (e) => setError(form, 'minutesAllotted', errorMessage(e.code))
			});
		}
		redirect(303, `/manage/meetings/${id}?done=item_added#item-${itemId}`);
	},
	move: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const { itemId, data } = await postedItem(request, locals.user, id);
		const direction = data.get('direction') === 'up' ? 'up' : 'down';
		orError(() => meetings.moveItem(db(), locals.user, itemId, direction));
		redirect(303, `/manage/meetings/${id}?done=moved&item=${itemId}#item-${itemId}`);
	},
	remove: async ({ request, locals, params }) => {
		const id = idParam(params.meetingId);
		const { itemId } = await postedItem(request, locals.user, id);
		try {
			meetings.removeItem(db(), locals.user, itemId);
		} catch (e) {
			return refusal(e, { item_has_minutes: (e) => fail(409, { remove: { itemId, message: errorMessage(e.code) } }) });
		}
		redirect(303, `/manage/meetings/${id}?done=item_removed#agenda`);
	}
};
