import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The README's commands run server code under plain Node (tsx), not Vite: a server file that
 * loads a Svelte component or a Vite-only import breaks them while every Vitest spec still passes
 * (`sveltekit-superforms`' main entry once broke `npm run seed` and `npm run retention` this way).
 */
describe('the commands that run server code outside Vite', () => {
	it('seed a fresh database, then remove what retention removes', { timeout: 120_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-commands-'));
		const env = { ...process.env, DATABASE_URL: join(dir, 'chorus.db'), CHORUS_DEMO: '1', CHORUS_SECRET_KEY_FILE: join(dir, 'secret.key') };
		try {
			const seeded = await run('npx', ['tsx', 'scripts/seed.ts'], { env });
			expect(seeded.stdout).toMatch(/Seeded .*: added \d+ people/);
			const retained = await run('npx', ['tsx', 'scripts/retention.ts'], { env });
			expect(retained.stdout).toMatch(/\d/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
