/**
 * The standards service explains a problem in plain English (StandardProblem, a figure's or an
 * import row's problems). These turn each known explanation into the person's language, and
 * say which field of the figure form it is about. An explanation not known here is shown as
 * the service wrote it, so a new rule in the service is never hidden.
 */
import { m } from '$lib/paraglide/messages';

type Rule = { pattern: RegExp; text: (match: RegExpExecArray) => string; field?: 'start' | 'end' | 'value' | 'note' };

const RULES: Rule[] = [
	// a standard's form (StandardProblem)
	{ pattern: /^Write the standard in up to 200 letters\.$/, text: () => m.standards_problem_statement() },
	{ pattern: /^Say what is measured, in up to 200 letters\.$/, text: () => m.standards_problem_measure() },
	{ pattern: /^Choose where the figure comes from\.$/, text: () => m.standards_problem_kind() },
	{ pattern: /^Choose whether higher or lower is better\.$/, text: () => m.standards_problem_direction() },
	{ pattern: /^Choose the unit of the figure\.$/, text: () => m.standards_problem_unit() },
	{ pattern: /^Enter the target as a number\.$/, text: () => m.standards_problem_target_number() },
	{ pattern: /^Enter the amber threshold as a number\.$/, text: () => m.standards_problem_amber_number() },
	{ pattern: /^The target must be between 0% and 100%\.$/, text: () => m.standards_problem_target_percent() },
	{ pattern: /^The target must be zero or more\.$/, text: () => m.standards_problem_target_negative() },
	{ pattern: /^The amber threshold must be between 0% and 100%\.$/, text: () => m.standards_problem_amber_percent() },
	{ pattern: /^The amber threshold must be zero or more\.$/, text: () => m.standards_problem_amber_negative() },
	{ pattern: /^When higher is better, the amber threshold must be at most the target\.$/, text: () => m.standards_problem_amber_higher() },
	{ pattern: /^When lower is better, the amber threshold must be at least the target\.$/, text: () => m.standards_problem_amber_lower() },
	{ pattern: /^Choose a service, or the whole area\.$/, text: () => m.standards_problem_service() },
	{ pattern: /^Figures or questions already measure this standard/, text: () => m.standards_problem_kind_fixed() },
	// one figure (entered or imported)
	{ pattern: /^This standard is not measured by entered figures\.$/, text: () => m.standards_problem_not_operational() },
	{ pattern: /^This standard is archived\.$/, text: () => m.standards_problem_archived() },
	{ pattern: /^Give the period as two dates/, text: () => m.standards_problem_period_dates(), field: 'start' },
	{ pattern: /^The period must end on or after its first day\.$/, text: () => m.standards_problem_period_order(), field: 'end' },
	{ pattern: /^The figure must be a number\.$/, text: () => m.standards_problem_value_number(), field: 'value' },
	{ pattern: /^A percentage must be between 0 and 100\.$/, text: () => m.standards_problem_value_percent(), field: 'value' },
	{ pattern: /^The figure cannot be negative\.$/, text: () => m.standards_problem_value_negative(), field: 'value' },
	{ pattern: /^Keep the note to 1000 letters\.$/, text: () => m.standards_problem_note(), field: 'note' },
	// an import file and its rows
	{ pattern: /^There are (\d+) values; expected (\d+)\.$/, text: (x) => m.standards_problem_columns({ count: x[1], expected: x[2] }) },
	{ pattern: /^The standard must be its number\.$/, text: () => m.standards_problem_standard_number() },
	{ pattern: /^Standard (.+) is not one you can enter figures for\.$/, text: (x) => m.standards_problem_standard_not_yours({ id: x[1] }) },
	{ pattern: /^The same standard and period appear on an earlier line\.$/, text: () => m.standards_problem_duplicate() },
	{ pattern: /^A quote opened on line (\d+) is never closed\.$/, text: (x) => m.standards_problem_quote({ line: x[1] }) },
	{ pattern: /^The file is empty\.$/, text: () => m.standards_problem_empty() },
	{ pattern: /^The first line must name the columns: (.+)\.$/, text: (x) => m.standards_problem_header({ columns: x[1] }) },
	{ pattern: /^The file has no figures under its first line\.$/, text: () => m.standards_problem_no_rows() }
];

function match(english: string): { rule: Rule; found: RegExpExecArray } | null {
	for (const rule of RULES) {
		const found = rule.pattern.exec(english);
		if (found) return { rule, found };
	}
	return null;
}

/** True if the explanation is one this page knows (and so translates). */
export function isKnownProblem(english: string): boolean {
	return match(english) !== null;
}

/** A service's explanation in the person's language (or as written, if not known here). */
export function problemText(english: string): string {
	const found = match(english);
	return found ? found.rule.text(found.found) : english;
}

/** Which field of the figure form a figure's problem is about (the figure itself if none is named). */
export function figureProblemField(english: string): 'start' | 'end' | 'value' | 'note' {
	return match(english)?.rule.field ?? 'value';
}
