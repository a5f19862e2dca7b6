/**
 * Every column in the database that points at a person (`user.id`, or `young_person.user_id`,
 * which is a young person's `user.id`), and what "My data" and erasure do with it: each feature
 * lists its own columns in its `contributes.ts` (`personColumns`); this is all of them.
 *
 * The list is checked against the database itself (`PRAGMA foreign_key_list` over every table)
 * by `download.spec.ts`: a new table or column that points at a person fails that test until its
 * feature adds it, with a decision, and handles it in its download rows and erasure step.
 */
import type { ColumnDecision } from '../contributions';
import { CONTRIBUTIONS } from '../registry';

export type { ColumnDecision, EraseHandling } from '../contributions';

/** "table.column" for every column that points at a person. */
export const PERSON_COLUMNS: Record<string, ColumnDecision> = Object.assign({}, ...CONTRIBUTIONS.map((c) => c.personColumns ?? {}));

/** The tables whose rows point at a person: `user` itself and a young person's `young_person` row. */
export const PERSON_TABLES = ['user', 'young_person'] as const;
