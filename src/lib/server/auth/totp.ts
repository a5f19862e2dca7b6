/**
 * One-time codes from an authenticator app (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1 as
 * every app expects), with @oslojs/otp as in the Lucia guide, and recovery codes for a lost phone.
 */
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { timingSafeEqual } from 'node:crypto';
import { hashToken } from './tokens';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;

/** A new secret: 20 random bytes (160 bits, as RFC 4226 recommends). */
export function newTotpSecret(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(20));
}

/** The secret as people type it into an app: base32, in groups of four. */
export function secretForTyping(secret: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(secret).match(/.{1,4}/g)!.join(' ');
}

/** The otpauth:// address the QR code holds. */
export function totpUri(accountName: string, secret: Uint8Array): string {
	return createTOTPKeyURI('Chorus', accountName, secret, TOTP_STEP_SECONDS, TOTP_DIGITS);
}

/** The 30-second step a time falls in. */
export function stepAt(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code an app shows for a step (tests and the demo use it; the app never shows one). */
export function totpCode(secret: Uint8Array, step: number): string {
	return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}

/** Only digits: people type spaces ("123 456") and apps show them. */
export function cleanCode(typed: string): string {
	return typed.replace(/[\s-]/g, '');
}

/**
 * The step whose code was typed: the current one or one either side (a phone's clock may be a
 * little out), and only a step after `lastStep`, so a code seen over someone's shoulder or sent
 * twice is good once. Returns null when the code is not right.
 */
export function matchingStep(secret: Uint8Array, typed: string, now: Date, lastStep: number): number | null {
	const code = cleanCode(typed);
	if (!/^\d{6}$/.test(code)) return null;
	const current = stepAt(now);
	for (const step of [current - 1, current, current + 1]) {
		if (step <= lastStep) continue;
		if (timingSafeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(code))) return step;
	}
	return null;
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten new recovery codes, "xxxxx-xxxxx" (about 49 bits each), in the clear: shown once, then only hashes are kept. */
export function newRecoveryCodes(): string[] {
	const limit = 256 - (256 % RECOVERY_ALPHABET.length);
	return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		let code = '';
		while (code.length < 10) {
			for (const b of crypto.getRandomValues(new Uint8Array(16))) {
				if (b < limit && code.length < 10) code += RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length];
			}
		}
		return `${code.slice(0, 5)}-${code.slice(5)}`;
	});
}

/** Whether what was typed looks like a recovery code rather than an app's code. */
export function looksLikeRecoveryCode(typed: string): boolean {
	return cleanCode(typed).length === 10 && !/^\d+$/.test(cleanCode(typed));
}

/** What a recovery code is stored as: case, spaces and the dash do not matter. */
export function recoveryCodeHash(typed: string): string {
	return hashToken(`recovery:${cleanCode(typed).toLowerCase()}`);
}
