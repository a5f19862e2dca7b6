import { m } from '$lib/paraglide/messages';
import type { FileProblem, RowProblem } from '$lib/server/translations';

const quoted = (names: string[]) => names.map((n) => `{${n}}`).join(', ');

/** A sheet's problem in the admin's words. */
export function fileProblemText(problem: FileProblem): string {
	return {
		too_big: m.translations_file_too_big,
		not_a_sheet: m.translations_file_not_a_sheet,
		no_sheet: m.translations_file_no_sheet,
		columns: m.translations_file_columns,
		empty: m.translations_file_empty
	}[problem]();
}

/** A row's problem in the admin's words. */
export function rowProblemText(problem: RowProblem): string {
	switch (problem.code) {
		case 'unknown_key':
			return m.translations_problem_unknown_key({ key: problem.key });
		case 'twice':
			return m.translations_problem_twice({ key: problem.key });
		case 'empty_text':
			return m.translations_problem_empty_text();
		case 'braces':
			return m.translations_problem_braces({ at: problem.at });
		case 'placeholder_missing':
			return m.translations_problem_placeholder_missing({ names: quoted(problem.names) });
		case 'placeholder_added':
			return m.translations_problem_placeholder_added({ names: quoted(problem.names) });
		case 'status':
			return m.translations_problem_status({ value: problem.value });
		case 'plural_unknown':
			return m.translations_problem_plural_unknown({ form: problem.form, forms: problem.forms.join(', ') });
		case 'plural_missing':
			return m.translations_problem_plural_missing({ forms: problem.forms.join(', ') });
	}
}
