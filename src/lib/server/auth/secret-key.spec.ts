import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptSecret, encryptSecret, keyFilePath, parseKey, secretKey } from './secret-key';

describe('the secret key for secrets at rest', () => {
	it('reads CHORUS_SECRET_KEY as base64 or hex, and refuses a key that is not 32 bytes', () => {
		const bytes = Buffer.alloc(32, 9);
		expect(parseKey(bytes.toString('base64'), 'x')).toEqual(bytes);
		expect(parseKey(bytes.toString('hex'), 'x')).toEqual(bytes);
		expect(() => parseKey('too short', 'CHORUS_SECRET_KEY')).toThrow(/32 random bytes/);
		expect(secretKey({ CHORUS_SECRET_KEY: bytes.toString('base64') })).toEqual(bytes);
	});

	it('makes a key file beside the database when none is given, readable only by its owner, and uses it after', () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-key-'));
		const env = { DATABASE_URL: join(dir, 'chorus.db') };
		expect(keyFilePath(env)).toBe(join(dir, 'secret.key'));
		const made = secretKey(env);
		expect(made).toHaveLength(32);
		expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
		expect(parseKey(readFileSync(join(dir, 'secret.key'), 'utf8'), 'file')).toEqual(made);
		// read again (a restart): the same key
		expect(secretKey({ ...env, CHORUS_SECRET_KEY_FILE: join(dir, 'secret.key') })).toEqual(made);
	});

	it('encrypts so that only the same key opens it, and any change is noticed', () => {
		const key = Buffer.alloc(32, 1);
		const plain = new TextEncoder().encode('JBSWY3DPEHPK3PXP');
		const sealed = encryptSecret(plain, key);
		expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
		expect(encryptSecret(plain, key)).not.toBe(sealed); // a fresh IV each time
		expect(decryptSecret(sealed, key)).toEqual(plain);
		expect(decryptSecret(sealed, Buffer.alloc(32, 2))).toBeNull();
		const [v, iv, body, tag] = sealed.split('.');
		const flipped = Buffer.from(body, 'base64url');
		flipped[0] ^= 1;
		expect(decryptSecret([v, iv, flipped.toString('base64url'), tag].join('.'), key)).toBeNull();
		expect(decryptSecret('not sealed', key)).toBeNull();
	});
});
