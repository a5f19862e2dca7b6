// npm run seed: adds the demo accounts and services that are missing. Safe to run again.
// Demo accounts share a published password, so a site served over https gets them only when
// CHORUS_DEMO=1 says so (the same rule as at start-up: src/lib/server/db/app.ts, demoEnabled).
import { databasePath, demoEnabled } from '../src/lib/server/db/app';
import { createDb } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/seed';

if (!demoEnabled()) {
	console.error('Not adding demo data: this site is served over https (ORIGIN or PROTOCOL_HEADER) or CHORUS_DEMO=0. Set CHORUS_DEMO=1 if you really want it.');
	process.exit(1);
}
const path = databasePath();
const db = createDb(path);
const added = await seedDemo(db);
console.log(
	`Seeded ${path}: added ${added.people} people, ${added.services} services, ${added.boardItems} board items and ${added.feedback} pieces of feedback.`
);
db.$client.close();
