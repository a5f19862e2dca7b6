/**
 * Content translations (issue 19, decision 0059): only organisers and admins may put words in
 * another language on the public pages. A parent carer and a service lead post translations of a
 * board item (one of the lead's own service, which the lead may follow up), a meeting's easy-read
 * summary and a standard (which the lead may read) straight to the translators' forms.
 */
import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client } from './http';
import { PARENT, openDatabase, signIn } from './people';

const SERVICE_LEAD = 'service.lead@example.org';

describe('content translations', () => {
	const app = useApp();

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
