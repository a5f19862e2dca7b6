import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';

/**
 * `next=` values that try to send a person somewhere else once they have signed in (an "open
 * redirect": a link to the real sign-in page that lands on a look-alike site asking for the
 * password again). Sent as they would be in a link, percent-encoded, and some raw.
 */
const PAYLOADS: { value: string; raw?: boolean }[] = [
	{ value: '//evil.x' },
	{ value: '//evil.x', raw: true },
	{ value: '///evil.x' },
	{ value: '/\t/evil.x' },
	{ value: '/\n/evil.x' },
	{ value: '/\\evil.x' },
	{ value: '/\\evil.x', raw: true },
	{ value: '\\\\evil.x' },
	{ value: 'https:evil.x' },
	{ value: 'https://evil.x/login' },
	{ value: '%2F%2Fevil.x' },
	{ value: '%2F%2Fevil.x', raw: true },
	{ value: '/%2F%2Fevil.x' },
	{ value: '/%252F%252Fevil.x' },
	{ value: '/%5Cevil.x' },
	{ value: '/.//evil.x' },
	{ value: '/x/..//evil.x' },
	{ value: 'javascript:alert(document.cookie)' },
	{ value: 'java\tscript:alert(1)' },
	{ value: 'data:text/html,<script>alert(1)</script>' },
	{ value: ' //evil.x' },
	{ value: '//evil.x@127.0.0.1' },
	{ value: '/\u3002/evil.x' },
	{ value: '/my-data\r\nSet-Cookie: taken=1' }
];

/** A browser posting a form asks for a page (without this, SvelteKit answers a script in JSON). */
const BROWSER = { accept: 'text/html,application/xhtml+xml' };

const query = (p: { value: string; raw?: boolean }) => (p.raw ? p.value : encodeURIComponent(p.value));

/** Where a browser goes with this Location, from the sign-in page. */
const destination = (base: string, location: string) => new URL(location, base + '/login');

describe('where signing in sends you (next=)', () => {
	const app = useApp();

	attack(
		`Signing in with next= pointing to another site: ${PAYLOADS.length} ways (//evil.x, /\\t/evil.x, /\\evil.x, https:evil.x, %2F%2Fevil.x, javascript:, dot segments, CRLF...)`,
		'every Location stays on this site (a path, or / when the value is refused)',
		async (observe) => {
			const results: string[] = [];
			const escaped: string[] = [];
			for (const payload of PAYLOADS) {
				const client = new Client(app().url);
				const answer = await client.post(`/login?next=${query(payload)}`, { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER);
				const location = answer.location ?? '(none)';
				results.push(`${JSON.stringify(payload.value)} → ${answer.status} ${location}`);
				if (answer.status !== 303 || !answer.location || destination(app().url, answer.location).origin !== app().url || !answer.location.startsWith('/') || answer.location.startsWith('//')) {
					escaped.push(`${JSON.stringify(payload.value)} → ${answer.status} ${location}`);
				}
			}
			observe(escaped.length ? `left the site: ${escaped.join('; ')}` : `all ${PAYLOADS.length} stayed on this site, e.g. ${results.slice(0, 4).join('; ')}`);
			expect(escaped).toEqual([]);
		},
		120_000
	);

	attack(
		'Already signed in, opening /login?next=<another site> (the page redirects at once)',
		'the Location stays on this site',
		async (observe) => {
			const client = new Client(app().url);
			const signedIn = await client.post('/login', { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER);
			expect(signedIn.status).toBe(303);
			const seen: string[] = [];
			for (const payload of PAYLOADS) {
				const answer = await client.get(`/login?next=${query(payload)}`, BROWSER);
				seen.push(`${answer.status} ${answer.location}`);
				expect(answer.status, JSON.stringify(payload.value)).toBe(303);
				expect(destination(app().url, answer.location!).origin, JSON.stringify(payload.value)).toBe(app().url);
			}
			observe(`${PAYLOADS.length} answers, all to this site: ${[...new Set(seen)].join(', ')}`);
		}
	);

	attack(
		'A real next= of this site, with its query (/my-data?from=link), after signing in',
		'followed as given',
		async (observe) => {
			const client = new Client(app().url);
			const answer = await client.post(`/login?next=${encodeURIComponent('/my-data?from=link')}`, { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER);
			observe(`${answer.status} ${answer.location}`);
			expect(answer.status).toBe(303);
			expect(answer.location).toBe('/my-data?from=link');
		}
	);

	attack(
		'The language switch with returnTo pointing to another site (//evil.x, /\\evil.x)',
		'back to a page of this site',
		async (observe) => {
			const client = new Client(app().url);
			const seen: string[] = [];
			for (const returnTo of ['//evil.x', '/\\evil.x', '/\t/evil.x', 'https:evil.x']) {
				const answer = await client.post('/settings?/language', { locale: 'en', returnTo }, BROWSER);
				seen.push(`${JSON.stringify(returnTo)} → ${answer.status} ${answer.location}`);
				expect(answer.status).toBe(303);
				expect(destination(app().url, answer.location!).origin).toBe(app().url);
			}
			observe(seen.join('; '));
		}
	);
});
