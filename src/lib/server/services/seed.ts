/** The demo services, in all three sectors, with the demo service lead leading one. */
import { eq } from 'drizzle-orm';
import type { Sector } from '$lib/sectors';
import { writeTransaction, type Db } from '../db';
import { service, serviceLead, user } from '../db/schema';

/** The demo services' names, for the other features' demo data to point at. */
export const DEMO_SERVICE = {
	SALT: 'Speech and language therapy',
	CAMHS: 'Child and adolescent mental health service (CAMHS)',
	EHC: 'SEND assessment and EHC plans team',
	TEACHING: 'Specialist teaching service',
	BREAKS: 'Short breaks',
	SOCIAL: 'Children with disabilities social work team'
} as const;

export const DEMO_SERVICES: { name: string; sector: Sector; description: string; leads?: string[] }[] = [
	{
		name: DEMO_SERVICE.SALT,
		sector: 'health',
		description: 'Helps children and young people with talking, understanding, eating and drinking.',
		leads: ['service.lead@example.org']
	},
	{
		name: DEMO_SERVICE.CAMHS,
		sector: 'health',
		description: 'Support for children and young people with their feelings and mental health.'
	},
	{
		name: DEMO_SERVICE.EHC,
		sector: 'education',
		description: 'Carries out education, health and care needs assessments and writes EHC plans.'
	},
	{
		name: DEMO_SERVICE.TEACHING,
		sector: 'education',
		description: 'Advice and teaching for schools supporting pupils with SEND.'
	},
	{
		name: DEMO_SERVICE.BREAKS,
		sector: 'social_care',
		description: 'Activities and care that give disabled children fun and their families a rest.'
	},
	{
		name: DEMO_SERVICE.SOCIAL,
		sector: 'social_care',
		description: 'Social workers for disabled children and their families.'
	}
];

/** Adds the demo services that are not there yet, led by the demo people named (made first). Returns how many. */
export function seedServicesDemo(db: Db, now = new Date()): { services: number } {
	return writeTransaction(db, (tx) => {
		let services = 0;
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
		return { services };
	});
}
