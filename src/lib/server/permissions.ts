import type { Role } from '$lib/roles';

/** Whoever is asking: a signed-in person with their roles, or null for a visitor. */
export type Actor = { id: number; roles: readonly Role[] } | null;

/** What an action is about, when the answer depends on it. */
export type Resource = {
	/** The person the action is done to (people admin). */
	userId?: number;
};

type Rule = (actor: NonNullable<Actor>, resource: Resource) => boolean;

const has = (actor: NonNullable<Actor>, role: Role) => actor.roles.includes(role);
const isAdmin: Rule = (actor) => has(actor, 'admin');
const anyoneSignedIn: Rule = () => true;

/**
 * The one place roles are interpreted. Each action lists who may do it; an action that is not
 * listed, or a visitor asking for anything not marked public, is denied.
 */
const RULES = {
	/** See the list of people, their roles and status. */
	'people.read': isAdmin,
	/** Invite a new person by email with roles. */
	'people.invite': isAdmin,
	/** Give or take away roles. */
	'people.changeRoles': isAdmin,
	/** Disable or re-enable an account; nobody can disable their own. */
	'people.disable': (actor, resource) => isAdmin(actor, resource) && resource.userId !== actor.id,
	/** Make a new one-time set-password link for a person. */
	'people.issuePasswordLink': isAdmin,
	/** Read the audit log. */
	'audit.read': isAdmin,
	/** Add, edit and archive services and choose their leads. */
	'services.manage': isAdmin,
	/** Change one's own password. */
	'account.changePassword': anyoneSignedIn
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

/** Actions a visitor (not signed in) may take. None yet: visitors' pages need no permission. */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set();

/** Whether `actor` may do `action` (to `resource`). Denies anything not explicitly allowed. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
	if (!Object.hasOwn(RULES, action)) return false;
	if (actor === null) return PUBLIC_ACTIONS.has(action);
	return RULES[action](actor, resource);
}
