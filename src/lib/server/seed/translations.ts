/**
 * Demo content translations (decision 0059), made the real way: Arabic offered beside the
 * interface languages, so a reader can choose it with the page's words in English; the board item
 * about letters only in English in Arabic, every text; and the published meeting's easy-read
 * summary in Somali, all but its last sentence, so the page shows the note.
 */
import { eq } from 'drizzle-orm';
import { sentenceField } from '$lib/features/content/model';
import type { Db } from '../db';
import { user } from '../db/schema';
import type { Actor } from '../permissions';
import * as board from '../board';
import * as content from '../content';
import * as meetings from '../meetings';
import * as settings from '../settings';

/** The demo item translated into Arabic (board's demo data), and its texts in Arabic in order: you said, easy read, each "we did". */
export const ARABIC_ITEM = 'Letters about EHC plans are only in English.';
const ARABIC = [
	'رسائل خطط التعليم والصحة والرعاية (EHC) باللغة الإنجليزية فقط.',
	'كانت الرسائل باللغة الإنجليزية فقط.',
	'تجري ترجمة الرسائل الرئيسية إلى الأردية والبولندية والرومانية والتركية.',
	'أصبحت الرسائل الأربع الأكثر استخدامًا متاحة الآن بالأردية والبولندية والرومانية والتركية، ويمكن لأي شخص أن يطلب مترجمًا.'
];

/** The demo summary's sentences in Somali, by their English (the last one is left in English). */
const SOMALI: Record<string, string> = {
	'The forum met.': 'Golaha ayaa kulmay.',
	'Parents and services talked together.': 'Waalidiinta iyo adeegyadu way wada hadleen.',
	'Parents want to learn about EHC plans.': 'Waalidiintu waxay rabaan inay wax ka bartaan qorshayaasha EHC.',
	'We will run 2 training evenings.': 'Waxaan qaban doonnaa 2 fiid oo tababar ah.',
	'There will be interpreters.': 'Turjumaano ayaa joogi doona.'
};

/** Adds the demo translations if Arabic is not offered yet. Returns how many texts it translated. */
export function seedTranslationsDemo(db: Db, now = new Date()): number {
	if (content.offeredLanguages(db).includes('ar')) return 0;
	const idOf = (email: string) => db.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id;
	const adminId = idOf('admin@example.org');
	const organiserId = idOf('organiser@example.org');
	if (!adminId || !organiserId) return 0;
	const admin: Actor = { id: adminId, roles: ['admin'] };
	const organiser: Actor = { id: organiserId, roles: ['organiser'] };
	settings.update(db, admin, { contentLanguages: [...content.offeredLanguages(db), 'ar'] }, now);
	let translated = 0;

	const found = board.listPublic(db, { q: 'Letters about EHC plans' }).items.find((i) => i.youSaid === ARABIC_ITEM);
	if (found) {
		const item = board.getItem(db, organiser, found.id);
		const texts = [
			{ subject: 'board_item' as const, subjectId: item.id, field: 'you_said', english: item.youSaid },
			...(item.easyRead ? [{ subject: 'board_item' as const, subjectId: item.id, field: 'easy_read', english: item.easyRead }] : []),
			...item.responses.map((r) => ({ subject: 'board_response' as const, subjectId: r.id, field: 'text', english: r.text }))
		];
		translated += content.saveTranslations(db, organiser, 'ar', texts.map((t, i) => ({ ...t, text: ARABIC[i] ?? '' })), now);
	}

	const past = meetings.listPublic(db, { when: 'past' }, now).meetings.find((m) => m.state === 'minutes_published' && m.easyRead !== '[]');
	if (past) {
		const sentences = meetings.get(db, organiser, past.id).easyReadSentences;
		translated += content.saveTranslations(
			db,
			organiser,
			'so',
			sentences.map((s, i) => ({ subject: 'meeting_easy_read' as const, subjectId: past.id, field: sentenceField(i), english: s.text, text: SOMALI[s.text] ?? '' })),
			now
		);
	}
	return translated;
}
