import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/browser';

/**
 * End-to-end tests against the built app (`npx vite build` first). There is no `webServer`
 * block: each worker starts its own `node build` with a fresh database (tests/fixtures.ts).
 * Every test of a flow parents, young people or visitors use runs twice, with JavaScript on and off.
 */
const chromium = {
	...devices['Desktop Chrome'],
	locale: 'en-GB',
	launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }
};

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '*.test.ts',
	// one database seeded with the demo data, copied for each worker's server (decision 0046)
	globalSetup: './tests/global-setup.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	// a test's whole budget: a password change hashes with argon2 several times, and on a busy
	// 2-core machine (CI ran 25 minutes instead of 14 on 2026-12-07) that passed 30 s
	timeout: 60_000,
	expect: { timeout: 5_000 },
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: '.ci-out/playwright.json' }]],
	use: {
		trace: 'off',
		screenshot: 'off'
	},
	projects: [
		{ name: 'js', use: { ...chromium, javaScriptEnabled: true } },
		{
			name: 'no-js',
			use: { ...chromium, javaScriptEnabled: false },
			// Flows only staff use (building surveys, running meetings, services admin, standards)
			// run with JavaScript on: their pages are plain forms enhanced with
			// use:enhance, and CI time goes to the flows parents, young people and visitors use,
			// which all run twice.
			testIgnore: ['**/surveys-build.test.ts', '**/meetings-manage.test.ts', '**/services.test.ts', '**/standards.test.ts', '**/audit.test.ts', '**/translations.test.ts']
		}
	]
});
