import { describe, expect, it } from 'vitest';
import { STRICT_TRANSPORT_SECURITY, keepOutOfCaches, mustNotBeKept, strictTransportSecurity } from './caching';

const asked = (method: string, route: string | null, signedIn = false) => ({
	request: new Request('http://localhost/', { method }),
	route: { id: route },
	locals: { user: signedIn ? { id: 1 } : null }
});

describe('mustNotBeKept', () => {
	it('keeps every answer to someone signed in out of caches, public pages too', () => {
		for (const route of ['/(app)/account', '/my-data', '/profiles/[youngPersonId]', '/board', '/', null]) {
			expect(mustNotBeKept(asked('GET', route, true)), String(route)).toBe(true);
		}
	});

	it('keeps every answer to a form post out of caches: it repeats what was typed', () => {
		expect(mustNotBeKept(asked('POST', '/feedback'))).toBe(true);
		expect(mustNotBeKept(asked('POST', '/login'))).toBe(true);
	});

	it('keeps the pages that show personal data without a session out of caches', () => {
		for (const route of [
			'/shared-profile/[token]',
			'/shared-profile/[token]/photo.jpg',
			'/surveys/[surveyId]/answer/[token]',
			'/surveys/[surveyId]/answer/[token]/[step]',
			'/surveys/[surveyId]/answer/[token]/check',
			'/set-password/[token]',
			'/young-people/sign-in'
		]) {
			expect(mustNotBeKept(asked('GET', route)), route).toBe(true);
		}
	});

	it('lets the symbol pictures be kept even for someone signed in (the same for everyone), but never an answer to a post', () => {
		expect(mustNotBeKept(asked('GET', '/symbols/openmoji/[file]', true))).toBe(false);
		expect(mustNotBeKept(asked('HEAD', '/symbols/openmoji/[file]', true))).toBe(false);
		expect(mustNotBeKept(asked('POST', '/symbols/openmoji/[file]', true))).toBe(true);
		expect(mustNotBeKept(asked('GET', '/symbols/openmoji/[file]/other', true))).toBe(true);
	});

	it('lets public pages be kept', () => {
		for (const route of ['/', '/board', '/board/feed.xml', '/surveys/[surveyId]', '/meetings', '/reports/[reportId]', '/login', '/shared-profiles-of-nobody', null]) {
			expect(mustNotBeKept(asked('GET', route)), String(route)).toBe(false);
		}
	});
});

describe('keepOutOfCaches', () => {
	it('says no-store, replacing any permission to keep', () => {
		for (const before of [null, 'private, max-age=300', 'public, max-age=86400', 'no-cache']) {
			const headers = new Headers(before ? { 'cache-control': before } : {});
			keepOutOfCaches(headers);
			expect(headers.get('cache-control'), String(before)).toBe('no-store');
		}
	});

	it('leaves an answer that already says no-store as it is', () => {
		const headers = new Headers({ 'cache-control': 'private, no-store' });
		keepOutOfCaches(headers);
		expect(headers.get('cache-control')).toBe('private, no-store');
	});
});

describe('strictTransportSecurity', () => {
	const https = new URL('https://chorus.example.gov.uk/');
	it('is sent when the site is configured for https and was reached over it', () => {
		expect(strictTransportSecurity(https, { ORIGIN: 'https://chorus.example.gov.uk' })).toBe(STRICT_TRANSPORT_SECURITY);
		expect(strictTransportSecurity(https, { PROTOCOL_HEADER: 'x-forwarded-proto' })).toBe(STRICT_TRANSPORT_SECURITY);
		expect(STRICT_TRANSPORT_SECURITY).toBe('max-age=31536000; includeSubDomains');
	});

	it('is never sent over plain http, nor when adapter-node only assumes https (no ORIGIN set)', () => {
		expect(strictTransportSecurity(new URL('http://localhost:3000/'), { ORIGIN: 'http://localhost:3000' })).toBeNull();
		expect(strictTransportSecurity(https, {})).toBeNull();
	});
});
