import { fail, redirect } from '@sveltejs/kit';
import { CATEGORIES, CHARACTERISTICS } from '$lib/features/reach/model';
import { db } from '$lib/server/db/app';
import { guard, orError } from '$lib/server/http';
import * as reach from '$lib/server/reach';
import type { Actions, PageServerLoad } from './$types';

/** The file uploaded, or else the text pasted. */
async function postedCsv(data: FormData): Promise<string> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return (await file.text()).replace(/^\uFEFF/, '');
	const text = data.get('csv');
	return typeof text === 'string' ? text : '';
}

const field = (data: FormData, name: string) => {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
};

/** What the person sent: the file's text and the details, kept so nothing typed is lost. */
async function posted(request: Request) {
	const data = await request.formData();
	return { csv: await postedCsv(data), details: { asOf: field(data, 'as_of'), source: field(data, 'source') } };
}

export const load: PageServerLoad = ({ locals, url }) => {
	guard(locals.user, 'reach.baseline.import');
	const saved = Number(url.searchParams.get('saved'));
	return {
		columns: [...reach.BASELINE_COLUMNS],
		maxRows: reach.BASELINE_MAX_ROWS,
		codes: CHARACTERISTICS.map((c) => ({ characteristic: c, categories: [...CATEGORIES[c]] })),
		saved: Number.isSafeInteger(saved) && saved > 0 ? saved : 0
	};
};

export const actions: Actions = {
	/** Reads the file and shows what it would save, line by line. Saves nothing. */
	check: async ({ request, locals }) => {
		const { csv, details } = await posted(request);
		if (!csv.trim()) {
			const preview = orError(() => reach.previewBaseline(locals.user, '', details));
			return fail(400, { csv, details, nothing: true, preview: { ...preview, fileProblem: null } });
		}
		const preview = orError(() => reach.previewBaseline(locals.user, csv, details));
		return preview.problems > 0 || preview.fileProblem ? fail(400, { csv, details, nothing: false, preview }) : { csv, details, nothing: false, preview };
	},
	/** Replaces the baseline with the checked file, or saves nothing if anything has a problem (checked again here). */
	save: async ({ request, locals }) => {
		const { csv, details } = await posted(request);
		const { saved, preview } = orError(() => reach.importBaseline(db(), locals.user, csv, details));
		if (saved === 0) return fail(400, { csv, details, nothing: false, preview });
		redirect(303, `/manage/reach/import?saved=${saved}`);
	}
};
