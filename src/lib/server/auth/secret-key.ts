/**
 * The deployment's secret key, for secrets kept at rest (the two-step sign-in secrets). It comes
 * from CHORUS_SECRET_KEY (32 random bytes, base64 or hex). When that is not set — a laptop's
 * `npm start` — a key file is made on first use beside the database (`data/secret.key`, readable
 * only by its owner) and used from then on. A real deployment sets CHORUS_SECRET_KEY from its
 * secret store and keeps it out of database backups: a stolen backup then holds no usable secret.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const KEY_BYTES = 32;
let cached: { source: string; key: Buffer } | undefined;

/** Reads a key written as base64 or hex; throws a plain message when it is not 32 bytes. */
export function parseKey(text: string, where: string): Buffer {
	const t = text.trim();
	const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
	if (key.length !== KEY_BYTES) {
		throw new Error(`${where} must be ${KEY_BYTES} random bytes written as base64 or hex (for example: openssl rand -base64 32).`);
	}
	return key;
}

/** Where the key file lives when CHORUS_SECRET_KEY is not set. */
export function keyFilePath(env = process.env): string {
	return resolve(env.CHORUS_SECRET_KEY_FILE || join(dirname(env.DATABASE_URL || './data/chorus.db'), 'secret.key'));
}

/** The key: CHORUS_SECRET_KEY, else the key file (made now if missing). Read once per process. */
export function secretKey(env = process.env): Buffer {
	const source = env.CHORUS_SECRET_KEY ? `env:${env.CHORUS_SECRET_KEY}` : keyFilePath(env);
	if (cached?.source === source) return cached.key;
	let key: Buffer;
	if (env.CHORUS_SECRET_KEY) {
		key = parseKey(env.CHORUS_SECRET_KEY, 'CHORUS_SECRET_KEY');
	} else if (existsSync(source)) {
		key = parseKey(readFileSync(source, 'utf8'), source);
	} else {
		key = randomBytes(KEY_BYTES);
		mkdirSync(dirname(source), { recursive: true });
		// 'wx': never overwrite a key another process has just written
		writeFileSync(source, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
		console.log(`Made a new secret key in ${source}. For a real deployment set CHORUS_SECRET_KEY instead (see README, Security).`);
	}
	cached = { source, key };
	return key;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** Encrypts a small secret with AES-256-GCM: "v1.<iv>.<ciphertext>.<tag>", each base64url. */
export function encryptSecret(plain: Uint8Array, key = secretKey()): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return ['v1', b64(iv), b64(body), b64(cipher.getAuthTag())].join('.');
}

/**
 * Decrypts what `encryptSecret` made. Returns null when it was not made with this key or was
 * changed (GCM checks it), so a forged or stale value is simply not accepted.
 */
export function decryptSecret(text: string, key = secretKey()): Uint8Array | null {
	const [version, iv, body, tag] = text.split('.');
	if (version !== 'v1' || !iv || body === undefined || !tag) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
	} catch {
		return null;
	}
}
