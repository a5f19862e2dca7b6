/**
 * Every feature's contribution to the features that work across all of them (contributions.ts):
 * privacy ("My data" and erasure), retention and the demo seed read this list and nothing else
 * of the other features, so they name no other feature's table (decision 0043).
 *
 * A new feature that holds personal data, data with a retention period or demo data adds its
 * `contributes.ts` and one line here. The registry's spec checks the list against the database:
 * every column that points at a person must be claimed by the feature that owns its table.
 */
import { URGENCIES, type Contribution, type EventKind, type Need } from './contributions';
import type { Actor } from './permissions';
import type { Db } from './db';
import { contributes as accounts } from './accounts';
import { contributes as audit } from './audit';
import { contributes as board } from './board';
import { contributes as content } from './content';
import { contributes as coproduction } from './coproduction';
import { contributes as forum } from './forum';
import { contributes as meetings } from './meetings';
import { contributes as outbox } from './outbox';
import { contributes as profiles } from './profiles';
import { contributes as reach } from './reach';
import { contributes as reports } from './reports';
import { contributes as safeguarding } from './safeguarding';
import { contributes as services } from './services';
import { contributes as standards } from './standards';
import { contributes as subscriptions } from './subscriptions';
import { contributes as surveys } from './surveys';
import { contributes as yearly } from './yearly';
import { contributes as translations } from './translations';

/**
 * In the order a person reads them in their data download (their account first, the audit log
 * last), which is also the order demo data is added in: each feature's demo data builds on the
 * features before it (people and services, then the board, then surveys that link to it...).
 */
export const CONTRIBUTIONS: readonly Contribution[] = [accounts, services, board, surveys, reach, meetings, profiles, standards, coproduction, reports, yearly, safeguarding, subscriptions, forum, content, translations, outbox, audit];

/**
 * The order erasure runs in, inside one transaction:
 * - surveys before reports: surveys hand on the person's quoted words, reports blank them;
 * - audit, then accounts last: deleting the person's `user` row cascades to the rows that still
 *   point at it, so every other feature must have unlinked and counted its rows before.
 */
export const ERASURE_ORDER: readonly Contribution[] = [surveys, reports, yearly, meetings, board, standards, coproduction, services, safeguarding, profiles, forum, subscriptions, reach, content, translations, outbox, audit, accounts];

/** Every kind of event any feature emits, with who is told and in what words: what the outbox worker sends. */
export const EVENT_KINDS: Readonly<Record<string, EventKind>> = Object.assign({}, ...CONTRIBUTIONS.map((c) => c.events ?? {}));

/**
 * What waits for this person in every feature, most urgent first: what is overdue, then what is
 * due within a week, then what waits with no day set (in the order of CONTRIBUTIONS within each).
 * Nothing for a visitor. The home page's "What needs you".
 */
export function needsYou(db: Db, actor: Actor, now = new Date()): Need[] {
	if (!actor) return [];
	const needs = CONTRIBUTIONS.flatMap((c) => c.needsYou?.(db, actor, now) ?? []).filter((n) => n.count > 0);
	return needs.sort((a, b) => URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency));
}
