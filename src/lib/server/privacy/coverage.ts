/**
 * Every column in the database that points at a person (`user.id`, or `young_person.user_id`,
 * which is a young person's `user.id`), and what erasure does with its rows: each feature
 * declares its columns on the "My data" kinds that show their rows, in its `contributes.ts`
 * (a kind's `personColumns`); this is all of them.
 *
 * The list is checked against the database itself (`PRAGMA foreign_key_list` over every table)
 * by `download.spec.ts`: a new table or column that points at a person fails that test until its
 * feature declares it on a kind, with a decision, and handles it in its erasure step.
 */
import type { EraseHandling } from '../contributions';
import { CONTRIBUTIONS } from '../registry';

export type { EraseHandling } from '../contributions';

/** "table.column" for every column that points at a person, with what erasure does with its rows. */
export const PERSON_COLUMNS: Record<string, EraseHandling> = Object.fromEntries(
	CONTRIBUTIONS.flatMap((c) => c.personalData ?? []).flatMap((kind) => Object.entries(kind.personColumns ?? {}))
);

/** The tables whose rows point at a person: `user` itself and a young person's `young_person` row. */
export const PERSON_TABLES = ['user', 'young_person'] as const;
