// npm run create-admin -- <email> [name]: the first admin of a new deployment. Prints a
// one-time link where they choose their password. Set ORIGIN to the site's address.
import * as accounts from '../src/lib/server/accounts';
import { PASSWORD_LINK_LIFETIME_MS } from '../src/lib/server/accounts';
import { DAY_MS } from '../src/lib/time';
import { databasePath } from '../src/lib/server/db/app';
import { createDb } from '../src/lib/server/db/index';

const [email, ...nameParts] = process.argv.slice(2);
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
	console.error('Usage: npm run create-admin -- <email> [name]');
	process.exit(2);
}
const name = nameParts.join(' ').trim() || email.split('@')[0];
const db = createDb(databasePath());
const token = accounts.createAdmin(db, { email, name });
db.$client.close();
const origin = (process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const days = PASSWORD_LINK_LIFETIME_MS.invite / DAY_MS;
console.log(`${email} is an admin. Open this link within ${days} days to choose a password:`);
console.log(`${origin}/set-password/${token}`);
