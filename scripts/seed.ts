// npm run seed: adds the demo accounts and services that are missing. Safe to run again.
import { databasePath } from '../src/lib/server/db/app';
import { createDb } from '../src/lib/server/db/index';
import { seedDemo } from '../src/lib/server/seed';

const path = databasePath();
const db = createDb(path);
const added = await seedDemo(db);
console.log(
	`Seeded ${path}: added ${added.people} people, ${added.services} services, ${added.boardItems} board items and ${added.feedback} pieces of feedback.`
);
db.$client.close();
