/**
 * Global set-up of the end-to-end tests (playwright.config.ts) and the security tests
 * (vitest.security.config.ts): the built app seeds one database with the demo data, and every
 * server the tests start then begins on its own copy of it (tests/app-server.ts, decision 0046).
 * The workers inherit the variable that names it. Returns the teardown, which removes it.
 */
import { rm } from 'node:fs/promises';
import { SEEDED_TEMPLATE, makeSeededTemplate } from './app-server';

export default async function globalSetup() {
	const template = await makeSeededTemplate();
	process.env[SEEDED_TEMPLATE] = template;
	return async () => {
		delete process.env[SEEDED_TEMPLATE];
		await rm(template, { recursive: true, force: true });
	};
}
