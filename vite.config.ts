import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The chosen language lives in a cookie set by the language switch (a plain form),
			// then the browser's preference, then English.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// argon2 hashing and file-backed backups are slow on two cores.
		testTimeout: 20_000,
		// A fixed key for the secrets kept at rest (auth/secret-key.ts), so no test writes a key file.
		env: { CHORUS_SECRET_KEY: 'A2bfPBXR7HBptke7eSSsrYwUkK/bDTcc+49fKxaEal0=' }
	}
});
