/** The representative form's values to the service's input and back (organisers' pages). */
import { fail, redirect } from '@sveltejs/kit';
// the server entry: the package's main one also loads a Svelte component, which the scripts (tsx) cannot load
import { message, setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { representativeSchema, type RepresentativeFormInput } from '$lib/features/forum/schemas';
import type { Db } from '../db';
import { refusal } from '../http';
import type { Actor } from '../permissions';
import { addRepresentative, updateRepresentative, type Representative, type RepresentativeInput } from './representatives';

export const representativeInputFrom = (f: RepresentativeFormInput): RepresentativeInput => ({
	name: f.name,
	role: f.role,
	body: f.body,
	startsOn: f.startsOn,
	endsOn: f.endsOn || null,
	namePublic: f.namePublic,
	userId: f.userId ? Number(f.userId) : null
});

export const representativeFormFrom = (r: Representative): RepresentativeFormInput => ({
	name: r.name,
	role: r.role,
	body: r.body,
	startsOn: r.startsOn,
	endsOn: r.endsOn ?? '',
	namePublic: r.namePublic,
	userId: r.userId === null ? '' : String(r.userId)
});

/** Adds (no `id`: then back to the list) or changes a representative from a posted form: the form with a message, or its problems. */
export async function saveRepresentativeForm(db: Db, request: Request, actor: Actor, id: number | null = null) {
	const form = await superValidate(request, zod4(representativeSchema));
	if (!form.valid) return fail(400, { form });
	try {
		if (id === null) addRepresentative(db, actor, representativeInputFrom(form.data));
		else updateRepresentative(db, actor, id, representativeInputFrom(form.data));
	} catch (e) {
		return refusal(e, { not_a_member: () => setError(form, 'userId', m.forum_rep_not_member()) });
	}
	// a new one: the list again, with it (and an empty form)
	if (id === null) redirect(303, '/manage/forum/representatives?done=added');
	return message(form, m.forum_rep_saved());
}
