/**
 * The question page's form: what it shows, how a post is read back, and how it becomes the
 * service's input. It is a plain form (no superforms): its answer options are rows of fields
 * (`option-<row>-label`...) so that it works without JavaScript, which superforms' nested data
 * does not. Rows are numbered as drawn; `optionCount` says how many were drawn.
 */
import { m } from '$lib/paraglide/messages';
import { hasFixedOptions, isChoiceKind, type OptionInput, type QuestionInput, type QuestionKind } from '$lib/features/surveys/model';
import { QUESTION_LIMITS } from './schemas';

export type OptionRow = {
	/** The option's id, or '' for a new row. */
	id: string;
	label: string;
	symbolId: string;
	removeSymbol: boolean;
	imageId: string;
	positive: boolean;
	remove: boolean;
};

export type QuestionFormValues = {
	text: string;
	help: string;
	required: boolean;
	symbolId: string;
	removeSymbol: boolean;
	imageId: string;
	serviceId: string;
	options: OptionRow[];
};

export type Problem = { field: string; message: string };

/** The refusals of updating a question that its forms show beside a field; any other is the error page. */
export const QUESTION_PROBLEMS = [
	'question_text_required',
	'option_not_found',
	'option_label_required',
	'symbol_not_found',
	'image_not_found',
	'options_fixed',
	'option_answered',
	'service_not_found'
] as const;

/** Empty rows offered for new answers on "pick" questions. */
export const NEW_ROWS = 2;
const MAX_ROWS = 100;

export const emptyRow = (): OptionRow => ({
	id: '',
	label: '',
	symbolId: '',
	removeSymbol: false,
	imageId: '',
	positive: false,
	remove: false
});

/** Whether the organiser may add and remove answers (not smiley or yes / no questions). */
export const canAddOptions = (kind: QuestionKind) => isChoiceKind(kind) && !hasFixedOptions(kind);

/** A question as stored: its kind, and its values with every option's id. */
type StoredQuestion = QuestionInput & { kind: QuestionKind; options: Required<OptionInput>[] };

/** A stored question as the form's starting values, with empty rows to add answers. */
export function questionFormValues(q: StoredQuestion): QuestionFormValues {
	const rows: OptionRow[] = q.options.map((o) => ({
		id: String(o.id),
		label: o.label,
		symbolId: o.symbolId ?? '',
		removeSymbol: false,
		imageId: o.imageId === null ? '' : String(o.imageId),
		positive: o.positive,
		remove: false
	}));
	if (canAddOptions(q.kind)) for (let i = 0; i < NEW_ROWS; i++) rows.push(emptyRow());
	return {
		text: q.text,
		help: q.help,
		required: q.required,
		symbolId: q.symbolId ?? '',
		removeSymbol: false,
		imageId: q.imageId === null ? '' : String(q.imageId),
		serviceId: q.serviceId === null ? '' : String(q.serviceId),
		options: isChoiceKind(q.kind) ? rows : []
	};
}

const text = (data: FormData, name: string) => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};
const box = (data: FormData, name: string) => data.get(name) === '1';

/** Reads a posted question form back into its values (what the organiser typed, unchanged). */
export function readQuestionForm(data: FormData): QuestionFormValues {
	const count = Math.min(Math.max(Number(text(data, 'optionCount')) || 0, 0), MAX_ROWS);
	const options: OptionRow[] = [];
	for (let i = 0; i < count; i++) {
		const p = `option-${i}-`;
		options.push({
			id: text(data, `${p}id`).replace(/\D/g, ''),
			label: text(data, `${p}label`),
			symbolId: text(data, `${p}symbolId`),
			removeSymbol: box(data, `${p}removeSymbol`),
			imageId: text(data, `${p}imageId`),
			positive: box(data, `${p}positive`),
			remove: box(data, `${p}remove`)
		});
	}
	return {
		text: text(data, 'text'),
		help: text(data, 'help'),
		required: box(data, 'required'),
		symbolId: text(data, 'symbolId'),
		removeSymbol: box(data, 'removeSymbol'),
		imageId: text(data, 'imageId'),
		serviceId: text(data, 'serviceId'),
		options
	};
}

/**
 * Applies a "Move up" / "Move down" button ("<row>-up", "<row>-down") to the rows: swaps the row
 * with its neighbour among the answers that already exist. Anything else changes nothing.
 */
export function moveRow(values: QuestionFormValues, move: string): QuestionFormValues {
	const found = /^(\d+)-(up|down)$/.exec(move);
	if (!found) return values;
	const i = Number(found[1]);
	const j = found[2] === 'up' ? i - 1 : i + 1;
	const rows = [...values.options];
	if (!rows[i]?.id || !rows[j]?.id) return values;
	[rows[i], rows[j]] = [rows[j], rows[i]];
	return { ...values, options: rows };
}

/** Problems the form can see by itself: missing or over-long words. Fields are the inputs' ids. */
export function checkQuestionForm(values: QuestionFormValues): Problem[] {
	const problems: Problem[] = [];
	if (!values.text.trim()) problems.push({ field: 'text', message: m.surveys_build_question_text_required() });
	else if (values.text.trim().length > QUESTION_LIMITS.text)
		problems.push({ field: 'text', message: m.site_form_too_long({ max: QUESTION_LIMITS.text }) });
	if (values.help.trim().length > QUESTION_LIMITS.help)
		problems.push({ field: 'help', message: m.site_form_too_long({ max: QUESTION_LIMITS.help }) });
	values.options.forEach((o, i) => {
		const field = `option-${i}-label`;
		if (o.id && !o.remove && !o.label.trim())
			problems.push({ field, message: m.surveys_build_option_label_required({ n: i + 1 }) });
		else if (o.label.trim().length > QUESTION_LIMITS.label)
			problems.push({ field, message: m.site_form_too_long({ max: QUESTION_LIMITS.label }) });
	});
	return problems;
}

const idOrNull = (v: string) => (/^\d+$/.test(v) ? Number(v) : null);

/**
 * The service's input for these values: removed answers and empty new rows left out, symbols
 * taken away where "No symbol" was ticked.
 */
export function questionInputFrom(values: QuestionFormValues) {
	return {
		text: values.text,
		help: values.help,
		required: values.required,
		symbolId: values.removeSymbol ? null : values.symbolId || null,
		imageId: idOrNull(values.imageId),
		serviceId: idOrNull(values.serviceId),
		options: values.options
			.filter((o) => (o.id ? !o.remove : o.label.trim() !== ''))
			.map((o) => ({
				...(o.id ? { id: Number(o.id) } : {}),
				label: o.label,
				symbolId: o.removeSymbol ? null : o.symbolId || null,
				imageId: idOrNull(o.imageId),
				positive: o.positive
			}))
	};
}

/** The values of a question as stored, for changing one thing (its or an option's symbol). */
export function storedQuestionInput(q: StoredQuestion): QuestionInput {
	return {
		text: q.text,
		help: q.help,
		required: q.required,
		symbolId: q.symbolId,
		imageId: q.imageId,
		serviceId: q.serviceId,
		options: q.options.map((o) => ({ id: o.id, label: o.label, symbolId: o.symbolId, imageId: o.imageId, positive: o.positive }))
	};
}
