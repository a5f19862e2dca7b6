import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as standards from '$lib/server/standards';
import * as surveys from '$lib/server/surveys';
import { standardView, type StandardView } from './view.server';
import type { PageServerLoad } from './$types';

type Group = { serviceName: string | null; standards: (StandardView & { questions: number; mayEnter: boolean })[] };

/** Every standard, the whole area's first, then by service; archived ones on their own list. */
export const load: PageServerLoad = ({ locals, url }) => {
	const showArchived = url.searchParams.get('show') === 'archived';
	const all = orError(() => standards.listFor(db(), locals.user, { includeArchived: true }));
	const shown = all.filter((s) => (s.archivedAt !== null) === showArchived);
	const questions = new Map<number, number>();
	for (const q of surveys.linkedQuestions(db(), shown.filter((s) => s.measureKind === 'survey').map((s) => s.id))) {
		questions.set(q.standardId, (questions.get(q.standardId) ?? 0) + 1);
	}
	const mayEnter = new Set(orError(() => standards.forFigures(db(), locals.user)).map((s) => s.id));
	const groups: Group[] = [];
	for (const s of shown) {
		let group = groups.at(-1);
		if (!group || group.serviceName !== s.serviceName) groups.push((group = { serviceName: s.serviceName, standards: [] }));
		group.standards.push({ ...standardView(s, s.serviceName), questions: questions.get(s.id) ?? 0, mayEnter: mayEnter.has(s.id) });
	}
	return {
		showArchived,
		archivedCount: all.filter((s) => s.archivedAt !== null).length,
		groups,
		mayManage: can(locals.user, 'standards.manage'),
		mayEnterFigures: mayEnter.size > 0
	};
};
