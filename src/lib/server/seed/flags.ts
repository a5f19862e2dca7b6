/**
 * Demo safeguarding flags, raised the real way: a parent's feedback with contact details (raised a
 * week ago and not yet reviewed, so it shows as overdue), a words-only item on the profile of the
 * demo young person Bilal (today), and a parent's "I'm worried about something" message that the
 * demo safeguarding lead has reviewed. Alex's profile is left alone: tests use it.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { DAY_MS } from '$lib/time';
import type { Db } from '../db';
import { user } from '../db/schema';
import type { Actor } from '../permissions';
import * as feedback from '../board';
import * as profiles from '../profiles';
import { flagCount, review, tell } from '../safeguarding';

/** Adds the demo flags if there are none yet. Returns how many it raised. */
export function seedSafeguardingDemo(db: Db, now = new Date()): number {
	if (flagCount(db) > 0) return 0;
	const idOf = (email: string) => db.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id;
	const parentId = idOf('parent@example.org');
	const leadId = idOf('safeguarding@example.org');
	const bilal = db.select({ id: user.id }).from(user).where(and(eq(user.name, 'Bilal'), isNull(user.email))).get();
	if (!parentId || !leadId) return 0;
	const parent: Actor = { id: parentId, roles: ['parent_carer'] };
	const lead: Actor = { id: leadId, roles: ['safeguarding_lead'] };

	// A week ago: at least three working days, so it is overdue whatever day it is today.
	feedback.send(
		db,
		{
			whatHappened:
				"My son is 12 and has autism. Lately he says he is scared to go home on the days my ex-partner has him, and he will not say why. I do not know who to talk to about it.",
			serviceId: null,
			contactName: 'Jo Example',
			contactEmail: 'jo.example@example.org',
			contactPhone: '07700 900123',
			consentToContact: true,
			aboutWho: 'parent_carer'
		},
		'demo-seed',
		new Date(now.getTime() - 7 * DAY_MS)
	);

	// Two days ago, reviewed yesterday by the demo lead.
	const message = tell(
		db,
		parent,
		"A boy in my daughter's class told her there is never any food at his house and he is hungry all the time. I did not know who else to tell.",
		new Date(now.getTime() - 2 * DAY_MS)
	);
	review(
		db,
		lead,
		message,
		{
			outcome: 'already_known',
			note: "Spoke to the school's designated safeguarding lead: they know the family, the boy goes to breakfast club and early help is involved. Thanked the parent by email."
		},
		new Date(now.getTime() - DAY_MS)
	);

	// Today: a young person's own words on their profile.
	if (bilal) {
		const me: Actor = { id: bilal.id, roles: ['young_person'] };
		profiles.addItem(db, me, bilal.id, 'important', { words: 'Some boys on the bus bully me every day' }, now);
	}
	return flagCount(db);
}
