import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { aboutFrom, aboutToForm, detailsSchema, linkSchema } from '$lib/features/forum/schemas';
import { cleanLanguageName } from '$lib/features/reach/model';
import { db } from '$lib/server/db/app';
import { refusal } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A member's own page: their details and consents, to change, and the way to leave. Opened signed
 * in (a member with an account), or by the link in every forum email (a member by email: the
 * link's key is the only way in). Without either, a form to email the link.
 */
function who({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>): forum.Who {
	const key = subscriptions.linkKeyFrom(url.searchParams);
	return locals.user && !key ? { actor: locals.user } : { key };
}

export const load: PageServerLoad = async (event) => {
	const { url, locals } = event;
	const keyGiven = url.searchParams.has('s');
	const member = locals.user || keyGiven ? forum.myMembership(db(), who(event)) : null;
	const linkForm = await superValidate(zod4(linkSchema));
	if (!member) return { member: null, signedIn: Boolean(locals.user), badLink: keyGiven, linkForm, form: null };
	const form = await superValidate({ news: member.news, counted: member.counted, ...aboutToForm(member.about, member.otherLanguage) }, zod4(detailsSchema), { errors: false });
	return {
		member: {
			email: member.email,
			withAccount: member.withAccount,
			joinedOn: member.joinedAt.toISOString().slice(0, 10),
			newsSince: member.newsSince?.toISOString().slice(0, 10) ?? null,
			countedSince: member.countedSince?.toISOString().slice(0, 10) ?? null
		},
		joined: url.searchParams.has('joined'),
		signedIn: Boolean(locals.user),
		badLink: false,
		linkForm,
		form
	};
};

export const actions: Actions = {
	save: async (event) => {
		const form = await superValidate(event.request, zod4(detailsSchema));
		if (!form.valid) return fail(400, { form });
		try {
			forum.updateMembership(db(), who(event), { news: form.data.news, counted: form.data.counted, about: aboutFrom(form.data), otherLanguage: form.data.other_language });
		} catch (e) {
			return refusal(e, { not_a_member: () => fail(404, { form, gone: true }) });
		}
		// as kept: the typed language only beside "another language", tidied
		form.data.other_language = form.data.language === 'other' ? cleanLanguageName(form.data.other_language) : '';
		return { form, saved: true };
	},
	leave: async (event) => {
		try {
			forum.leave(db(), who(event));
		} catch (e) {
			return refusal(e, { not_a_member: () => fail(404, { gone: true }) });
		}
		redirect(303, '/forum/left');
	},
	link: async (event) => {
		const linkForm = await superValidate(event.request, zod4(linkSchema));
		if (!linkForm.valid) return fail(400, { linkForm });
		if (!linkForm.data.website && forum.sendManageLink(db(), linkForm.data.email, event.getClientAddress()) === 'too_many') {
			return fail(429, { linkForm, tooMany: true });
		}
		redirect(303, '/forum/join/sent?link=1');
	}
};
