/**
 * Demo data is a way in (its password is printed in README): a deployment served over https must
 * never get it unless it asks, and while it is present every page says so.
 */
import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';

const BANNER = 'Demo site: do not enter real information.';

describe('a deployment served over https, CHORUS_DEMO not set', () => {
	const ORIGIN = 'https://chorus.example.gov.uk';
	const app = useApp({ env: { ORIGIN, CHORUS_DEMO: '' } });

	attack('Signing in with the demo admin\'s published password on a real deployment', 'no demo accounts exist: refused like any wrong password; no demo banner', async (observe) => {
		const client = new Client(app().url);
		const answer = await client.post('/login', { email: 'admin@example.org', password: DEMO_PASSWORD }, { origin: ORIGIN });
		const home = await client.get('/');
		observe(`sign-in answered ${answer.status}${answer.text.includes('The email or password is not right') ? ' (not right)' : ''}; banner on the home page: ${home.text.includes(BANNER) ? 'yes' : 'no'}`);
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('The email or password is not right');
		expect(home.text).not.toContain(BANNER);
	});
});

describe('a laptop or a demo (demo data asked for)', () => {
	const app = useApp();

	attack('A visitor on a site with demo data', 'every page says "Demo site: do not enter real information"', async (observe) => {
		const client = new Client(app().url);
		const pages = ['/', '/feedback', '/surveys', '/login', '/young-people/sign-in'];
		const shown = [];
		for (const path of pages) if ((await client.get(path)).text.includes(BANNER)) shown.push(path);
		observe(`banner on ${shown.length} of ${pages.length} pages`);
		expect(shown).toEqual(pages);
	});
});
