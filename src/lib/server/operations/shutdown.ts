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

/**
 * How long the app goes on taking connections after the signal, answering /readyz with 503
 * "stopping", before adapter-node closes the listening socket. Connections a client opened just
 * before the signal may still wait in the kernel's queue, not yet taken by Node: closing the socket
 * at once resets them (ECONNRESET), and a request sent before the signal would fail (measured: 38 of
 * 60 sent together). A load balancer polling /readyz stops sending new work in this time too.
 */
export const DRAIN_MS = 500;

type Step = () => unknown;

let stoppingSince: number | null = null;

/** Since when the app has been stopping (a signal came), or null. */
export function stopping(): number | null {
	return stoppingSince;
}

/**
 * Runs `steps` in order once adapter-node has finished the requests in flight, then exits 0; exits 1
 * if that has not happened within the budget. Call once, from init.
 */
export function exitGracefully(steps: Step[], budgetMs = SHUTDOWN_BUDGET_MS, drainMs = DRAIN_MS): void {
	const onSignal = (signal: NodeJS.Signals, theirs: ((...args: unknown[]) => void)[]) => {
		if (stoppingSince) return;
		stoppingSince = Date.now();
		log().info({ signal, drainMs }, 'stopping: finishing the requests sent, then closing');
		setTimeout(() => {
			log().error({ ms: Date.now() - stoppingSince! }, 'stopping took too long: exiting now');
			process.exit(1);
		}, budgetMs).unref();
		// then adapter-node's own handler: stop listening, finish what is in flight, emit sveltekit:shutdown
		setTimeout(() => {
			for (const listener of theirs) listener(signal);
			// without adapter-node (vite preview, say) nothing else will end the process
			if (!theirs.length) process.emit('sveltekit:shutdown' as never, signal as never);
		}, drainMs);
	};
	// adapter-node adds its SIGTERM and SIGINT handlers once init has returned and the server listens:
	// on the next turn, they are taken off and called by ours, after the drain
	setImmediate(() => {
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			const theirs = process.listeners(signal) as ((...args: unknown[]) => void)[];
			process.removeAllListeners(signal);
			process.once(signal, () => onSignal(signal, theirs));
		}
	});
	process.once('sveltekit:shutdown' as never, async () => {
		for (const step of steps) {
			try {
				await step();
			} catch (error) {
				log().error(errorFields(error), 'a step of stopping failed');
			}
		}
		log().info({ ms: stoppingSince ? Date.now() - stoppingSince : 0 }, 'stopped');
		process.exit(0);
	});
}
