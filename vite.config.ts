import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOverrides } from './scripts/paraglide-overrides';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The chosen language lives in a cookie set by the language switch (a plain form),
			// then the browser's preference, then English.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		// uploaded translations take effect without a rebuild (decision 0058)
		paraglideOverrides(),
		sveltekit()
	],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// One module graph per worker, not per file: since each feature is imported through its
		// index, a fresh graph per file cost 40 s of imports (0031). Specs share no state: each
		// makes its own database (testDb), caches are kept per database, and timers and
		// environment are put back after each.
		isolate: false,
		// Vitest's default is one worker fewer than the cores: one, on these 2-core machines, so
		// every file ran after the other. Two workers: units 126 s to 91 s, the security tests
		// (which take this too) 193 s to 126 s (2026-12-07, decision 0031).
		maxWorkers: 2,
		// argon2 hashing and file-backed backups are slow on two cores.
		testTimeout: 20_000,
		// A fixed key for the secrets kept at rest (auth/secret-key.ts), so no test writes a key file.
		env: { CHORUS_SECRET_KEY: 'A2bfPBXR7HBptke7eSSsrYwUkK/bDTcc+49fKxaEal0=' }
	}
});
