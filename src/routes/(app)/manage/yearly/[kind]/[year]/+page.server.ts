import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { kindOfPath, yearOfParam } from '$lib/features/yearly/model';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as yearly from '$lib/server/yearly';
import type { Actions, PageServerLoad } from './$types';

function fromParams(params: { kind: string; year: string }) {
	const kind = kindOfPath(params.kind);
	const year = yearOfParam(params.year);
	if (!kind || year === null) error(404, { message: 'Not found', code: 'report_not_found' });
	return { kind, year };
}

/** A year's report: the draft worked out now, or the published one, frozen. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { kind, year } = fromParams(params);
	return { view: orError(() => yearly.preview(db(), locals.user, kind, year)), path: params.kind };
};

export const actions: Actions = {
	publish: ({ locals, params }) => {
		const { kind, year } = fromParams(params);
		try {
			yearly.publish(db(), locals.user, kind, year);
		} catch (e) {
			return refusal(e, {
				already_published: () => fail(409, { refused: m.yearly_already_published() }),
				year_not_over: () => fail(400, { refused: m.yearly_year_not_over() })
			});
		}
		redirect(303, `/manage/yearly/${params.kind}/${year}?done=published`);
	}
};
