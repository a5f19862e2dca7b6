import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import {
	ACTION_ERROR_FIELDS,
	actionFormValues,
	actionInputFrom,
	attendanceFormValues,
	attendanceInputFrom,
	easyReadFormValues,
	easyReadInputFrom
} from '$lib/features/meetings/manage/form';
import { errorMessage } from '$lib/features/meetings/manage/labels';
import { actionSchema, attendanceSchema, easyReadSchema, linesOf, notesSchema } from '$lib/features/meetings/manage/schemas';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import { renderMarkdown } from '$lib/server/meetings';
import * as meetings from '$lib/server/meetings';
import type { Actor } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

const meetingOf = (actor: Actor, meetingId: string) => orError(() => meetings.get(db(), actor, idParam(meetingId)));

/** The meeting, the agenda item a per-item form posted (which must be one of this meeting's) and the form's fields. */
async function postedItem(request: Request, actor: Actor, meetingId: string) {
	const meeting = meetingOf(actor, meetingId);
	const data = await request.formData();
	const itemId = Number(data.get('item'));
	const item = meeting.items.find((i) => i.id === itemId);
	if (!item) error(404, { message: 'Not found', code: 'agenda_item_not_found' });
	return { meeting, item, data };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const meeting = meetingOf(locals.user, params.meetingId);
	const owners = orError(() => meetings.ownerChoices(db(), locals.user));
	const items = await Promise.all(
		meeting.items.map(async (item) => ({
			id: item.id,
			title: item.title,
			kind: item.kind,
			boardItemId: item.boardItemId,
			notesHtml: renderMarkdown(item.notes),
			notesForm: await superValidate(
				{ notes: item.notes, decisions: item.decisions.map((d) => d.text).join('\n') },
				zod4(notesSchema),
				{ errors: false, id: `notes-${item.id}` }
			),
			addActionForm: await superValidate({ ownerKind: 'person', status: 'open' }, zod4(actionSchema), {
				errors: false,
				id: `newaction-${item.id}`
			}),
			actions: await Promise.all(
				item.actions.map(async (a) => ({
					id: a.id,
					what: a.what,
					ownerLabel: a.ownerLabel,
					dueOn: a.dueOn,
					status: a.status,
					droppedReason: a.droppedReason,
					form: await superValidate(actionFormValues(a), zod4(actionSchema), { errors: false, id: `action-${a.id}` })
				}))
			)
		}))
	);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			state: meeting.state,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			minutesUpdatedAt: meeting.minutesUpdatedAt,
			versions: meeting.versions
		},
		items,
		people: owners.people,
		services: owners.services,
		done: url.searchParams.get('done'),
		attendanceForm: await superValidate(attendanceFormValues(meeting.attendance), zod4(attendanceSchema), { errors: false, id: 'attendance' }),
		easyReadForm: await superValidate(easyReadFormValues(meeting.easyReadSentences), zod4(easyReadSchema), { errors: false, id: 'easyread' })
	};
};

export const actions: Actions = {
	notes: async ({ request, locals, params }) => {
		const { item, data } = await postedItem(request, locals.user, params.meetingId);
		const form = await superValidate(data, zod4(notesSchema), { id: `notes-${item.id}` });
		if (!form.valid) return fail(400, { form });
		orError(() => meetings.saveItemMinutes(db(), locals.user, item.id, { notes: form.data.notes, decisions: linesOf(form.data.decisions) }));
		return message(form, m.meetings_manage_notes_saved());
	},
	addAction: async ({ request, locals, params }) => {
		const { item, data } = await postedItem(request, locals.user, params.meetingId);
		const form = await superValidate(data, zod4(actionSchema), { id: `newaction-${item.id}` });
		if (!form.valid) return fail(400, { form });
		try {
			meetings.addAction(db(), locals.user, item.id, actionInputFrom(form.data));
		} catch (e) {
			return refusal(e, forCodes(ACTION_ERROR_FIELDS, (field, e) => setError(form, field, errorMessage(e.code))));
		}
		// Added: empty the form for the next action (an empty, never-validated form would be a 400).
		form.data = { ...form.data, what: '', ownerUserId: '', ownerServiceId: '', ownerName: '', dueOn: '', status: 'open', droppedReason: '' };
		return message(form, m.meetings_manage_action_added());
	},
	updateAction: async ({ request, locals, params }) => {
		const meeting = meetingOf(locals.user, params.meetingId);
		const data = await request.formData();
		const actionId = Number(data.get('action'));
		if (!meeting.items.some((i) => i.actions.some((a) => a.id === actionId))) error(404, { message: 'Not found', code: 'action_not_found' });
		const form = await superValidate(data, zod4(actionSchema), { id: `action-${actionId}` });
		if (!form.valid) return fail(400, { form });
		try {
			meetings.updateAction(db(), locals.user, actionId, actionInputFrom(form.data));
		} catch (e) {
			return refusal(e, forCodes(ACTION_ERROR_FIELDS, (field, e) => setError(form, field, errorMessage(e.code))));
		}
		return message(form, m.meetings_manage_action_saved());
	},
	raise: async ({ request, locals, params }) => {
		const { meeting, item } = await postedItem(request, locals.user, params.meetingId);
		try {
			meetings.raiseBoardItem(db(), locals.user, item.id);
		} catch (e) {
			// Raised already (a double click): the page shows the link to it.
			refusal(e, { already_raised: () => undefined });
		}
		redirect(303, `/manage/meetings/${meeting.id}/minutes?done=raised#item-${item.id}`);
	},
	attendance: async ({ request, locals, params }) => {
		const meeting = meetingOf(locals.user, params.meetingId);
		const form = await superValidate(request, zod4(attendanceSchema), { id: 'attendance' });
		if (!form.valid) return fail(400, { form });
		orError(() => meetings.saveAttendance(db(), locals.user, meeting.id, attendanceInputFrom(form.data)));
		return message(form, m.meetings_manage_attendance_saved());
	},
	easyRead: async ({ request, locals, params }) => {
		const meeting = meetingOf(locals.user, params.meetingId);
		const form = await superValidate(request, zod4(easyReadSchema), { id: 'easyread' });
		if (!form.valid) return fail(400, { form });
		try {
			meetings.saveEasyRead(db(), locals.user, meeting.id, easyReadInputFrom(form.data));
		} catch (e) {
			return refusal(e, { symbol_not_found: (e) => setError(form, 'symbols._errors', errorMessage(e.code)) });
		}
		return message(form, m.meetings_manage_easy_read_saved());
	}
};
