/**
 * A subscriber's links (confirm, manage, unsubscribe) carry `s` (the subscriber's id) and `t`, an
 * HMAC of the id and the subscriber's random `link_nonce` with the server's secret key. Nothing is
 * stored that opens them: a copy of the database alone cannot make one, and removing the
 * subscriber makes every link it was sent dead.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretKey } from '../auth/secret-key';

export function linkToken(subscriberId: number, nonce: string): string {
	return createHmac('sha256', secretKey()).update(`subscriber-link:${subscriberId}:${nonce}`).digest('base64url').slice(0, 32);
}

/** Whether `token` is the one made for this subscriber (in constant time). */
export function tokenMatches(subscriberId: number, nonce: string, token: string): boolean {
	const want = Buffer.from(linkToken(subscriberId, nonce));
	const got = Buffer.from(token);
	return got.length === want.length && timingSafeEqual(got, want);
}

/** A link's `s` and `t`, as a query string. */
export function linkQuery(subscriberId: number, nonce: string): string {
	return `s=${subscriberId}&t=${linkToken(subscriberId, nonce)}`;
}

/** The link's key as the pages read it from `?s=…&t=…`: id and token, or null when malformed. */
export type LinkKey = { id: number; token: string };
export function linkKeyFrom(params: URLSearchParams): LinkKey | null {
	const s = params.get('s') ?? '';
	const t = params.get('t') ?? '';
	if (!/^[1-9][0-9]{0,9}$/.test(s) || !/^[A-Za-z0-9_-]{32}$/.test(t)) return null;
	return { id: Number(s), token: t };
}

export const CONFIRM_PATH = '/subscribe/confirm';
export const MANAGE_PATH = '/subscriptions';
export const UNSUBSCRIBE_PATH = '/unsubscribe';
