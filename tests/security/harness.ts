/**
 * The security suite (`npm run test:security`): every attack the Trust issue names, performed
 * for real, black-box against the built app where the attack is over HTTP. Each test is an
 * `attack`: what is tried, what must happen, and what did happen. The table reporter
 * (./table-reporter.ts) prints them all as one table at the end.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp, type AppServer, type StartOptions } from '../app-server';

declare module 'vitest' {
	interface TaskMeta {
		/** Set by `attack`: read by the table reporter. */
		attack?: { expected: string; observed: string };
	}
}

/** Records what was observed, in words, for the table. Call it before asserting. */
export type Observe = (observed: string) => void;

/**
 * One attack: `name` says what is tried, `expected` what must happen. `run` performs it, calls
 * `observe` with what happened, then asserts: the test fails if the attack works again.
 */
export function attack(name: string, expected: string, run: (observe: Observe) => Promise<void> | void, timeout = 60_000) {
	test(
		name,
		async ({ task }) => {
			task.meta.attack = { expected, observed: '(nothing observed: the attack stopped before it was measured)' };
			await run((observed) => {
				task.meta.attack = { expected, observed };
			});
		},
		timeout
	);
}

/**
 * The built app for the attacks of one file (a describe block or the whole file): started before
 * them on a fresh database with the demo data, stopped after; the file fails if the server printed
 * a secret. Returns a getter, since the server exists only once `beforeAll` has run.
 */
export function useApp(options: StartOptions = {}): () => AppServer {
	let app: AppServer | undefined;
	beforeAll(async () => {
		app = await startApp(options);
	}, 90_000);
	afterAll(async () => {
		const printed = (await app?.stop()) ?? [];
		expect(printed, 'secrets the server printed to its log').toEqual([]);
	}, 30_000);
	return () => {
		if (!app) throw new Error('The app is not started yet');
		return app;
	};
}
