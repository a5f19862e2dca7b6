/**
 * Demo one-page profiles. Alex (Year 8), supported by the demo supporter, has a filled-in profile
 * built through the profiles service (so it has versions, some items written by the supporter),
 * a known card code and picture passcode listed in README, and counts towards the pupil-voice
 * summary. Eleven more young people with short profiles have ticked "count my symbols" too, so
 * the summary has enough young people to be shown.
 */
import { count, eq } from 'drizzle-orm';
import type { ProfileSection } from '$lib/features/profiles/model';
import { DAY_MS } from '$lib/time';
import type { Db } from '../db';
import { user, youngPerson } from '../db/schema';
import type { Actor } from '../permissions';
import { hashPassword } from '../auth/password';
import * as profiles from './service';

/** Listed in README: the demo young person's card code and picture passcode. */
export const DEMO_YOUNG_PERSON = {
	name: 'Alex',
	code: 'BEAR-4827',
	passcode: ['cat', 'pizza', 'football'] as const
};

type Item = [ProfileSection, string | null, string | null, 'me' | 'supporter'];

const ALEX: Item[] = [
	['admire', 'funny', 'I make people laugh', 'me'],
	['admire', 'drawing', 'I am good at drawing dragons', 'me'],
	['admire', 'friends', 'Kind and patient with younger pupils', 'supporter'],
	['important', 'dog', 'My dog Biscuit', 'me'],
	['important', 'family', null, 'me'],
	['important', 'football', 'Playing football on Saturdays', 'me'],
	['support', 'give-me-time', 'Give me time to answer', 'me'],
	['support', 'show-me-pictures', null, 'me'],
	['support', 'quiet-space', 'A quiet space when it is too loud', 'me'],
	['support', 'tell-me-what-happens-next', 'Tell me before things change', 'supporter'],
	['communicate', 'talk', 'I talk, but sometimes I need time', 'me'],
	['communicate', 'sign-language', 'I use some Makaton', 'supporter'],
	['communicate', 'tablet', null, 'me'],
	['hopes', 'animals', 'I want to work with animals', 'me'],
	['hopes', 'college', null, 'me']
];

const OTHERS: [string, string][] = [
	['Bilal', 'Year 9'],
	['Chloe', 'Year 6'],
	['Dev', 'Year 10'],
	['Ella', 'Year 7'],
	['Finn', 'Year 11'],
	['Grace', 'Year 5'],
	['Hamza', 'Year 8'],
	['Isla', 'Year 12'],
	['Jay', 'Year 9'],
	['Kemi', 'Year 7'],
	['Leo', 'Year 10']
];

/** Symbols the other young people choose from, most popular first, with their section. */
const POPULAR: [ProfileSection, string][] = [
	['support', 'give-me-time'],
	['important', 'family'],
	['support', 'quiet-space'],
	['important', 'friends'],
	['admire', 'funny'],
	['support', 'show-me-pictures'],
	['important', 'games'],
	['communicate', 'talk'],
	['important', 'music'],
	['hopes', 'college'],
	['support', 'ear-defenders'],
	['communicate', 'sign-language'],
	['hopes', 'work'],
	['important', 'swimming']
];

/** Adds the demo young people and profiles if there are none yet. Returns how many it added. */
export async function seedProfilesDemo(db: Db, now = new Date()): Promise<number> {
	if ((db.select({ n: count() }).from(youngPerson).get()?.n ?? 0) > 0) return 0;
	const found = db.select({ id: user.id }).from(user).where(eq(user.email, 'supporter@example.org')).get();
	if (!found) return 0;
	const supporter: Actor = { id: found.id, roles: ['supporter'] };
	const passcodeHash = await hashPassword(DEMO_YOUNG_PERSON.passcode.join(' '));

	const alex = profiles.createYoungPerson(db, supporter, { name: DEMO_YOUNG_PERSON.name, yearGroup: 'Year 8' }, now);
	db.update(youngPerson)
		.set({ signInCodeHash: profiles.codeHash(DEMO_YOUNG_PERSON.code), passcodeHash })
		.where(eq(youngPerson.userId, alex.id))
		.run();
	const me: Actor = { id: alex.id, roles: ['young_person'] };
	ALEX.forEach(([section, symbolId, words, by], i) => {
		// spread over the last fortnight, so the versions read like real use
		const at = new Date(now.getTime() - (14 - i) * 20 * 60 * 60 * 1000);
		profiles.addItem(db, by === 'me' ? me : supporter, alex.id, section, { symbolId, words }, at);
	});
	profiles.markReviewed(db, supporter, alex.id, new Date(now.getTime() - 2 * DAY_MS));
	profiles.setConsent(db, me, alex.id, true, now);

	OTHERS.forEach(([name, yearGroup], n) => {
		const { id } = profiles.createYoungPerson(db, supporter, { name, yearGroup }, now);
		const them: Actor = { id, roles: ['young_person'] };
		// each picks four or five, leaning to the popular ones
		for (let k = 0; k < 4 + (n % 2); k++) {
			const [section, symbolId] = POPULAR[(n * 3 + k * k) % POPULAR.length];
			try {
				profiles.addItem(db, them, id, section, { symbolId }, now);
			} catch {
				// a full section is fine to skip in demo data
			}
		}
		profiles.setConsent(db, them, id, true, now);
	});
	return 1 + OTHERS.length;
}
