import { describe, expect, it } from 'vitest';
import { isCrossSiteFormPost, servedOverHttps, siteOrigin } from './origin';

const post = (origin: string | null, type = 'application/x-www-form-urlencoded') =>
	new Request('https://chorus.test/login', {
		method: 'POST',
		headers: { 'content-type': type, ...(origin ? { origin } : {}) }
	});
// What adapter-node makes of a plain http request when nothing is configured.
const assumed = new URL('https://localhost:3000/login');

describe('site origin without configuration (npm start)', () => {
	const env = {};
	it('is plain http on the host the browser used, and cookies are not Secure', () => {
		expect(siteOrigin(assumed, env)).toBe('http://localhost:3000');
		expect(servedOverHttps(assumed, env)).toBe(false);
	});
	it('accepts form posts from the same host and refuses other sites', () => {
		expect(isCrossSiteFormPost(post('http://localhost:3000'), assumed, env)).toBe(false);
		expect(isCrossSiteFormPost(post('http://evil.example'), assumed, env)).toBe(true);
		expect(isCrossSiteFormPost(post('http://localhost:3001'), assumed, env)).toBe(true);
		expect(isCrossSiteFormPost(post(null), assumed, env)).toBe(true);
		expect(isCrossSiteFormPost(post('null'), assumed, env)).toBe(true);
	});
	it('leaves JSON and GET requests to other checks', () => {
		expect(isCrossSiteFormPost(post('http://evil.example', 'application/json'), assumed, env)).toBe(false);
		expect(isCrossSiteFormPost(new Request('https://chorus.test/', { headers: { origin: 'http://evil.example' } }), assumed, env)).toBe(false);
	});
});

describe('site origin with ORIGIN set', () => {
	const env = { ORIGIN: 'https://chorus.example.gov.uk' };
	const url = new URL('https://chorus.example.gov.uk/login');
	it('uses the configured https origin, and cookies are Secure', () => {
		expect(siteOrigin(url, env)).toBe('https://chorus.example.gov.uk');
		expect(servedOverHttps(url, env)).toBe(true);
	});
	it('requires the exact origin, protocol included', () => {
		expect(isCrossSiteFormPost(post('https://chorus.example.gov.uk'), url, env)).toBe(false);
		expect(isCrossSiteFormPost(post('http://chorus.example.gov.uk'), url, env)).toBe(true);
	});
});
