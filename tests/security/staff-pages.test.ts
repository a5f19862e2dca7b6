/**
 * Opening staff pages one is not allowed to: the pages whose reads now decide who may see them in
 * the feature's service (issue 15), rather than a guard in the route. A parent carer, a service
 * lead and a visitor each try every one. And posting to the translators' forms (issue 19, decision
 * 0059): only organisers and admins may put words in another language on the public pages; a
 * parent carer and a service lead post translations of a board item (one of the lead's own
 * service, which the lead may follow up), a meeting's easy-read summary and a standard (which the
 * lead may read).
 */
import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client } from './http';
import { PARENT, openDatabase, signIn } from './people';

const SERVICE_LEAD = 'service.lead@example.org';

/** Each page and who may open it (besides organisers and admins). */
const PAGES: { path: string; leads: boolean }[] = [
	{ path: '/admin/services', leads: false },
	{ path: '/admin/settings', leads: false },
	{ path: '/admin/emails', leads: false },
	{ path: '/manage/board/new', leads: false },
	{ path: '/manage/surveys/new', leads: false },
	{ path: '/manage/reports/new', leads: false },
	{ path: '/manage/standards/new', leads: false },
	{ path: '/manage/reports', leads: true },
	{ path: '/manage/standards', leads: true },
	{ path: '/manage/standards/1', leads: true },
	{ path: '/manage/standards/figures', leads: true },
	{ path: '/manage/explore', leads: true }
];

describe('staff pages', () => {
	const app = useApp();

	attack(
		'A parent carer, a service lead and a visitor open the staff pages (services, settings, emails, new item, survey, report and standard forms, reports, standards, figures, explore)',
		'the parent: 403 on every one; the lead: 403 except the reports and standards they read; the visitor: sent to sign in',
		async (observe) => {
			const parent = new Client(app().url);
			await signIn(parent, PARENT);
			const lead = new Client(app().url);
			await signIn(lead, SERVICE_LEAD);
			const visitor = new Client(app().url);
			const seen: string[] = [];
			for (const page of PAGES) {
				const asParent = await parent.get(page.path);
				const asLead = await lead.get(page.path);
				const asVisitor = await visitor.get(page.path);
				seen.push(`${page.path} ${asParent.status}/${asLead.status}/${asVisitor.status}`);
				expect(asParent.status, `${page.path} as a parent`).toBe(403);
				expect(asLead.status, `${page.path} as a service lead`).toBe(page.leads ? 200 : 403);
				expect(asVisitor.status, `${page.path} as a visitor`).toBe(303);
				expect(asVisitor.location, `${page.path} as a visitor`).toMatch(/^\/login\?next=/);
			}
			observe(`parent/lead/visitor: ${seen.join('; ')}`);
		}
	);

	attack(
		'A parent carer and a service lead post translations of a board item, a meeting summary and a standard to the translators’ forms',
		'refused (403) every time, for both; no translation saved or changed',
		async (observe) => {
			const db = openDatabase(app().databasePath);
			// the item about referrals is speech and language therapy's, which the demo lead leads
			const itemId = (db.prepare("select id from board_item where you_said like 'After a referral%'").get() as { id: number }).id;
			const meetingId = (db.prepare("select id from meeting where easy_read != '[]' and state = 'minutes_published'").get() as { id: number }).id;
			const standardId = (db.prepare('select id from standard order by id').get() as { id: number }).id;
			const rows = () => db.prepare('select subject, subject_id, field, locale, text, source from content_translation order by 1, 2, 3, 4').all();
			const before = rows();
			const posts: [string, Record<string, string>][] = [
				[`/manage/board/${itemId}/translations/so`, { 'item.you_said': 'Qoraal been ah', 'item.easy_read': 'Qoraal been ah' }],
				[`/manage/meetings/${meetingId}/translations/so`, { sentence_1: 'Qoraal been ah', sentence_6: 'Qoraal been ah' }],
				[`/manage/standards/${standardId}/translations/so`, { statement: 'Qoraal been ah', measure: 'Qoraal been ah' }]
			];
			const seen: string[] = [];
			for (const email of [PARENT, SERVICE_LEAD]) {
				const client = new Client(app().url);
				await signIn(client, email);
				for (const [path, fields] of posts) {
					const answer = await client.post(path, fields);
					seen.push(`${email.split('@')[0]} ${path.split('/')[2]}: ${answer.status}`);
					expect(answer.status, `${email} posting to ${path}`).toBe(403);
				}
			}
			const after = rows();
			db.close();
			observe(`${seen.join('; ')}; translations before ${before.length}, after ${after.length}, unchanged: ${JSON.stringify(after) === JSON.stringify(before)}`);
			expect(after).toEqual(before);
			expect(JSON.stringify(after)).not.toContain('Qoraal been ah');
		}
	);
});
