/**
 * SIGTERM (or SIGINT): adapter-node stops taking connections, lets the requests in flight finish
 * (a survey answer waiting for its group commit, 0024, is one of them: its promise settles when
 * the commit does) and then emits `sveltekit:shutdown`. Here the app's own work is wound up (the
 * outbox worker's pass, the report readers, the database closed cleanly) and the process exits.
 * Whatever happens, it is gone within SHUTDOWN_BUDGET_MS of the signal: adapter-node waits
 * SHUTDOWN_TIMEOUT seconds (30 unless set; `npm run serve` sets 8) before cutting connections.
 */
import { errorFields, log } from './logging';

export const SHUTDOWN_BUDGET_MS = 9_500;

type Step = () => unknown;

/**
 * Runs `steps` in order once adapter-node has finished the requests in flight, then exits 0; exits 1
 * if that has not happened within the budget. Call once, from init.
 */
export function exitGracefully(steps: Step[], budgetMs = SHUTDOWN_BUDGET_MS): void {
	let signalledAt = 0;
	const onSignal = (signal: string) => {
		if (signalledAt) return;
		signalledAt = Date.now();
		log().info({ signal }, 'stopping: no new requests, finishing those in flight');
		setTimeout(() => {
			log().error({ ms: Date.now() - signalledAt }, 'stopping took too long: exiting now');
			process.exit(1);
		}, budgetMs).unref();
	};
	process.once('SIGTERM', () => onSignal('SIGTERM'));
	process.once('SIGINT', () => onSignal('SIGINT'));
	process.once('sveltekit:shutdown', async () => {
		for (const step of steps) {
			try {
				await step();
			} catch (error) {
				log().error(errorFields(error), 'a step of stopping failed');
			}
		}
		log().info({ ms: signalledAt ? Date.now() - signalledAt : 0 }, 'stopped');
		process.exit(0);
	});
}
