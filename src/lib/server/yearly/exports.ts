/**
 * A yearly report as a table to download (CSV and .xlsx, ../downloads.ts), in English like every
 * CSV heading in Chorus. Only what the published page shows: no feedback's words, no names.
 */
import { localOfferAspectName } from '$lib/features/board/labels';
import type { ForumData, LocalOfferData, YearlyData } from '$lib/features/yearly/model';
import { columnName, figureName, sectionName } from '$lib/features/yearly/labels';
import { statusName } from '$lib/labels';
import type { CsvCell } from '../csv';

const EN = 'en' as const;
const STATUS_WORDS = (s: Parameters<typeof statusName>[0]) => statusName(s, EN);

function localOfferRows(data: LocalOfferData): CsvCell[][] {
	const rows: CsvCell[][] = [
		['About', 'Board item', 'You said', 'Heard on', 'Voices', 'Status', 'Answer due by', 'First answered on', 'Answered on time', 'What we did']
	];
	for (const part of data.aspects) {
		for (const e of part.entries) {
			rows.push([
				localOfferAspectName(part.aspect, EN),
				e.itemId,
				e.youSaid,
				e.heardOn,
				e.voices,
				STATUS_WORDS(e.status),
				e.dueOn,
				e.firstAnsweredOn ?? '',
				e.answeredOnTime ? 'yes' : 'no',
				e.weDid.map((w) => `${w.on} (${w.by ?? 'the forum'}, ${STATUS_WORDS(w.status)}): ${w.text}`).join('\n')
			]);
		}
	}
	// the counts below the items, under their own heading row (no blank row: a CSV reader drops it, a spreadsheet keeps it)
	rows.push(['About', 'Counted', 'Number']);
	for (const part of data.aspects) {
		const about = localOfferAspectName(part.aspect, EN);
		for (const [status, n] of Object.entries(part.byStatus)) rows.push([about, `items on the board: ${STATUS_WORDS(status as keyof typeof part.byStatus)}`, n]);
		rows.push([about, 'items not on the public board yet', part.notPublic]);
		const fb = part.feedback;
		rows.push([about, 'feedback sent privately: received', fb.new + fb.made_item + fb.merged + fb.closed]);
		rows.push([about, 'feedback sent privately: became or joined a board item', fb.made_item + fb.merged]);
		rows.push([about, 'feedback sent privately: closed', fb.closed]);
		rows.push([about, 'feedback sent privately: waiting to be read', fb.new]);
	}
	return rows;
}

function forumRows(data: ForumData): CsvCell[][] {
	const rows: CsvCell[][] = [['Section', 'Figure', 'Number']];
	for (const s of data.sections) for (const f of s.figures) rows.push([sectionName(s.key, EN), figureName(f.key, EN), f.value]);
	for (const s of data.sections) {
		if (!s.table) continue;
		rows.push([sectionName(s.key, EN), ...s.table.columns.map((c) => columnName(c.key, EN))]);
		for (const r of s.table.rows) rows.push(['', ...r.map((c) => c ?? '')]);
	}
	return rows;
}

/** Every row of a yearly report's download, header first. */
export function yearlyRows(data: YearlyData): CsvCell[][] {
	return data.kind === 'local_offer' ? localOfferRows(data) : forumRows(data);
}
