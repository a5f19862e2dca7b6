import type { QuestionResult as Result } from '$lib/server/surveys';
import { isSymbolId } from '$lib/symbols/catalogue';
import type { QuestionFigures } from './QuestionResult.svelte';

/**
 * Each question's figures as the results page hands them to QuestionResult: numbered from 1 in
 * survey order, "about you" as a yes or no, and a symbol no longer in the catalogue left out.
 */
export function questionFigures(results: readonly Result[]): QuestionFigures[] {
	return results.map((r, i) => ({
		id: r.question.id,
		number: i + 1,
		text: r.question.text,
		kind: r.question.kind,
		version: r.question.version,
		aboutYou: r.question.aboutYou !== null,
		answered: r.answered,
		positivePercent: r.positivePercent,
		hidden: r.hidden,
		options: r.options.map((o) => ({ ...o, symbolId: o.symbolId && isSymbolId(o.symbolId) ? o.symbolId : null }))
	}));
}
