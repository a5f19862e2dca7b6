import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressed, shouldCompress } from './compression';

const page = 'A public page. '.repeat(200);
const get = (acceptEncoding: string | null = 'gzip, deflate, br', method = 'GET') =>
	new Request('http://chorus.test/board', { method, headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding } });
const answer = (headers: Record<string, string> = {}, body: string | null = page, status = 200) =>
	new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('what is compressed', () => {
	it('reads Accept-Encoding, q=0 included', () => {
		expect(acceptsGzip('gzip, deflate, br')).toBe(true);
		expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});

	it('compresses a public page, feed or CSV the browser accepts gzip for', () => {
		expect(shouldCompress(get(), answer())).toBe(true);
		expect(shouldCompress(get(), answer({ 'content-type': 'application/rss+xml' }))).toBe(true);
		expect(shouldCompress(get(), answer({ 'content-type': 'text/csv; charset=utf-8' }))).toBe(true);
	});

	it('never compresses an answer that must not be kept: it may hold a secret beside reflected text (BREACH)', () => {
		expect(shouldCompress(get(), answer({ 'cache-control': 'no-store' }))).toBe(false);
		expect(shouldCompress(get(), answer({ 'cache-control': 'private, no-store' }))).toBe(false);
	});

	it('leaves alone what the browser cannot take, what is not text, what is small or already compressed, and HEAD', () => {
		expect(shouldCompress(get(null), answer())).toBe(false);
		expect(shouldCompress(get('identity'), answer())).toBe(false);
		expect(shouldCompress(get(), answer({ 'content-type': 'image/jpeg' }))).toBe(false);
		expect(shouldCompress(get(), answer({ 'content-type': 'application/zip' }))).toBe(false);
		expect(shouldCompress(get(), answer({ 'content-length': '200' }, 'x'.repeat(200)))).toBe(false);
		expect(shouldCompress(get(), answer({ 'content-encoding': 'br' }))).toBe(false);
		expect(shouldCompress(get(), answer({}, null, 204))).toBe(false);
		expect(shouldCompress(get('gzip', 'HEAD'), answer())).toBe(false);
	});

	it('can be turned off for a proxy that compresses', () => {
		expect(shouldCompress(get(), answer(), { CHORUS_COMPRESS: '0' })).toBe(false);
		expect(shouldCompress(get(), answer(), { CHORUS_COMPRESS: '1' })).toBe(true);
	});
});

describe('a compressed answer', () => {
	it('is the same bytes gzipped, with its status and headers, no stale length, and Vary added once', async () => {
		const response = compressed(answer({ 'content-length': String(page.length), vary: 'Cookie', 'x-kept': 'yes' }, page, 404));
		expect(response.status).toBe(404);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toBe('Cookie, Accept-Encoding');
		expect(response.headers.get('x-kept')).toBe('yes');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 10);
		expect(gunzipSync(bytes).toString()).toBe(page);
		expect(compressed(answer({ vary: 'Accept-Encoding' })).headers.get('vary')).toBe('Accept-Encoding');
	});
});
