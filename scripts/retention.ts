// npm run retention: deletes or anonymises the personal data kept longer than the area's
// retention settings allow (the same job the server runs every day) and prints what it removed.
// Safe while the app is running: it writes in one short transaction.
import { existsSync } from 'node:fs';
import { databasePath } from '../src/lib/server/db/app';
import { createDb } from '../src/lib/server/db/index';
import { RETENTION_KINDS, runRetention } from '../src/lib/server/retention';

const WORDS: Record<(typeof RETENTION_KINDS)[number], string> = {
	feedbackContacts: 'feedback contact details cleared',
	surveyTexts: 'free-text survey answers emptied',
	flagTexts: 'safeguarding flags emptied of their words',
	profiles: 'inactive profiles emptied',
	shareOpens: 'share-link openings deleted',
	auditEntries: 'audit entries deleted',
	drafts: 'unsent survey drafts deleted',
	unconfirmedSubscriptions: 'email subscriptions never confirmed deleted',
	unconfirmedForumJoins: 'forum joins never confirmed deleted',
	endedForumRepresentatives: 'forum representatives\' records deleted two years after their term'
};

const path = databasePath();
if (!existsSync(path)) {
	console.error(`There is no database at ${path}. Set DATABASE_URL to the database file.`);
	process.exit(1);
}
const db = createDb(path);
try {
	const counts = runRetention(db);
	console.log(`Retention run on ${path}:`);
	for (const kind of RETENTION_KINDS) console.log(`  ${String(counts[kind]).padStart(6)}  ${WORDS[kind]}`);
} finally {
	db.$client.close();
}
