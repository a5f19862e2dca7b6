import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id recommendation: 19 MiB memory, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

/** Hashes a password with argon2id; the result is a PHC string holding its own salt and settings. */
export function hashPassword(password: string): Promise<string> {
	// @node-rs/argon2 uses argon2id unless told otherwise.
	return hash(password, OPTIONS);
}

/** Whether `password` matches `passwordHash`. A malformed hash counts as no match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('chorus-dummy-password');
	await verifyPassword(await dummyHash, password);
	return false;
}
