import { m } from '$lib/paraglide/messages';
import type { Actor } from '$lib/server/permissions';
import { db } from '$lib/server/db/app';
import * as standards from '$lib/server/standards';
import type { PageText } from '$lib/server/content';
import { idParam, orError } from '$lib/server/http';

/** A standard's public words to translate: its statement and what is measured (as published reports show them). */
export function standardTexts(actor: Actor, standardId: string) {
	const s = orError(() => standards.getFor(db(), actor, idParam(standardId)));
	const texts: PageText[] = [
		{ name: 'statement', label: m.content_field_statement(), subject: 'standard', subjectId: s.id, field: 'statement', english: s.statement },
		{ name: 'measure', label: m.content_field_measure(), subject: 'standard', subjectId: s.id, field: 'measure', english: s.measure }
	];
	return { standard: { id: s.id, statement: s.statement }, texts };
}
