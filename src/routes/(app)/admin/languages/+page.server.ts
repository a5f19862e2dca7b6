import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { LANGUAGE_NAMES, isLocale } from '$lib/i18n';
import { db } from '$lib/server/db/app';
import { toCsv } from '$lib/server/csv';
import { normaliseMessageText } from '$lib/text';
import { orError } from '$lib/server/http';
import * as translations from '$lib/server/translations';
import { fileProblemText, rowProblemText } from './problems';
import type { Actions, PageServerLoad } from './$types';

type Shown = {
	locale: string;
	problems: { line: number; key: string; text: string; messages: string[] }[];
	changes: translations.Change[];
	unchanged: number;
	fileProblem: string | null;
	/**
	 * The changes as a sheet (CSV, in base64), sent back by "save": the preview keeps the upload
	 * until confirmed. Base64, because every text field of a form post is normalised on the way in
	 * (form-text.ts), which would take the bidirectional isolates out of Urdu and Yiddish texts.
	 */
	kept: string;
};

/** The service's preview in the admin's words. */
function shown(locale: string, preview: translations.SheetPreview): Shown {
	const rows = [
		[...translations.SHEET_COLUMNS],
		...preview.changes.map((c) => [c.key, '', c.after, c.statusAfter])
	];
	return {
		locale,
		problems: preview.rows.filter((r) => r.problems.length).map((r) => ({ line: r.line, key: r.key, text: r.text, messages: r.problems.map(rowProblemText) })),
		changes: preview.changes,
		unchanged: preview.unchanged,
		fileProblem: preview.fileProblem === null ? null : fileProblemText(preview.fileProblem),
		kept: preview.changes.length ? Buffer.from(toCsv(rows, normaliseMessageText), 'utf8').toString('base64') : ''
	};
}

/** The language chosen and the file sent (or the kept changes), or what is missing. */
async function posted(request: Request): Promise<{ locale: string; file: Uint8Array | null }> {
	const data = await request.formData();
	const locale = String(data.get('locale') ?? '');
	const file = data.get('file');
	if (file instanceof File && file.size > 0) return { locale, file: new Uint8Array(await file.arrayBuffer()) };
	const kept = data.get('kept');
	return { locale, file: typeof kept === 'string' && kept ? new Uint8Array(Buffer.from(kept, 'base64')) : null };
}

export const load: PageServerLoad = ({ locals, url }) => {
	const languages = orError(() => translations.languages(db(), locals.user));
	const saved = Number(url.searchParams.get('saved'));
	return {
		languages: languages.map((l) => ({ ...l, name: isLocale(l.locale) ? LANGUAGE_NAMES[l.locale] : l.locale })),
		maxBytes: translations.MAX_SHEET_BYTES,
		saved: Number.isSafeInteger(saved) && saved > 0 ? saved : 0
	};
};

export const actions: Actions = {
	/** Reads the sheet and shows what it would change, row by row. Saves nothing. */
	check: async ({ request, locals }) => {
		const { locale, file } = await posted(request);
		if (!file) return fail(400, { locale, nothing: m.translations_no_file() });
		const preview = shown(locale, orError(() => translations.preview(db(), locals.user, locale, file)));
		return preview.problems.length || preview.fileProblem ? fail(400, { locale, preview }) : { locale, preview };
	},
	/** Saves the checked changes, or none if any row has a problem now (checked again). */
	save: async ({ request, locals }) => {
		const { locale, file } = await posted(request);
		if (!file) return fail(400, { locale, nothing: m.translations_no_file() });
		const { saved, preview } = orError(() => translations.upload(db(), locals.user, locale, file));
		if (saved === 0) return fail(400, { locale, preview: shown(locale, preview) });
		redirect(303, `/admin/languages?saved=${saved}`);
	}
};
