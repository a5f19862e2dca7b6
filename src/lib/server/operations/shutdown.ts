/**
 * SIGTERM (or SIGINT): adapter-node stops taking connections, lets the requests in flight finish
 * (a survey answer waiting for its group commit, 0024, is one of them: its promise settles when
 * the commit does) and then emits `sveltekit:shutdown`. Here the app's own work is wound up (the
 * outbox worker's pass, the report readers, the database closed cleanly) and the process exits.
 * Whatever happens, it is gone within SHUTDOWN_BUDGET_MS of the signal: adapter-node waits
 * SHUTDOWN_TIMEOUT seconds (30 unless set; `npm run serve` sets 8) before cutting connections.
 */
import { errorFields, log } from './logging';
import { lastRequestArrived } from './requests';

export const SHUTDOWN_BUDGET_MS = 9_500;

/**
 * After the signal the app goes on taking connections, answering /readyz with 503 "stopping",
 * until no request has arrived for QUIET_MS (at least that long, at most DRAIN_MS), and only then
 * lets adapter-node close the listening socket. Connections a client opened just before the signal
 * may still wait in the kernel's queue, not yet taken by Node: closing the socket at once resets
 * them (ECONNRESET), so a request sent before the signal would fail (measured: 38 of 60 sent
 * together). A fixed 500 ms was not enough on a loaded machine (1 of 60 reset at load average 9):
 * waiting for a quiet moment follows the machine's speed. A load balancer polling /readyz stops
 * sending new work meanwhile.
 */
export const QUIET_MS = 300;
export const DRAIN_MS = 3_000;

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
export function exitGracefully(steps: Step[], budgetMs = SHUTDOWN_BUDGET_MS, drainMs = DRAIN_MS, quietMs = QUIET_MS): void {
	const onSignal = (signal: NodeJS.Signals, theirs: ((...args: unknown[]) => void)[]) => {
		if (stoppingSince) return;
		stoppingSince = Date.now();
		log().info({ signal }, 'stopping: finishing the requests sent, then closing');
		setTimeout(() => {
			log().error({ ms: Date.now() - stoppingSince! }, 'stopping took too long: exiting now');
			process.exit(1);
		}, budgetMs).unref();
		// then adapter-node's own handler: stop listening, finish what is in flight, emit sveltekit:shutdown
		const signalled = performance.now();
		const close = () => {
			for (const listener of theirs) listener(signal);
			// without adapter-node (vite preview, say) nothing else will end the process
			if (!theirs.length) process.emit('sveltekit:shutdown' as never, signal as never);
		};
		const waitForQuiet = () => {
			const now = performance.now();
			if (now - Math.max(signalled, lastRequestArrived()) >= quietMs || now - signalled >= drainMs) close();
			else setTimeout(waitForQuiet, 50);
		};
		setTimeout(waitForQuiet, quietMs);
	};
	// adapter-node adds its SIGTERM and SIGINT handlers once init has returned and the server listens:
	// on the next turn, they are taken off and called by ours, after the drain
	setImmediate(() => {
		for (const signal of ['SIGTERM', 'SIGINT'] as const) {
			const theirs = process.listeners(signal) as ((...args: unknown[]) => void)[];
			process.removeAllListeners(signal);
			// `on`, not `once`: a supervisor may signal the whole process group (systemd's default), and the
			// launcher and Litestream pass the signal on too; with no listener left, a second SIGTERM
			// would kill the process at once, in the middle of what it is finishing
			process.on(signal, () => onSignal(signal, theirs));
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
