import { count, eq, inArray } from 'drizzle-orm';
import type { Role } from '$lib/roles';
import type { Sector } from '$lib/sectors';
import { writeTransaction, type Db } from '../db';
import { service, serviceLead, user, userRole } from '../db/schema';
import { hashPassword } from '../auth/password';
import { PRIVILEGED_ROLES } from '../auth/session';
import { setUpDemoTwoStep } from '../accounts';
import { seedBoardDemo } from '../board';
import { seedSurveysDemo } from '../surveys';
import { seedMeetingsDemo } from '../meetings';
import { seedProfilesDemo } from '../profiles';
import { seedReportsDemo } from '../reports';
import { seedSafeguardingDemo } from './flags';

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

export const DEMO_SERVICES: { name: string; sector: Sector; description: string; leads?: string[] }[] = [
	{
		name: 'Speech and language therapy',
		sector: 'health',
		description: 'Helps children and young people with talking, understanding, eating and drinking.',
		leads: ['service.lead@example.org']
	},
	{
		name: 'Child and adolescent mental health service (CAMHS)',
		sector: 'health',
		description: 'Support for children and young people with their feelings and mental health.'
	},
	{
		name: 'SEND assessment and EHC plans team',
		sector: 'education',
		description: 'Carries out education, health and care needs assessments and writes EHC plans.'
	},
	{
		name: 'Specialist teaching service',
		sector: 'education',
		description: 'Advice and teaching for schools supporting pupils with SEND.'
	},
	{
		name: 'Short breaks',
		sector: 'social_care',
		description: 'Activities and care that give disabled children fun and their families a rest.'
	},
	{
		name: 'Children with disabilities social work team',
		sector: 'social_care',
		description: 'Social workers for disabled children and their families.'
	}
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

/**
 * Adds the demo accounts and services that are not there yet. Safe to run again: nothing is
 * duplicated and nothing already there is changed. Returns how many rows it added.
 */
export async function seedDemo(
	db: Db,
	now = new Date()
): Promise<{ people: number; services: number; boardItems: number; feedback: number }> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const base = writeTransaction(db, (tx) => {
		let people = 0;
		let services = 0;
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
		for (const s of DEMO_SERVICES) {
			if (tx.select({ id: service.id }).from(service).where(eq(service.name, s.name)).get()) continue;
			const { id } = tx
				.insert(service)
				.values({ name: s.name, sector: s.sector, description: s.description, createdAt: now, updatedAt: now })
				.returning({ id: service.id })
				.get();
			for (const email of s.leads ?? []) {
				const lead = tx.select({ id: user.id }).from(user).where(eq(user.email, email)).get();
				if (lead) tx.insert(serviceLead).values({ serviceId: id, userId: lead.id }).run();
			}
			services++;
		}
		return { people, services };
	});
	// Later capabilities add their demo data here, each only into its own empty tables.
	const board = seedBoardDemo(db, now);
	seedSurveysDemo(db, now);
	seedMeetingsDemo(db, now);
	await seedProfilesDemo(db, now);
	seedReportsDemo(db, now);
	seedSafeguardingDemo(db, now);
	return { ...base, boardItems: board.items, feedback: board.feedback };
}
