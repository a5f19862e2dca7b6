import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as meetings from '$lib/server/meetings';
import * as profiles from '$lib/server/profiles';
import { needsYou } from '$lib/server/registry';
import * as surveys from '$lib/server/surveys';
import type { PageServerLoad } from './$types';

/** How many open surveys and "we did" answers the home page shows before "see all". */
const SHOWN = 3;

/**
 * What anyone can do now, from what is really there: open surveys, the latest "we did" answers,
 * the next forum meeting. Only what the public pages show (published, open, not draft). A
 * signed-in person also sees what waits for them ("What needs you": each feature's counts, most
 * urgent first) and their own things: surveys they started and have not sent, a young person's
 * profile and who can see it. The staff pages' list comes from the layout's menu.
 */
export const load: PageServerLoad = ({ locals }) => {
	const open = surveys.listOpen(db());
	const answered = board
		.latestAnswered(db(), SHOWN)
		.map((item) => ({ id: item.id, youSaid: item.youSaid, status: item.status, weDid: item.responses.at(-1)!.text }));
	const next = meetings.listPublic(db(), { when: 'upcoming' }).meetings[0];
	return {
		surveys: { shown: open.slice(0, SHOWN).map((s) => ({ id: s.id, title: s.title })), total: open.length },
		answered,
		nextMeeting: next ? { id: next.id, title: next.title, startsAt: next.startsAt, cancelled: next.cancelledAt !== null } : null,
		needs: needsYou(db(), locals.user).map(({ id, text, href }) => ({ id, text, href })),
		started: surveys.startedSurveys(db(), locals.user),
		profile: profiles.ownProfile(db(), locals.user)
	};
};
