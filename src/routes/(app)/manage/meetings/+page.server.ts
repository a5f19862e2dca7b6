import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as meetings from '$lib/server/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	meetings: orError(() => meetings.listForManagers(db(), locals.user)).map((x) => ({
		id: x.id,
		title: x.title,
		startsAt: x.startsAt,
		endsAt: x.endsAt,
		state: x.state,
		cancelled: x.cancelledAt !== null,
		movedFrom: x.movedFrom
	}))
});
