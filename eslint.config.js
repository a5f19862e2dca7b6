import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * One home per feature: another feature is used only through its index (`$lib/server/surveys`),
 * never its files (`$lib/server/surveys/results`). Core folders (db, auth, http, seed) and files
 * are open to all. A schema.ts may name another feature's table in a foreign key. Cycles between
 * the parts are checked by scripts/check-cycles.ts.
 */
const FEATURES = 'accounts|audit|board|content|coproduction|forum|meetings|privacy|profiles|reach|reports|retention|safeguarding|services|settings|standards|surveys|translations|operations|yearly';
const INDEX_ONLY = 'Use the feature through its index ($lib/server/<feature>), not its files: see docs/architecture.md';
const deepImport = { regex: `(^\\$lib/|/lib/)server/(${FEATURES})/`, message: INDEX_ONLY };
const deepRelative = { regex: `^\\.\\./(${FEATURES})/`, message: INDEX_ONLY };
const deepRelativeButSchema = { regex: `^\\.\\./(${FEATURES})/(?!schema$)`, message: INDEX_ONLY };

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'src/lib/paraglide/', 'node_modules/', 'test-results/', 'playwright-report/', '.ci-out/', 'data/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript already reports undefined names, better than this rule can.
			'no-undef': 'off',
			// Chorus is served at the root of its own origin (no `paths.base`), so plain hrefs are right.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{ rules: { 'no-restricted-imports': ['error', { patterns: [deepImport] }] } },
	{ files: ['src/lib/server/**'], rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, deepRelative] }] } },
	{ files: ['src/lib/server/*/schema.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, deepRelativeButSchema] }] } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		// No `projectService`: type-aware linting made `npm run lint` take 1.5 minutes of CI, and the
		// types are already checked by svelte-check (`npm run check`). The TypeScript parser still
		// reads the syntax.
		languageOptions: {
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	}
);
