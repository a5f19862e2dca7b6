import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';

/** A browser posting a form asks for a page (without this, SvelteKit answers a script in JSON). */
const BROWSER = { accept: 'text/html,application/xhtml+xml' };

const noStore = (headers: Headers) => /(^|,)\s*no-store\s*(,|$)/.test(headers.get('cache-control') ?? '');

describe('what browsers and proxies may keep', () => {
	const app = useApp();

	attack(
		'Pages with personal data, signed in (account, my data, young people, a profile and its versions, the feedback queue, survey results and their CSV), looked for in the browser cache afterwards',
		'every one says Cache-Control: no-store',
		async (observe) => {
			const parent = new Client(app().url);
			expect((await parent.post('/login', { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const supporter = new Client(app().url);
			expect((await supporter.post('/login', { email: 'supporter@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const organiser = new Client(app().url);
			expect((await organiser.post('/login', { email: 'organiser@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const alex = (await supporter.get('/young-people', BROWSER)).text.match(/href="\/profiles\/(\d+)"[^>]*>Alex</)?.[1];
			expect(alex, "Alex's profile in the supporter's list").toBeTruthy();
			const pages: [Client, string][] = [
				[parent, '/account'],
				[parent, '/my-data'],
				[parent, '/'],
				[parent, '/board'],
				[supporter, '/young-people'],
				[supporter, `/profiles/${alex}`],
				[supporter, `/profiles/${alex}/versions`],
				[supporter, `/profiles/${alex}/photo.jpg`],
				[organiser, '/manage/feedback'],
				[organiser, '/manage/surveys/1/results'],
				[organiser, '/manage/surveys/1/export.csv']
			];
			const kept: string[] = [];
			const seen: string[] = [];
			for (const [client, path] of pages) {
				const answer = await client.get(path, BROWSER);
				seen.push(`${path} ${answer.status}`);
				if (!noStore(answer.headers)) kept.push(`${path} (${answer.status}, ${answer.headers.get('cache-control') ?? 'no Cache-Control'})`);
			}
			observe(kept.length ? `could be kept: ${kept.join(', ')}` : `no-store on all ${pages.length}: ${seen.join(', ')}`);
			expect(kept).toEqual([]);
		}
	);

	attack(
		'A shared profile link opened without signing in (and its photo), and a survey answering page reached by its link',
		'no-store on each',
		async (observe) => {
			const supporter = new Client(app().url);
			expect((await supporter.post('/login', { email: 'supporter@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const alex = (await supporter.get('/young-people', BROWSER)).text.match(/href="\/profiles\/(\d+)"[^>]*>Alex</)?.[1];
			const made = await supporter.post(`/profiles/${alex}/share?/create`, { label: 'school nurse', days: '7' }, BROWSER);
			const token = made.text.match(/\/shared-profile\/([A-Za-z0-9_-]{20,})/)?.[1];
			expect(token, 'a share link was made').toBeTruthy();
			const visitor = new Client(app().url);
			const shared = await visitor.get(`/shared-profile/${token}`, BROWSER);
			const photo = await visitor.get(`/shared-profile/${token}/photo.jpg`, BROWSER);
			// the first open survey anyone may answer: starting it leads to its answering page
			let answeringPath: string | null = null;
			for (let id = 1; id <= 6 && !answeringPath; id++) {
				const started = await visitor.post(`/surveys/${id}?/start`, { locale: 'en' }, BROWSER);
				if (started.location?.includes('/answer/')) answeringPath = started.location;
			}
			expect(answeringPath, 'an answering page').toBeTruthy();
			const answering = await visitor.get(answeringPath!, BROWSER);
			observe(
				`shared profile ${shared.status} "${shared.headers.get('cache-control')}"; its photo ${photo.status} "${photo.headers.get('cache-control')}"; ` +
					`answering page ${answering.status} "${answering.headers.get('cache-control')}"`
			);
			expect(shared.status).toBe(200);
			expect(noStore(shared.headers)).toBe(true);
			expect(noStore(photo.headers)).toBe(true);
			expect(answering.status).toBe(200);
			expect(noStore(answering.headers)).toBe(true);
		}
	);

	attack(
		'Public pages opened without signing in (home, board, feed, meetings, a survey\'s first page)',
		'no no-store: they may be cached',
		async (observe) => {
			const visitor = new Client(app().url);
			const seen: string[] = [];
			for (const path of ['/', '/board', '/board/feed.xml', '/meetings', '/surveys']) {
				const answer = await visitor.get(path, BROWSER);
				seen.push(`${path} ${answer.status} "${answer.headers.get('cache-control') ?? ''}"`);
				expect(answer.status, path).toBe(200);
				expect(noStore(answer.headers), path).toBe(false);
			}
			observe(seen.join(', '));
		}
	);

	attack(
		'BREACH: pages for someone signed in, and a signed-in look-up that reflects what was typed, asked for with Accept-Encoding: gzip (an attacker measuring compressed lengths to guess what else is on the page)',
		'none of them compressed (they are no-store); a public page is, as the control',
		async (observe) => {
			const parent = new Client(app().url);
			expect((await parent.post('/login', { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const gzip = { ...BROWSER, 'accept-encoding': 'gzip' };
			const compressed: string[] = [];
			for (const path of ['/account', '/my-data', '/', '/board', '/follow?ref=FB-AAAA-AAAA']) {
				const answer = await parent.get(path, gzip);
				if (answer.headers.get('content-encoding')) compressed.push(`${path} (${answer.headers.get('content-encoding')})`);
			}
			const control = await new Client(app().url).get('/board', gzip);
			observe(`compressed while signed in: ${compressed.join(', ') || 'none'}; public /board without a session: ${control.headers.get('content-encoding') ?? 'not compressed'}`);
			expect(compressed).toEqual([]);
			expect(control.headers.get('content-encoding')).toBe('gzip');
		}
	);

	attack(
		'Symbol pictures asked for by paths out of their folder or not in the catalogue (../package.json, an encoded slash, a backslash, another file), and a real one asked for while signed in',
		'404 for every other path; the real picture is an SVG kept for a month with an ETag, even for someone signed in, and 304 when unchanged',
		async (observe) => {
			const visitor = new Client(app().url);
			const tries = ['/symbols/openmoji/..%2F..%2Fpackage.json', '/symbols/openmoji/%2e%2e%2fREADME.md', '/symbols/openmoji/..%5C..%5Cpackage.json', '/symbols/openmoji/FFFFF.svg', '/symbols/openmoji/1f44d.svg', '/symbols/../package.json'];
			const answers: string[] = [];
			for (const path of tries) {
				const answer = await visitor.get(path);
				answers.push(`${path} ${answer.status}`);
				expect(answer.status, path).toBe(404);
				expect(answer.text).not.toContain('"name": "chorus"');
			}
			const parent = new Client(app().url);
			expect((await parent.post('/login', { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const real = await parent.get('/symbols/openmoji/1F44D.svg');
			const etag = real.headers.get('etag') ?? '';
			const again = await parent.get('/symbols/openmoji/1F44D.svg', { 'if-none-match': etag });
			observe(`${answers.join(', ')}; the real one signed in: ${real.status} ${real.headers.get('content-type')}, ${real.headers.get('cache-control')}, ETag ${etag ? 'yes' : 'no'}; again with it: ${again.status}`);
			expect(real.status).toBe(200);
			expect(real.headers.get('content-type')).toBe('image/svg+xml');
			expect(real.text).toMatch(/^\s*<svg[\s>]/);
			expect(real.headers.get('cache-control')).toBe('public, max-age=2592000');
			expect(again.status).toBe(304);
		}
	);

	attack(
		'Strict-Transport-Security on the plain-http app (ORIGIN http://...)',
		'not sent: it would lock browsers out of a site with no https',
		async (observe) => {
			const answer = await new Client(app().url).get('/', BROWSER);
			observe(`Strict-Transport-Security: ${answer.headers.get('strict-transport-security') ?? '(none)'}`);
			expect(answer.headers.get('strict-transport-security')).toBeNull();
		}
	);
});

describe('behind https', () => {
	// As behind a TLS proxy: ORIGIN says https, the app itself still listens on plain http.
	const app = useApp({ env: { ORIGIN: 'https://chorus.example.test' } });

	attack(
		'Strict-Transport-Security when the app is served over https (ORIGIN https://...): home page, sign-in page, a refused cross-site post',
		'max-age=31536000; includeSubDomains on every answer',
		async (observe) => {
			const client = new Client(app().url);
			const home = await client.get('/', BROWSER);
			const login = await client.get('/login', BROWSER);
			const forged = await client.post('/login', { email: 'x', password: 'y' }, { ...BROWSER, origin: 'https://evil.example' });
			observe(`/ ${home.status}: ${home.headers.get('strict-transport-security')}; /login ${login.status}; forged post ${forged.status}: ${forged.headers.get('strict-transport-security')}`);
			for (const answer of [home, login, forged]) expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
			expect(forged.status).toBe(403);
		}
	);
});
