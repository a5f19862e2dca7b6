/**
 * Every table Chorus lets people download comes as CSV and as a spreadsheet file (.xlsx), from
 * the same rows: the route's address ends in the format (`[format=table]`, src/params/table.ts).
 */
import { toCsv, type CsvCell } from './csv';
import { toXlsx } from './xlsx';

export type TableFormat = 'csv' | 'xlsx';

const TYPES: Record<TableFormat, string> = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/** The rows as a download: `name` is the file's name without its ending, `sheet` the spreadsheet's one sheet. */
export function tableDownload(
	rows: readonly (readonly CsvCell[])[],
	format: TableFormat,
	options: { name: string; sheet: string; cacheControl: string; normalise?: (text: string) => string }
): Response {
	const body = format === 'xlsx' ? new Uint8Array(toXlsx(rows, options.sheet, options.normalise)) : toCsv(rows, options.normalise);
	return new Response(body, {
		headers: {
			'Content-Type': TYPES[format],
			'Content-Disposition': `attachment; filename="${options.name}.${format}"`,
			'Cache-Control': options.cacheControl
		}
	});
}
