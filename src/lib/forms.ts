import { tick } from 'svelte';
import { goto } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';
import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';

/**
 * Turns superforms' error object into the error summary's list, in the order the fields
 * appear on the page. Form-wide errors (`_errors`) link to the first field.
 */
export function problemsFrom(
	errors: Record<string, unknown> | undefined,
	fieldOrder: string[]
): { field: string; message: string }[] {
	if (!errors) return [];
	const first = (v: unknown): string | undefined =>
		Array.isArray(v)
			? (v.find((x) => typeof x === 'string') as string | undefined)
			: v && typeof v === 'object' && '_errors' in v
				? first((v as { _errors: unknown })._errors)
				: undefined;
	const problems: { field: string; message: string }[] = [];
	const formWide = first(errors._errors);
	if (formWide) problems.push({ field: fieldOrder[0], message: formWide });
	for (const field of fieldOrder) {
		const message = first(errors[field]);
		if (message) problems.push({ field, message });
	}
	return problems;
}

/**
 * superForm with Chorus's defaults: what a person typed stays after submitting (only the
 * server clears a field, e.g. passwords), and after a failed submit focus goes to the error
 * summary (GOV.UK pattern, done by ErrorSummary) rather than superforms' jump to the field.
 * A form refused as too big to send (413, before its page saw it) stays as it was, with the
 * reason in the error summary, so nothing typed is lost; so does a form the database could not
 * save for want of room (the error code `not_saved`, from the one full-disk mechanism, decision
 * 0051: without JavaScript the error page gives the fields back instead). Other errors are
 * superforms' own.
 */
export function chorusForm<T extends Record<string, unknown>, M>(data: SuperValidated<T, M>, options: FormOptions<T, M> = {}) {
	const form = superForm(data, {
		resetForm: false,
		autoFocusOnError: false,
		onError: ({ result }) => {
			const notSaved = (result.error as Partial<App.Error> | undefined)?.code === 'not_saved';
			if (result.status !== 413 && !notSaved) throw result.error;
			form.errors.update((errors) => ({ ...errors, _errors: [notSaved ? m.site_not_saved_form() : m.site_too_big_form()] }));
		},
		...options
	});
	return form;
}

/**
 * `use:enhance` for a "move up / move down" form in an ordered list (survey questions, agenda
 * items): after the move, the keyboard stays where it was, on the same button of the thing that
 * moved (`#move-<id>-<direction>`), or its other button once it reaches an end.
 */
export function keepFocusOnMove(id: number, direction: 'up' | 'down'): SubmitFunction {
	return () =>
		async ({ result, update }) => {
			if (result.type !== 'redirect') return update();
			await goto(result.location, { invalidateAll: true, noScroll: true, keepFocus: true });
			await tick();
			const other = direction === 'up' ? 'down' : 'up';
			(document.getElementById(`move-${id}-${direction}`) ?? document.getElementById(`move-${id}-${other}`))?.focus();
		};
}
