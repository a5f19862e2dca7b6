/**
 * Granting oneself a way in, and ways in that outlive what they were for: changing one's own roles,
 * linking oneself to a child's profile, a stale session taking dangerous steps, a lost card's
 * session, a supporter's share links after they are unlinked, organisers' pickers, and opening
 * feedback with contact details unseen.
 */
import { describe, expect } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { DEMO_CARD_CODE, DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';
import { ADMIN, ORGANISER, SAFEGUARDING_LEAD, SUPPORTER, freshCode, openDatabase, signIn, userId } from './people';

const NEW_ADMIN = { name: 'Nia Newadmin', email: 'nia.newadmin@example.org', password: 'a long new admin password' };
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Signs Alex in with the demo card and pictures (three picture posts, as without JavaScript). */
async function signInAsAlex(client: Client, code = DEMO_CARD_CODE) {
	const picks = ['cat', 'pizza', 'football'];
	let answer;
	for (let i = 0; i < picks.length; i++) {
		answer = await client.post('/young-people/sign-in?/pick', { code, stage: 'passcode', picked: picks.slice(0, i), pick: picks[i] });
	}
	if (answer!.status !== 303) throw new Error(`Alex's sign-in answered ${answer!.status}`);
}

describe('granting a way in', () => {
	const app = useApp({ secrets: [NEW_ADMIN.password] });
	const url = () => app().url;
	/** Shown once when Nia sets up two-step sign-in (below). */
	const niaRecoveryCodes: string[] = [];
	/**
	 * The demo admin, signed in once and used by the attacks in turn: each sign-in takes one of the
	 * code's 30-second steps, and waiting for the next would only slow the suite. Signed in again
	 * when their roles change (that ends their sessions).
	 */
	let admin: Client | undefined;
	async function demoAdmin(again = false): Promise<Client> {
		if (!admin || again) {
			admin = new Client(url());
			await signIn(admin, ADMIN);
		}
		return admin;
	}

	attack('An admin changes their own roles (to become safeguarding lead or supporter)', 'refused (403); their roles are unchanged', async (observe) => {
		const admin = await demoAdmin();
		const db = openDatabase(app().databasePath);
		const id = userId(db, ADMIN);
		const answer = await admin.post(`/admin/people/${id}?/roles`, { roles: ['admin', 'safeguarding_lead', 'supporter'] });
		const roles = (db.prepare('select role from user_role where user_id = ? order by role').all(id) as { role: string }[]).map((r) => r.role);
		db.close();
		observe(`status ${answer.status}; roles after: ${roles.join(', ')}`);
		expect(answer.status).toBe(403);
		expect(roles).toEqual(['admin']);
	});

	attack(
		'A second admin is invited; on first sign-in they must set up two-step sign-in before any session',
		'no session after the password alone; the set-up page gives a QR code and secret; the first code starts the session and shows 10 recovery codes',
		async (observe) => {
			const admin = await demoAdmin();
			const invited = await admin.post('/admin/people/new', { name: NEW_ADMIN.name, email: NEW_ADMIN.email, roles: 'admin' });
			const link = decode(invited.text).match(/\/set-password\/[a-z0-9]+/)?.[0];
			if (!link) throw new Error(`No set-password link in the invitation answer (${invited.status})`);
			const nia = new Client(url());
			expect((await nia.post(link, { password: NEW_ADMIN.password, confirm: NEW_ADMIN.password })).status).toBe(303);
			const first = await nia.post('/login', { email: NEW_ADMIN.email, password: NEW_ADMIN.password });
			const sessionAfterPassword = nia.cookie('chorus_session');
			const page = await nia.get(first.location!);
			const secret = page.text.match(/<code[^>]*>([A-Z2-7 ]{30,})<\/code>/)?.[1];
			const sealed = decode(page.text.match(/name="sealed" value="([^"]+)"/)?.[1] ?? '');
			if (!secret || !sealed) throw new Error('The set-up page shows no secret');
			const code = generateHOTP(decodeBase32IgnorePadding(secret.replace(/ /g, '')), BigInt(Math.floor(Date.now() / 30_000)), 6);
			const done = await nia.post(first.location!, { sealed, code });
			const recovery = ([...done.text.matchAll(/<code[^>]*>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]));
			niaRecoveryCodes.push(...recovery);
			const people = await nia.get('/admin/people');
			observe(
				`after the password: ${first.location}, session: ${sessionAfterPassword ? 'yes' : 'none'}; after the first code: ${recovery.length} recovery codes, /admin/people answered ${people.status}`
			);
			expect(first.location).toMatch(/^\/login\/set-up/);
			expect(sessionAfterPassword).toBeUndefined();
			expect(recovery).toHaveLength(10);
			expect(people.status).toBe(200);
		}
	);

	attack(
		'An admin links themselves to a young person\'s profile (after another admin made them a supporter)',
		'refused; the supporter role given to them is listed for every admin to see',
		async (observe) => {
			const db = openDatabase(app().databasePath);
			const adminId = userId(db, ADMIN);
			const alexId = userId(db, 'Alex');
			db.close();
			// Nia, the second admin (her app's secret is her own: she signs in with a recovery code),
			// gives the demo admin the supporter role
			const niaAdmin = new Client(url());
			await signInNia(niaAdmin);
			const given = await niaAdmin.post(`/admin/people/${adminId}?/roles`, { roles: ['admin', 'supporter'] });
			expect(given.status).toBe(200);
			// the role change ended the admin's sessions: they sign in again
			const admin = await demoAdmin(true);
			const linked = await admin.post(`/admin/people/${alexId}?/addSupporter`, { supporterEmail: ADMIN });
			const grants = await admin.get('/admin/people');
			const shown = grants.text.includes(`${NEW_ADMIN.name} made Amira Admin Supporter`);
			observe(`linking themselves answered ${linked.status}${linked.text.includes('You cannot add yourself') ? ' ("You cannot add yourself")' : ''}; the grant shown on the People page: ${shown ? 'yes' : 'no'}`);
			expect(linked.status).toBe(403);
			expect(linked.text).toContain('You cannot add yourself');
			expect(shown).toBe(true);
		}
	);

	/** Nia signs in with one of the recovery codes her set-up showed (her app's secret is hers alone). */
	async function signInNia(client: Client) {
		const first = await client.post('/login', { email: NEW_ADMIN.email, password: NEW_ADMIN.password });
		if (!first.location?.startsWith('/login/code')) throw new Error(`Nia's sign-in went to ${first.location}`);
		const code = niaRecoveryCodes.shift();
		if (!code) throw new Error('No recovery code left for Nia');
		const second = await client.post(first.location, { code });
		if (second.status !== 303) throw new Error(`Nia's recovery code answered ${second.status}`);
	}

	attack(
		'A stolen admin session, its password last given 20 minutes ago, tries the dangerous steps',
		'each is sent to "Confirm it is you" (erase, change roles, invite, download my data, open a flag); after the password and code, they work',
		async (observe) => {
			const admin = await demoAdmin();
			const lead = new Client(url());
			await signIn(lead, SAFEGUARDING_LEAD);
			const db = openDatabase(app().databasePath, false);
			const organiserId = userId(db, ORGANISER);
			const flagId = (db.prepare('select id from safeguarding_flag order by id limit 1').get() as { id: number }).id;
			// time passes: both last proved who they are 20 minutes ago
			db.prepare('update session set verified_at = ?').run(Date.now() - 20 * 60_000);
			db.close();
			const steps = {
				erase: await admin.post(`/admin/people/${organiserId}/erase`, { confirm: 'Olu Organiser' }),
				roles: await admin.post(`/admin/people/${organiserId}?/roles`, { roles: ['organiser', 'admin'] }),
				invite: await admin.get('/admin/people/new'),
				download: await admin.post('/my-data/download', {}),
				flag: await lead.get(`/safeguarding/${flagId}`)
			};
			const sentToConfirm = Object.entries(steps).filter(([, a]) => a.status === 303 && a.location?.startsWith('/confirm?next='));
			// the organiser is still there, with the same roles
			const check = openDatabase(app().databasePath);
			const stillThere = (check.prepare('select role from user_role where user_id = ?').all(organiserId) as { role: string }[]).map((r) => r.role);
			check.close();
			// confirming puts them back in
			const confirmed = await lead.post(`/confirm?next=${encodeURIComponent(`/safeguarding/${flagId}`)}`, { password: DEMO_PASSWORD, code: await freshCode(SAFEGUARDING_LEAD) });
			const flagAgain = await lead.get(`/safeguarding/${flagId}`);
			observe(
				`${sentToConfirm.length} of 5 sent to confirm (${sentToConfirm.map(([k]) => k).join(', ')}); the organiser's roles: ${stillThere.join(', ')}; after confirming, the flag answered ${flagAgain.status}`
			);
			expect(sentToConfirm.map(([k]) => k)).toEqual(Object.keys(steps));
			expect(stillThere).toEqual(['organiser']);
			expect(confirmed.location).toBe(`/safeguarding/${flagId}`);
			expect(flagAgain.status).toBe(200);
		}
	);

	attack("A lost card's session: someone signed in with the old card after the supporter prints a new one", 'signed out at once: the next page asks them to sign in', async (observe) => {
		const thief = new Client(url());
		await signInAsAlex(thief);
		const before = await thief.get('/my-profile');
		const supporter = new Client(url());
		await signIn(supporter, SUPPORTER);
		const db = openDatabase(app().databasePath);
		const alexId = userId(db, 'Alex');
		db.close();
		const printed = await supporter.post(`/young-people/${alexId}/card?/newCard`, {});
		const after = await thief.get(`/profiles/${alexId}`);
		observe(`before: ${before.status} to ${before.location}; new card: ${printed.status}; after: ${after.status} to ${after.location}`);
		expect(printed.status).toBe(303);
		expect(after.status).toBe(303);
		expect(after.location).toMatch(/sign-in|login/);
	});

	attack('The share links a supporter made, after the young person stops that supporter seeing the profile', 'the links stop working at once', async (observe) => {
		const db = openDatabase(app().databasePath);
		const alexId = userId(db, 'Alex');
		const supporterId = userId(db, SUPPORTER);
		db.close();
		const supporter = new Client(url());
		await signIn(supporter, SUPPORTER);
		const made = await supporter.post(`/profiles/${alexId}/share?/create`, { label: 'For the new school', days: '30' });
		const link = made.text.match(/\/shared-profile\/[a-z0-9]+/)?.[0];
		if (!link) throw new Error(`No share link made (${made.status})`);
		const opened = await new Client(url()).get(link);
		// an admin (for a young person who cannot yet choose) stops the supporter seeing the profile
		const admin = await demoAdmin();
		const removed = await admin.post(`/admin/people/${alexId}?/removeSupporter`, { supporterId: String(supporterId) });
		const after = await new Client(url()).get(link);
		observe(`the link answered ${opened.status} before; unlinking answered ${removed.status}; the link answered ${after.status} after`);
		expect(opened.status).toBe(200);
		expect(after.status).toBe(404);
	});

	attack("Organisers' pickers: an action owner list, and a hand-edited form naming a young person", 'no young person is listed, and one sent by hand is refused', async (observe) => {
		const db = openDatabase(app().databasePath);
		const young = db.prepare('select id, name from user where email is null').all() as { id: number; name: string }[];
		const meeting = db.prepare(`select m.id, i.id as item from meeting m join agenda_item i on i.meeting_id = m.id where m.state = 'minutes_drafted' or m.state = 'minutes_published' order by m.starts_at desc limit 1`).get() as { id: number; item: number };
		db.close();
		const organiser = new Client(url());
		await signIn(organiser, ORGANISER);
		const page = await organiser.get(`/manage/meetings/${meeting.id}/minutes`);
		const options = [...page.text.matchAll(/<option[^>]*value="(\d+)"[^>]*>([^<]*)</g)].map((m) => ({ id: Number(m[1]), name: m[2].trim() }));
		const listed = options.filter((o) => young.some((y) => y.id === o.id && y.name === o.name));
		const handEdited = await organiser.post(`/manage/meetings/${meeting.id}/minutes?/addAction`, {
			item: String(meeting.item),
			what: 'Ask them about the bus',
			ownerKind: 'person',
			ownerUserId: String(young[0].id),
			status: 'open'
		});
		const stored = openDatabase(app().databasePath);
		const given = (stored.prepare('select count(*) as n from meeting_action where owner_user_id in (select id from user where email is null)').get() as { n: number }).n;
		stored.close();
		observe(`page ${page.status}: ${options.length} options, ${listed.length} of them young people; the hand-edited form answered ${handEdited.status}; actions given to a young person: ${given}`);
		expect(page.status).toBe(200);
		expect(options.length).toBeGreaterThan(3);
		expect(listed).toEqual([]);
		expect(handEdited.status).toBe(400);
		expect(given).toBe(0);
	});

	attack('Opening feedback that holds a parent\'s contact details', 'recorded in the audit log (who and which feedback, never the details)', async (observe) => {
		const db = openDatabase(app().databasePath);
		const withContact = (db.prepare(`select id, contact_email from feedback where contact_email is not null and contact_email <> '' limit 1`).get() as { id: number; contact_email: string } | undefined);
		db.close();
		if (!withContact) throw new Error('The demo data has no feedback with contact details');
		const organiser = new Client(url());
		await signIn(organiser, ORGANISER);
		const opened = await organiser.get(`/manage/feedback/${withContact.id}`);
		const after = openDatabase(app().databasePath);
		const entries = after.prepare(`select actor_id, subject_id, details from audit_entry where action = 'feedback.contact_opened'`).all() as { actor_id: number; subject_id: string; details: string }[];
		const organiserId = userId(after, ORGANISER);
		after.close();
		observe(`page ${opened.status}; audit entries: ${entries.length}, by the organiser about feedback ${entries[0]?.subject_id}; details hold the email: ${entries.some((e) => e.details.includes(withContact.contact_email)) ? 'yes' : 'no'}`);
		expect(opened.status).toBe(200);
		expect(entries).toEqual([{ actor_id: organiserId, subject_id: String(withContact.id), details: '{}' }]);
	});
});
