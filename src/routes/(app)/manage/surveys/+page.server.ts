import { db } from '$lib/server/db/app';
import * as surveys from '$lib/server/surveys';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const list = orError(() => surveys.listForActor(db(), locals.user));
	return {
		mayManage: can(locals.user, 'surveys.manage'),
		surveys: list.map((s) => ({
			id: s.id,
			title: s.title,
			state: s.state,
			audience: s.audience,
			opensOn: s.opensOn,
			closesOn: s.closesOn,
			questions: s.questions,
			responses: s.responses
		}))
	};
};
