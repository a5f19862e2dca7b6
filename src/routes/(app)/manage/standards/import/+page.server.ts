import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { parseCsv } from '$lib/server/csv';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import * as standards from '$lib/server/standards';
import { problemText } from '../problems';
import type { Actions, PageServerLoad } from './$types';

/** The standards this person may import figures for (the service refuses anyone who enters none). */
function allowed(actor: Actor) {
	return orError(() => standards.forImport(db(), actor));
}

type PreviewRow = { line: number; standard: string; start: string; end: string; value: string; note: string; problems: string[] };
type Preview = { rows: PreviewRow[]; problems: number; fileProblem: string | null };

/** The service's preview in the person's words, each row with the cells it was read from. */
function previewOf(actor: Actor, csv: string): Preview {
	const preview = orError(() => standards.previewImport(db(), actor, csv));
	let cells: string[][] = [];
	try {
		cells = parseCsv(csv);
	} catch {
		// the preview names the file's problem
	}
	return {
		problems: preview.problems,
		fileProblem: preview.fileProblem === null ? null : problemText(preview.fileProblem),
		rows: preview.rows.map((r) => {
			const [id = '', start = '', end = '', value = '', note = ''] = (cells[r.line - 1] ?? []).map((c) => c.trim());
			return {
				line: r.line,
				standard: r.statement ? `${r.standardId}: ${r.statement}` : id,
				start,
				end,
				value,
				note,
				problems: r.problems.map(problemText)
			};
		})
	};
}

/** The file uploaded, or else the text pasted. */
async function postedCsv(data: FormData): Promise<string> {
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return (await file.text()).replace(/^\uFEFF/, '');
	const text = data.get('csv');
	return typeof text === 'string' ? text : '';
}

export const load: PageServerLoad = ({ locals, url }) => {
	const list = allowed(locals.user);
	const saved = Number(url.searchParams.get('saved'));
	return {
		columns: [...standards.IMPORT_COLUMNS],
		standards: list.map((s) => ({ id: s.id, statement: s.statement, serviceName: s.serviceName, unit: s.unit })),
		saved: Number.isSafeInteger(saved) && saved > 0 ? saved : 0
	};
};

export const actions: Actions = {
	/** Reads the file and shows what it would save, line by line. Saves nothing. */
	check: async ({ request, locals }) => {
		allowed(locals.user);
		const csv = await postedCsv(await request.formData());
		if (!csv.trim()) return fail(400, { csv, nothing: m.standards_import_nothing() });
		const preview = previewOf(locals.user, csv);
		return preview.problems > 0 || preview.fileProblem ? fail(400, { csv, preview }) : { csv, preview };
	},
	/** Saves every figure of the checked file, or none if any line has a problem (checked again here). */
	save: async ({ request, locals }) => {
		allowed(locals.user);
		const csv = await postedCsv(await request.formData());
		if (!csv.trim()) return fail(400, { csv, nothing: m.standards_import_nothing() });
		const { saved } = orError(() => standards.importFigures(db(), locals.user, csv));
		if (saved === 0) return fail(400, { csv, preview: previewOf(locals.user, csv) });
		redirect(303, `/manage/standards/import?saved=${saved}`);
	}
};
