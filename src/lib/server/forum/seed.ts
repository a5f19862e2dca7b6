/**
 * The demo forum: 150 members who joined over the last two years (two with the demo accounts of a
 * parent carer and a supporter, the rest with an email address only), most of them consenting to
 * be counted and telling us about their family (some "prefer not to say"), a few who left, and
 * five representatives on the partnership's boards and groups. Added only when the forum has no
 * members; one transaction, one prepared statement per table.
 *
 * The demo members' news consent is recorded but their (example.org) addresses are not subscribed
 * to the forum's news: the demo would otherwise email 100 made-up addresses on every agenda.
 */
import { inArray } from 'drizzle-orm';
import { CATEGORIES } from '$lib/features/reach/model';
import { ABOUT_YOU, PREFER_NOT, type AboutYouCharacteristic } from '$lib/features/forum/model';
import { DAY_MS, addDays, londonDate } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { user } from '../db/schema';
import { forumLeavers, forumMember } from './schema';

export const DEMO_MEMBERS = 150;

/** A small fixed random sequence, so every demo database is the same. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Weights for the categories the demo draws more or less often (the rest weigh 1). */
const WEIGHTS: Partial<Record<AboutYouCharacteristic, Record<string, number>>> = {
	need_area: { communication_interaction: 10, cognition_learning: 6, social_emotional_mental_health: 8, sensory_physical: 3 },
	phase: { early_years: 3, primary: 12, secondary: 9, post_16: 1, not_in_education: 1 },
	support: { ehc_plan: 6, sen_support: 5 },
	area: { north: 5, south: 4, east: 3, west: 4, centre: 6 },
	ethnicity: { white_british: 30, asian_pakistani: 5, asian_indian: 3, asian_bangladeshi: 1, black_african: 3, black_caribbean: 2, mixed_white_black_caribbean: 2, white_other: 3 },
	language: { english: 40, urdu: 3, punjabi: 2, polish: 2, bengali: 1, somali: 1, turkish: 1, kurdish: 1, yiddish: 1, other: 7 }
};

/**
 * What members who answer "another language" type, in turn: one name often enough to be listed
 * among the counted members, others by one family only (never listed).
 */
const OTHER_LANGUAGES_TYPED = ['Tigrinya', 'Farsi', 'tigrinya', 'Tigrinya', 'Lingala', 'TIGRINYA', 'Tigrinya ', 'Tigrinya'];

function pick(next: () => number, c: AboutYouCharacteristic): string | null {
	const roll = next();
	if (roll < 0.07) return PREFER_NOT;
	if (roll < 0.12) return null;
	const weights = WEIGHTS[c] ?? {};
	const options = CATEGORIES[c] as readonly string[];
	const total = options.reduce((sum, o) => sum + (weights[o] ?? (WEIGHTS[c] ? 0 : 1)), 0);
	let at = next() * total;
	for (const o of options) {
		at -= weights[o] ?? (WEIGHTS[c] ? 0 : 1);
		if (at < 0) return o;
	}
	return options[0];
}

const REPRESENTATIVES = [
	{ name: 'Hannah Okafor', role: 'Parent carer co-chair', body: 'SEND partnership board', from: -420, to: null, namePublic: true },
	{ name: 'Imran Siddiqui', role: 'Parent carer member', body: 'Local Offer steering group', from: -300, to: 365, namePublic: true },
	{ name: 'Claire Dunmore', role: 'Parent carer panel member', body: 'EHCP quality assurance panel', from: -200, to: null, namePublic: false },
	{ name: 'Grace Mensah', role: 'Parent carer representative', body: 'Preparing for adulthood group', from: -150, to: 200, namePublic: true },
	{ name: 'Tom Whitfield', role: 'Parent carer member', body: 'Joint commissioning group', from: -700, to: -60, namePublic: true }
];

export function seedForumDemo(db: Db, now: Date): Record<string, number> | void {
	if (db.select({ id: forumMember.id }).from(forumMember).limit(1).get() || db.select({ n: forumLeavers.count }).from(forumLeavers).limit(1).get()) return;
	const next = random(18);
	const accounts = db.select({ id: user.id }).from(user).where(inArray(user.email, ['parent@example.org', 'supporter@example.org'])).all();
	const today = londonDate(now);
	writeTransaction(db, () => {
		const insertMember = db.$client.prepare(
			`insert into forum_member (user_id, email, locale, confirmed_at, created_at, news_consent_at, count_consent_at,
			  need_area, phase, support, area, ethnicity, language, other_language, updated_at) values (?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		);
		let typed = 0;
		for (let i = 0; i < DEMO_MEMBERS; i++) {
			// more joined recently than long ago, as a forum grows
			const daysAgo = Math.floor(730 * Math.pow(next(), 1.4));
			const at = now.getTime() - daysAgo * DAY_MS - Math.floor(next() * 8) * 3_600_000;
			const account = i < accounts.length ? accounts[i].id : null;
			const counted = next() < 0.85 ? at : null;
			const news = next() < 0.7 ? at : null;
			const about = Object.fromEntries(ABOUT_YOU.map((c) => [c, pick(next, c)]));
			insertMember.run(
				account,
				account === null ? `forum.member${i + 1}@example.org` : null,
				at,
				at,
				news,
				counted,
				about.need_area,
				about.phase,
				about.support,
				about.area,
				about.ethnicity,
				about.language,
				about.language === 'other' ? OTHER_LANGUAGES_TYPED[typed++ % OTHER_LANGUAGES_TYPED.length] : null,
				at
			);
		}
		// leavers: only counts of when they joined and left
		const insertLeavers = db.$client.prepare('insert into forum_leavers (joined_month, left_month, count) values (?, ?, ?) on conflict do update set count = count + excluded.count');
		for (let i = 0; i < 14; i++) {
			const joined = Math.floor(700 * next());
			const stayed = Math.floor(joined * next());
			insertLeavers.run(addDays(today, -joined).slice(0, 7), addDays(today, -(joined - stayed)).slice(0, 7), 1);
		}
		const insertRepresentative = db.$client.prepare(
			'insert into forum_representative (name, role, body, starts_on, ends_on, name_public, created_at) values (?, ?, ?, ?, ?, ?, ?)'
		);
		for (const r of REPRESENTATIVES) {
			insertRepresentative.run(r.name, r.role, r.body, addDays(today, r.from), r.to === null ? null : addDays(today, r.to), r.namePublic ? 1 : 0, now.getTime());
		}
	});
	return { forumMembers: DEMO_MEMBERS, forumRepresentatives: REPRESENTATIVES.length };
}
