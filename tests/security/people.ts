/**
 * Signing in as the demo accounts over HTTP, as a browser without JavaScript would, for the attacks.
 * The demo admin and safeguarding lead use two-step sign-in with the demo TOTP secret (README); the
 * server takes each 30-second step once, so this file's server gets each step at most once.
 */
import Database from 'better-sqlite3';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../app-server';
import type { Client } from './http';

export const ADMIN = 'admin@example.org';
export const SAFEGUARDING_LEAD = 'safeguarding@example.org';
export const ORGANISER = 'organiser@example.org';
export const SUPPORTER = 'supporter@example.org';
export const PARENT = 'parent@example.org';

const lastStep = new Map<string, number>();

/** The code an app shows for a step of the demo secret. */
export function demoCode(step: number): string {
	return generateHOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), BigInt(step), 6);
}

/** A code for an account that this server has not seen used yet (waits for the next step when needed). */
export async function freshCode(email: string): Promise<string> {
	for (;;) {
		const now = Date.now();
		const current = Math.floor(now / 30_000);
		// the step before only while at least 10 s of this step are left (it is refused after)
		const usable = now % 30_000 < 20_000 ? [current - 1, current, current + 1] : [current, current + 1];
		const step = usable.find((s) => s > (lastStep.get(email) ?? -Infinity));
		if (step !== undefined) {
			lastStep.set(email, step);
			return demoCode(step);
		}
		await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
	}
}

/** Signs the client in (with the code when the account has two-step sign-in). Throws if it does not work. */
export async function signIn(client: Client, email: string, password = DEMO_PASSWORD): Promise<void> {
	const first = await client.post('/login', { email, password });
	if (first.status !== 303) throw new Error(`Sign-in as ${email} answered ${first.status}`);
	if (first.location?.startsWith('/login/code')) {
		const second = await client.post(first.location, { code: await freshCode(email) });
		if (second.status !== 303) throw new Error(`The code for ${email} answered ${second.status}`);
	}
	if (!client.cookie('chorus_session')) throw new Error(`No session after signing in as ${email}`);
}

/** The app's database, opened beside the running server (to look, or to let time pass). */
export function openDatabase(path: string, readonly = true): Database.Database {
	const db = new Database(path, { readonly, fileMustExist: true });
	db.pragma('busy_timeout = 5000');
	return db;
}

/** The id of the person with this email, or of the young person with this name. */
export function userId(db: Database.Database, emailOrName: string): number {
	const row = db.prepare('select id from user where email = ? or (email is null and name = ?)').get(emailOrName, emailOrName) as { id: number } | undefined;
	if (!row) throw new Error(`No such person: ${emailOrName}`);
	return row.id;
}
