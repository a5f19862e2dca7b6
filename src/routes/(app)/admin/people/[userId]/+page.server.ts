import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { rolesSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { deliverPasswordLink } from '$lib/server/accounts';
import { confirmPath, idParam, orConfirm, orError, refusal } from '$lib/server/http';
import { can, signedInRecently } from '$lib/server/permissions';
import { siteOrigin } from '$lib/server/origin';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

/** Young people have no email: they sign in with a card a supporter made. */
const isYoungPerson = (person: { roles: readonly string[] }) => person.roles.includes('young_person');

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const person = orError(() => accounts.getPerson(db(), locals.user, idParam(params.userId)));
	const youngPerson = isYoungPerson(person);
	return {
		person,
		youngPerson,
		// An admin chooses supporters for a young person who cannot yet choose for themselves.
		supporters: youngPerson ? orError(() => profiles.supporters(db(), locals.user, person.id)) : [],
		canDisable: can(locals.user, 'people.disable', { userId: person.id }),
		canErase: can(locals.user, 'people.erase', { userId: person.id }),
		// nobody changes their own roles: another admin must
		canChangeRoles: can(locals.user, 'people.changeRoles', { userId: person.id }),
		// changing roles and linking supporters ask for the password (and code) again after 15 minutes
		recent: signedInRecently(locals.user),
		confirmPath: confirmPath(url),
		form: await superValidate({ roles: person.roles }, zod4(rolesSchema), { errors: false })
	};
};

export const actions: Actions = {
	roles: async ({ request, locals, params, url }) => {
		const form = await superValidate(request, zod4(rolesSchema));
		if (!form.valid) return fail(400, { form });
		try {
			orConfirm(url, () => accounts.changeRoles(db(), locals.user, idParam(params.userId), form.data.roles));
		} catch (e) {
			return refusal(e, {
				young_person_role: () => message(form, m.profiles_card_admin_role_conflict(), { status: 409 }),
				last_admin: () => message(form, m.site_error_last_admin(), { status: 409 })
			});
		}
		return message(form, m.accounts_person_roles_saved());
	},
	access: async ({ request, locals, params }) => {
		const disable = (await request.formData()).get('disable') === '1';
		try {
			accounts.setDisabled(db(), locals.user, idParam(params.userId), disable);
		} catch (e) {
			return refusal(e, { last_admin: () => fail(409, { access: m.site_error_last_admin() }) });
		}
		return { access: disable ? m.accounts_person_disabled_done() : m.accounts_person_enabled_done() };
	},
	link: async ({ locals, params, url }) => {
		const userId = idParam(params.userId);
		let token;
		try {
			token = accounts.issuePasswordLink(db(), locals.user, userId);
		} catch (e) {
			return refusal(e, { no_email: () => fail(409, { linkProblem: m.profiles_card_admin_no_email() }) });
		}
		const person = accounts.getPerson(db(), locals.user, userId);
		// issuePasswordLink refuses a person without an email, so this is only for the type checker
		if (person.email === null) return fail(409, { linkProblem: m.profiles_card_admin_no_email() });
		const to = { name: person.name, email: person.email };
		return { link: await deliverPasswordLink(siteOrigin(url), token, to, person.hasPassword ? 'reset' : 'invite') };
	},
	/** Lets a supporter see a young person's profile, found by their email. */
	addSupporter: async ({ request, locals, params, url }) => {
		const email = String((await request.formData()).get('supporterEmail') ?? '').trim();
		if (!email) return fail(400, { supporterEmail: email, supporterProblem: m.profiles_card_admin_email_missing() });
		try {
			const linked = orConfirm(url, () => profiles.linkSupporter(db(), locals.user, idParam(params.userId), email));
			return { supporterDone: m.profiles_card_admin_added({ name: linked.name }) };
		} catch (e) {
			return refusal(e, {
				not_a_supporter: () => fail(400, { supporterEmail: email, supporterProblem: m.profiles_card_admin_not_a_supporter() }),
				self_link: () => fail(403, { supporterEmail: email, supporterProblem: m.profiles_self_link() }),
				already_linked: () => fail(409, { supporterEmail: email, supporterProblem: m.profiles_card_admin_already_linked() })
			});
		}
	},
	/** Stops a supporter seeing the young person's profile, at once. */
	removeSupporter: async ({ request, locals, params }) => {
		const youngPersonId = idParam(params.userId);
		const supporterId = Number((await request.formData()).get('supporterId'));
		const name = orError(() => profiles.supporters(db(), locals.user, youngPersonId)).find((s) => s.id === supporterId)?.name;
		if (name === undefined) return fail(404, { supporterRemoveProblem: m.profiles_card_admin_not_linked() });
		try {
			profiles.unlinkSupporter(db(), locals.user, youngPersonId, supporterId);
		} catch (e) {
			return refusal(e, { supporter: () => fail(404, { supporterRemoveProblem: m.profiles_card_admin_not_linked() }) });
		}
		return { supporterDone: m.profiles_card_admin_removed({ name }) };
	}
};
