/**
 * Limits on answering surveys, so nobody can guess their way into someone's answers or fill the
 * database with empty drafts. Counted with the throttle (`auth/throttle.ts`: a try is counted
 * before it is checked, the wait doubles after the free tries and always ends).
 *
 * Anonymous means no account, no address and no exact time, so nothing here is stored with a
 * draft or a response. The counts live apart, in `sign_in_throttle`, under keys that cannot be
 * turned back into an address: a SHA-256 of an IPv4 address could be found again by hashing all
 * four billion addresses, so a key keeps only ADDRESS_BUCKET_BITS of the address's hash. About
 * 4,000 IPv4 addresses (and 2^44 IPv6 /64 networks) share each bucket; two real visitors share
 * one in the same hour only by rare chance, and then they share a budget that is generous anyway.
 *
 * The numbers:
 * - Starting a survey: STARTS_PER_HOUR free starts from one address in each clock hour (UTC).
 *   A class of 30 on a school's one address starts 30; three classes in the same hour still
 *   fit. After that each further start waits 30 s, then 1, 2, 4 minutes, never more than 5,
 *   until the next hour starts a fresh count.
 * - Unsent drafts: at most DRAFTS_PER_SURVEY_PER_DAY respondents' drafts of one survey saved on
 *   one day (counted from the drafts themselves, which hold only the day: nothing says who).
 *   A busy area survey gets a few hundred responses on its best day; the benchmark's 6,000
 *   sends in one minute come from drafts made on earlier days.
 * - Receipt codes: RECEIPT_TRIES_PER_ADDRESS_PER_DAY wrong codes from one address a day, then
 *   waits up to 15 minutes; RECEIPT_TRIES_PER_CODE tries of the same code from anywhere, then the
 *   same. A right code gives its try back. Codes have 60 bits, so these are a second line.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { addressKey, type Limit } from '../auth/throttle';
import { hashToken } from '../auth/tokens';

export const STARTS_PER_HOUR = 100;
export const DRAFTS_PER_SURVEY_PER_DAY = 5000;
export const RECEIPT_TRIES_PER_ADDRESS_PER_DAY = 30;
export const RECEIPT_TRIES_PER_CODE = 5;
/** Bits of the address's hash a key keeps (see the top of this file). */
export const ADDRESS_BUCKET_BITS = 20;

const MINUTE = 60_000;

/** The bucket an address falls in: the first ADDRESS_BUCKET_BITS bits of its hash, in hex. */
export function addressBucket(address: string): string {
	const digest = sha256(new TextEncoder().encode(`survey-address:${addressKey(address)}`));
	const hex = encodeHexLowerCase(digest.slice(0, Math.ceil(ADDRESS_BUCKET_BITS / 8)));
	// 20 bits = 5 hex digits
	return hex.slice(0, Math.ceil(ADDRESS_BUCKET_BITS / 4));
}

export const surveyLimits = {
	/** Starts of any survey from one address in one clock hour (the survey is not in the key). */
	start: (address: string, now: Date): Limit => ({
		key: hashToken(`survey-start:${addressBucket(address)}:${now.toISOString().slice(0, 13)}`),
		freeFailures: STARTS_PER_HOUR,
		maxWaitMs: 5 * MINUTE,
		clearOnSuccess: false
	}),
	/** Receipt codes typed from one address in one day (UTC), right or wrong (a right one gives its try back). */
	receiptAddress: (address: string, now: Date): Limit => ({
		key: hashToken(`survey-receipt-address:${addressBucket(address)}:${now.toISOString().slice(0, 10)}`),
		freeFailures: RECEIPT_TRIES_PER_ADDRESS_PER_DAY,
		maxWaitMs: 15 * MINUTE,
		clearOnSuccess: false
	}),
	/** Tries of one code (as normalised) for one survey, from any address. */
	receiptCode: (surveyId: number, normalisedCode: string): Limit => ({
		key: hashToken(`survey-receipt-code:${surveyId}:${normalisedCode}`),
		freeFailures: RECEIPT_TRIES_PER_CODE,
		maxWaitMs: 15 * MINUTE,
		clearOnSuccess: true
	})
};
