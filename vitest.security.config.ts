import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vite.config';
import SecurityTableReporter from './tests/security/table-reporter';

/**
 * `npm run test:security`: the attacks in tests/security/, against the built app (each file starts
 * its own server on a fresh database) or, where the attack is not over HTTP, against a real
 * migrated in-memory database. The table reporter prints attack, expected and observed.
 */
const config = mergeConfig(
	base,
	defineConfig({
		test: {
			// each file starts its own server and signs its own people in: keep files apart
			isolate: true,
			// one database seeded with the demo data, copied for each file's server (decision 0046)
			globalSetup: ['./tests/global-setup.ts'],
			testTimeout: 60_000,
			hookTimeout: 90_000,
			// the JSON is what .ci/run counts
			reporters: ['default', new SecurityTableReporter(), ['json', { outputFile: '.ci-out/security.json' }]]
		}
	})
);
// mergeConfig would add to the unit tests' list rather than replace it
config.test!.include = ['tests/security/**/*.test.ts'];
export default config;
