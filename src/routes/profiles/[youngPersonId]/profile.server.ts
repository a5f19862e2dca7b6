import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';

/**
 * The profile a /profiles/<id>/… page shows, as its reader may see it (a visitor is sent to
 * sign in, anyone else not allowed gets the error page), with the id, name and whose it is
 * that every such page puts in its heading.
 */
export function profileOf({ locals, params, url }: { locals: App.Locals; params: { youngPersonId: string }; url: URL }) {
	const id = idParam(params.youngPersonId);
	const view = forPage(locals.user, url, () => profiles.view(db(), locals.user, id));
	return { id, name: view.youngPerson.name, isOwn: view.isOwn, view };
}
