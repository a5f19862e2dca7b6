/**
 * What the public pages of a yearly report load: the published report of a kind and a year from
 * the address, or a 404. Shared by /local-offer and /forum-report.
 */
import { yearOfParam, type YearlyKind } from '$lib/features/yearly/model';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import { orError } from '../http';
import { NotFoundError } from '../errors';
import { published, publishedYears } from './service';

/** A published report from its address's year (a 404 for anything else). */
export function publishedFromParam(db: Db, actor: Actor, kind: YearlyKind, yearParam: string) {
	return orError(() => {
		const year = yearOfParam(yearParam);
		if (year === null) throw new NotFoundError('report_not_found');
		return { year, ...published(db, actor, kind, year) };
	});
}

/** The list page of a kind: its published years, newest first. */
export function yearsOf(db: Db, actor: Actor, kind: YearlyKind) {
	return orError(() => publishedYears(db, actor, kind));
}
