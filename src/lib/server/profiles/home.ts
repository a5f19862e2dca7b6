/**
 * A young person's own profile on their home page: where it is and who can see it (the supporters
 * they linked, and how many share links work now). Only for the young person themselves.
 */
import type { Db } from '../db';
import { can, type Actor } from '../permissions';
import { NotFoundError } from '../errors';
import { profileResource } from './access';
import { supporters } from './service';
import { shareLinks } from './sharing';

export type OwnProfile = { id: number; supporters: string[]; activeShareLinks: number };

/** The signed-in young person's profile and who can see it; null for anyone else (or a young person with no profile yet). */
export function ownProfile(db: Db, actor: Actor, now = new Date()): OwnProfile | null {
	if (!actor || !can(actor, 'profiles.own')) return null;
	let resource;
	try {
		resource = profileResource(db, actor.id);
	} catch (e) {
		// the role without a young person's record (given by hand): no profile to show
		if (e instanceof NotFoundError) return null;
		throw e;
	}
	if (!can(actor, 'profiles.read', resource)) return null;
	return {
		id: actor.id,
		supporters: supporters(db, actor, actor.id).map((s) => s.name),
		activeShareLinks: shareLinks(db, actor, actor.id, now).filter((l) => l.state === 'active').length
	};
}
