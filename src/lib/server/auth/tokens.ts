import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A fresh random token: 160 bits (above the 128 required), written in lower-case base32. */
export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The SHA-256 (hex) under which a token is stored: the token itself never is. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A random integer id for rows whose order must not tell when they were written (anonymous
 * survey answers, and every row that shares a sequence with them): an autoincrement id would let
 * anyone with the database put an anonymous answer between named rows. From 2^42 (so it can never
 * be mistaken for a time in ms) to below 2^52 (so it stays exact in JavaScript, with room above
 * for rows a script still numbers itself). Even among a million rows a new id clashes about
 * once in four billion writes; a clash fails that write as a whole, and sending again works.
 */
export function unorderedId(): number {
	const bytes = new Uint32Array(2);
	crypto.getRandomValues(bytes);
	const high = bytes[0] % (2 ** 20 - 2 ** 10); // 2^52 - 2^42 = 2^32 * (2^20 - 2^10)
	return 2 ** 42 + high * 2 ** 32 + bytes[1];
}

/**
 * A random hidden `rowid` (62 bits) for tables with a text or composite key: SQLite numbers their
 * rows in the order written unless told otherwise. The app never reads it back.
 */
export function unorderedRowid(): bigint {
	const bytes = new BigUint64Array(1);
	crypto.getRandomValues(bytes);
	return (bytes[0] >> 2n) + 1n;
}
