/**
 * The demo people: every role, one shared password (listed in README), and the admin and
 * safeguarding lead with two-step sign-in from one demo secret, like real ones.
 */
import { count, eq, inArray } from 'drizzle-orm';
import type { Role } from '$lib/roles';
import { writeTransaction, type Db } from '../db';
import { user, userRole } from '../db/schema';
import { hashPassword } from '../auth/password';
import { PRIVILEGED_ROLES } from '../auth/session';
import { setUpDemoTwoStep } from './two-step';

/** Every demo account's password; listed in README. */
export const DEMO_PASSWORD = 'chorus-demo-2026';

export const DEMO_PEOPLE: { email: string; name: string; roles: Role[] }[] = [
	{ email: 'admin@example.org', name: 'Amira Admin', roles: ['admin'] },
	{ email: 'organiser@example.org', name: 'Olu Organiser', roles: ['organiser'] },
	{ email: 'service.lead@example.org', name: 'Sam Lead', roles: ['service_lead'] },
	{ email: 'board@example.org', name: 'Bea Board', roles: ['board_member'] },
	{ email: 'supporter@example.org', name: 'Sunita Supporter', roles: ['supporter'] },
	{ email: 'parent@example.org', name: 'Pat Parent', roles: ['parent_carer'] },
	{ email: 'safeguarding@example.org', name: 'Sade Safeguarding', roles: ['safeguarding_lead'] }
];

/**
 * Whether demo data is present: any demo account exists. While it is, every page says "Demo site:
 * do not enter real information" (their shared password is in README, so they are a way in).
 */
export function demoPresent(db: Db): boolean {
	return Boolean(
		db
			.select({ id: user.id })
			.from(user)
			.where(inArray(user.email, DEMO_PEOPLE.map((p) => p.email)))
			.limit(1)
			.get()
	);
}

/** Whether the database has nobody in it yet (a new install). */
export function isEmpty(db: Db): boolean {
	return (db.select({ n: count() }).from(user).get()?.n ?? 0) === 0;
}

/** Adds the demo people who are not there yet (nothing already there is changed). Returns how many. */
export async function seedAccountsDemo(db: Db, now = new Date()): Promise<{ people: number }> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return writeTransaction(db, (tx) => {
		let people = 0;
		for (const person of DEMO_PEOPLE) {
			if (tx.select({ id: user.id }).from(user).where(eq(user.email, person.email)).get()) continue;
			const { id } = tx
				.insert(user)
				.values({ email: person.email, name: person.name, passwordHash, createdAt: now })
				.returning({ id: user.id })
				.get();
			tx.insert(userRole).values(person.roles.map((role) => ({ userId: id, role }))).run();
			people++;
		}
		// The demo admin and safeguarding lead must use two-step sign-in like real ones: they share
		// one demo TOTP secret, listed in README so a tester can add it to an authenticator app.
		for (const person of DEMO_PEOPLE) {
			if (!person.roles.some((r) => PRIVILEGED_ROLES.includes(r))) continue;
			const found = tx.select({ id: user.id }).from(user).where(eq(user.email, person.email)).get();
			if (found) setUpDemoTwoStep(tx, found.id, now);
		}
		return { people };
	});
}
