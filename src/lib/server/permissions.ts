import type { Role } from '$lib/roles';
import { ConfirmIdentityError } from './errors';

/**
 * Whoever is asking: a signed-in person with their roles, or null for a visitor. `verifiedAt`
 * is when they last proved who they are in this browser (absent: not known, so not recent).
 */
export type Actor = { id: number; roles: readonly Role[]; verifiedAt?: Date } | null;

/** What an action is about, when the answer depends on it. */
export type Resource = {
	/** The person the action is done to (people admin). */
	userId?: number;
	/** The services a thing is about (a board item). */
	serviceIds?: readonly number[];
	/** The services the actor leads (looked up by the calling service). */
	ledServiceIds?: readonly number[];
	/** Whose one-page profile it is (the young person's user id). */
	profileOf?: number;
	/** The supporters that young person has linked (looked up by the calling service). */
	linkedSupporterIds?: readonly number[];
};

type Rule = (actor: NonNullable<Actor>, resource: Resource) => boolean;

const has = (actor: NonNullable<Actor>, role: Role) => actor.roles.includes(role);
const isAdmin: Rule = (actor) => has(actor, 'admin');
const isOrganiser: Rule = (actor) => has(actor, 'organiser') || has(actor, 'admin');
const anyoneSignedIn: Rule = () => true;
const everyone: Rule = () => true;
/** A service lead of at least one of the services the thing is about. */
const leadsOneOf: Rule = (actor, { serviceIds = [], ledServiceIds = [] }) =>
	has(actor, 'service_lead') && serviceIds.some((id) => ledServiceIds.includes(id));

/** The young person whose profile it is, signed in as themselves. */
const ownProfile: Rule = (actor, { profileOf }) => has(actor, 'young_person') && profileOf === actor.id;
/** A supporter the young person has linked to their profile. */
const linkedSupporter: Rule = (actor, { linkedSupporterIds = [] }) =>
	has(actor, 'supporter') && linkedSupporterIds.includes(actor.id);
const ownOrLinked: Rule = (actor, resource) => ownProfile(actor, resource) || linkedSupporter(actor, resource);

/**
 * The one place roles are interpreted. Each action lists who may do it; an action that is not
 * listed, or a visitor asking for anything not marked public, is denied.
 */
const RULES = {
	/** See the list of people, their roles and status. */
	'people.read': isAdmin,
	/** Invite a new person by email with roles. */
	'people.invite': isAdmin,
	/** Give or take away roles: never one's own (another admin must), so nobody grants themselves a way in. */
	'people.changeRoles': (actor, resource) => isAdmin(actor, resource) && resource.userId !== actor.id,
	/** Disable or re-enable an account; nobody can disable their own. */
	'people.disable': (actor, resource) => isAdmin(actor, resource) && resource.userId !== actor.id,
	/** Make a new one-time set-password link for a person. */
	'people.issuePasswordLink': isAdmin,
	/** Read the audit log. */
	'audit.read': isAdmin,
	/** See what Chorus has emailed (counts, and the emails it gave up on) and try those again. */
	'outbox.manage': isAdmin,
	/** Choose which of the emails one gets may stop (one's own choices only). */
	'outbox.chooseOwn': anyoneSignedIn,
	/** Erase a person on request (UK GDPR): their account and what links to them; never oneself. */
	'people.erase': (actor, resource) => isAdmin(actor, resource) && resource.userId !== actor.id,
	/** Download everything held about oneself ("My data"). */
	'data.download': anyoneSignedIn,
	/** Add, edit and archive services and choose their leads. */
	'services.manage': isAdmin,
	/** Change one's own password (young people have none: they sign in with a card). */
	'account.changePassword': (actor) => !has(actor, 'young_person') || actor.roles.length > 1,
	/** Turn one's own two-step sign-in on or off, move it, renew recovery codes (not young people: no password). */
	'account.twoStep': (actor) => !has(actor, 'young_person') || actor.roles.length > 1,
	/** Change the area's settings ("we reply within N weeks"...). */
	'settings.manage': isAdmin,
	/** Translate public texts (board items, "we did") into the area's content languages: the forum's work. */
	'content.translate': isOrganiser,
	/** Download the interface's messages for translators and upload their reviewed texts (decision 0058). */
	'translations.manage': isAdmin,

	/** Read the public "you said, we did" board. */
	'board.read': everyone,
	/** Create, edit, publish and unpublish board items; see unpublished ones. */
	'board.manage': isOrganiser,
	/** Add a "we did" and change status: organisers for the forum, a lead for their own services. */
	'board.respond': (actor, resource) => isOrganiser(actor, resource) || leadsOneOf(actor, resource),
	/** See which items are overdue, and the unpublished ones about one's services. */
	'board.track': (actor) =>
		['organiser', 'admin', 'service_lead', 'board_member'].some((r) => has(actor, r as Role)),
	/** Send feedback through the public form. */
	'feedback.send': everyone,
	/** Work the moderation queue: make items, merge, reply, close. */
	'feedback.moderate': isOrganiser,

	/** Read published agendas, minutes, the actions tracker and the calendar feed. */
	'meetings.read': everyone,
	/** Plan meetings, write agendas and minutes, attach papers, see who is coming. */
	'meetings.manage': isOrganiser,
	/** Say one will come to a meeting, or send apologies. */
	'meetings.attend': anyoneSignedIn,

	/** Answer a published survey through its link (named surveys also need the person signed in). */
	'surveys.answer': everyone,
	/** Build, preview, publish, close, duplicate and translate surveys; enter paper responses; tag answers. */
	'surveys.manage': isOrganiser,
	/** See the list of surveys whose results one may read (organisers; service leads for their services). */
	'surveys.track': (actor) => isOrganiser(actor, {}) || has(actor, 'service_lead'),
	/** Read a survey's results and export them: organisers, and leads of the services it is about. */
	'surveys.results': (actor, resource) => isOrganiser(actor, resource) || leadsOneOf(actor, resource),

	/** Define, change and archive service standards; link survey questions to them. */
	'standards.manage': isOrganiser,
	/** See standards and their figures (staff who follow up and the board). */
	'standards.read': (actor) => ['organiser', 'admin', 'service_lead', 'board_member'].some((r) => has(actor, r as Role)),
	/** Enter or import operational figures: organisers, and the lead of the standard's service. */
	'standards.enterFigures': (actor, resource) => isOrganiser(actor, resource) || leadsOneOf(actor, resource),
	/** Read draft reports (published ones are public). */
	'reports.read': (actor) => ['organiser', 'admin', 'service_lead', 'board_member'].some((r) => has(actor, r as Role)),
	/** Comment on a draft report. */
	'reports.comment': (actor) => has(actor, 'board_member') || isOrganiser(actor, {}),
	/** Start draft reports, approve and publish them. */
	'reports.manage': isOrganiser,
	/** Read published reports. */
	'reports.readPublished': everyone,
	/** Replace the local SEND population baseline from a file: admins, who answer for the area's official figures. */
	'reach.baseline.import': isAdmin,
	/** See the local baseline reach is measured against: staff who read reports. */
	'reach.baseline.read': (actor) => ['organiser', 'admin', 'service_lead', 'board_member'].some((r) => has(actor, r as Role)),
	/** Preview and publish the yearly reports (Local Offer, forum): organisers write the forum's record, as with board reports. */
	'yearly.manage': isOrganiser,
	/** Read published yearly reports: they are public, for the council's Local Offer site, members and funders. */
	'yearly.readPublished': everyone,

	/** Read "How we worked together": what families were involved in, and how (counts only, nothing personal). */
	'coproduction.read': everyone,
	/** See the staff list of co-production entries and start one: organisers, and leads (for their services). */
	'coproduction.track': (actor) => isOrganiser(actor, {}) || has(actor, 'service_lead'),
	/** Record, change or remove an entry: organisers for any body; a lead only for entries about a service they lead. */
	'coproduction.record': (actor, resource) => isOrganiser(actor, resource) || leadsOneOf(actor, resource),
	/** Change the ladder's names and plain meanings: the partnership's words, kept by admins. */
	'coproduction.ladder': isAdmin,

	/** Join the parent carer forum (visitors with an email address, signed-in people with their account; not a young person's own account: the forum is for parent carers). */
	'forum.join': (actor) => !has(actor, 'young_person') || actor.roles.length > 1,
	/** See who represents the forum on which board or group (names only where they agreed). */
	'forum.readRepresentatives': everyone,
	/** Keep the list of the forum's representatives: organisers run the forum. */
	'forum.manageRepresentatives': isOrganiser,
	/** See membership counts over time and the consenting members' reach counts (never a member's details). */
	'forum.readCounts': isOrganiser,

	// Profiles belong to the young person: nobody else opens one unless the young person (or an
	// admin, for one who cannot yet choose) linked them. Admins, organisers, service leads and
	// board members cannot open profiles.
	/** Make a young person's account and be linked to it (supporters). */
	'profiles.create': (actor) => has(actor, 'supporter'),
	/** Open one's own profile (young people). */
	'profiles.own': (actor) => has(actor, 'young_person'),
	/** See the young people one supports. */
	'profiles.support': (actor) => has(actor, 'supporter'),
	/** Open a profile and its earlier versions. */
	'profiles.read': ownOrLinked,
	/** Add, change and remove items, the photo; mark reviewed. */
	'profiles.edit': ownOrLinked,
	/** Make and revoke read-only share links. */
	'profiles.share': ownOrLinked,
	/** Tick or untick "count my symbols": the young person's own choice. */
	'profiles.consent': ownProfile,
	/** Link and unlink supporters. */
	'profiles.chooseSupporters': (actor, resource) => ownProfile(actor, resource) || isAdmin(actor, resource),
	/** Print a new sign-in card (new code) and reset the picture passcode. */
	'profiles.signInCard': linkedSupporter,

	// Safeguarding: flags hold children's words about harm, so only safeguarding leads open them
	// (not admins or organisers, unless they also hold the lead role).
	/** See the flag queue, open and review flags, keep the list of local phrases. */
	'safeguarding.review': (actor) => has(actor, 'safeguarding_lead'),
	/** Send a message straight to the safeguarding leads ("I'm worried about something"). */
	'safeguarding.tell': anyoneSignedIn
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

/** Actions a visitor (not signed in) may take. */
const PUBLIC_ACTIONS: ReadonlySet<Action> = new Set(['board.read', 'feedback.send', 'surveys.answer', 'meetings.read', 'reports.readPublished', 'coproduction.read', 'yearly.readPublished', 'forum.join', 'forum.readRepresentatives']);

/** Whether `actor` may do `action` (to `resource`). Denies anything not explicitly allowed. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
	if (!Object.hasOwn(RULES, action)) return false;
	if (actor === null) return PUBLIC_ACTIONS.has(action);
	return RULES[action](actor, resource);
}

/** How recently a person must have proved who they are before a dangerous step. */
export const RECENT_SIGN_IN_MS = 15 * 60 * 1000;

/** Whether the actor proved who they are in the last 15 minutes. */
export function signedInRecently(actor: Actor, now = new Date()): boolean {
	return Boolean(actor?.verifiedAt && now.getTime() - actor.verifiedAt.getTime() <= RECENT_SIGN_IN_MS);
}

/**
 * For dangerous steps (erasing a person, changing roles, downloading personal data, opening a
 * safeguarding flag): throws ConfirmIdentityError unless the actor proved who they are in the
 * last 15 minutes. Called by those steps' services after `can()`.
 */
export function requireRecentSignIn(actor: Actor, now = new Date()): void {
	if (!signedInRecently(actor, now)) throw new ConfirmIdentityError();
}
