/** The baseline import's problems (codes from the server's reach feature) in the reader's words. */
import { m } from '$lib/paraglide/messages';

type RowProblem = { code: string; value?: string };

export function rowProblemText(p: RowProblem): string {
	const value = p.value ?? '';
	switch (p.code) {
		case 'columns':
			return m.reach_problem_columns({ count: value });
		case 'characteristic':
			return m.reach_problem_characteristic({ value });
		case 'category':
			return m.reach_problem_category({ value });
		case 'count_missing':
			return m.reach_problem_count_missing();
		case 'count_number':
			return m.reach_problem_count_number({ value });
		case 'count_negative':
			return m.reach_problem_count_negative();
		case 'count_too_big':
			return m.reach_problem_count_too_big({ value });
		default:
			return m.reach_problem_duplicate();
	}
}

export function fileProblemText(code: string, maxRows: number): string {
	switch (code) {
		case 'empty':
			return m.reach_file_empty();
		case 'too_big':
			return m.reach_file_too_big();
		case 'unclosed_quote':
			return m.reach_file_unclosed_quote();
		case 'header':
			return m.reach_file_header();
		case 'no_rows':
			return m.reach_file_no_rows();
		default:
			return m.reach_file_too_many_rows({ max: maxRows });
	}
}

export function detailProblemText(field: 'asOf' | 'source', code: string): string {
	if (field === 'asOf') return code === 'missing' ? m.reach_as_of_missing() : m.reach_as_of_invalid();
	return code === 'missing' ? m.reach_source_missing() : m.reach_source_too_long();
}
