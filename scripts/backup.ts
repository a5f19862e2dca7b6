// npm run backup -- <file>: writes a consistent online backup of the database, even while the
// app is running and writing. Restore by stopping the app and putting the file in place of
// DATABASE_URL (or pointing DATABASE_URL at it).
import { existsSync } from 'node:fs';
import { databasePath } from '../src/lib/server/db/app';
import { backupDatabase } from '../src/lib/server/db/backup';
import { createDb } from '../src/lib/server/db/index';

const target = process.argv[2];
if (!target) {
	console.error('Usage: npm run backup -- <backup file>');
	process.exit(2);
}
const source = databasePath();
if (!existsSync(source)) {
	console.error(`There is no database at ${source}. Set DATABASE_URL to the database file.`);
	process.exit(1);
}
const db = createDb(source);
const pages = await backupDatabase(db.$client, target);
const check = createDb(target);
const ok = check.$client.pragma('integrity_check', { simple: true });
check.$client.close();
db.$client.close();
if (ok !== 'ok') {
	console.error(`The backup at ${target} failed its integrity check: ${ok}`);
	process.exit(1);
}
console.log(`Backed up ${source} to ${target} (${pages} pages, integrity ok).`);
