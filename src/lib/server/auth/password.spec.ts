import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
	it('hashes with argon2id and a fresh salt each time', async () => {
		const a = await hashPassword('correct horse battery staple');
		const b = await hashPassword('correct horse battery staple');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct horse');
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('pässwörd with ünïcode 🙂');
		expect(await verifyPassword(stored, 'pässwörd with ünïcode 🙂')).toBe(true);
		expect(await verifyPassword(stored, 'pässwörd with ünïcode')).toBe(false);
		expect(await verifyPassword(stored, '')).toBe(false);
	});

	it('treats a malformed stored hash as no match rather than crashing', async () => {
		expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
	});
});
