import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Role } from '$lib/roles';
import type { SurveyInput } from '$lib/features/surveys/model';
import { createDb, type Db } from './db';
import { user, userRole } from './db/schema';
import type { Actor } from './permissions';
import { smtpSender, type Send } from './outbox';
import { startSmtpSink, type SmtpSink } from './outbox/testing';

/** A fresh, fully migrated in-memory database for one test. */
export function testDb(): Db {
	return createDb(':memory:');
}

let counter = 0;

/**
 * Adds a person with roles (and optionally a password hash) and returns them as an actor who has
 * just signed in (`verifiedAt` now), as a request from a fresh session would pass them.
 */
export function addPerson(
	db: Db,
	roles: Role[],
	options: { email?: string; name?: string; passwordHash?: string | null } = {}
): NonNullable<Actor> & { email: string; verifiedAt: Date } {
	counter++;
	const email = options.email ?? `person${counter}@example.org`;
	const { id } = db
		.insert(user)
		.values({
			email,
			name: options.name ?? `Person ${counter}`,
			passwordHash: options.passwordHash ?? null,
			createdAt: new Date()
		})
		.returning({ id: user.id })
		.get();
	if (roles.length) db.insert(userRole).values(roles.map((role) => ({ userId: id, role }))).run();
	return { id, roles, email, verifiedAt: new Date() };
}

/** What a call threw: a test of a refusal fails if nothing is thrown. */
export function thrown(call: () => unknown): unknown {
	try {
		call();
	} catch (e) {
		return e;
	}
	throw new Error('nothing was thrown');
}

/**
 * A survey's details for `surveys.create`: open since 2020, anonymous, for everyone, about no
 * service, unless the test says otherwise.
 */
export function surveyDetails(details: Partial<SurveyInput> & { title: string }): SurveyInput {
	return { intro: '', audience: 'both', anonymous: true, opensOn: '2020-01-01', closesOn: null, serviceIds: [], ...details };
}

/**
 * A real SMTP server (outbox/testing.ts) and the outbox's SMTP sender pointed at it, for the specs
 * of one file: started before them, emptied after each, closed after all.
 */
export function useSmtpSink(): { sink: () => SmtpSink; send: Send } {
	let sink: SmtpSink | undefined;
	let sender: ReturnType<typeof smtpSender>;
	beforeAll(async () => {
		sink = await startSmtpSink();
		sender = smtpSender(sink.env);
	});
	afterEach(() => sink?.clear());
	afterAll(async () => {
		sender?.close();
		await sink?.close();
	});
	return { sink: () => sink!, send: (email) => sender!.send(email) };
}
