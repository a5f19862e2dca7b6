/**
 * Heavy read-only queries run off the request thread. better-sqlite3 is synchronous, so a query
 * that scans raw answers for a second would stall every other request (a parent sending a survey
 * included) for that second. Here it runs in a worker thread with its own read-only connection:
 * WAL lets that reader go on while the app writes, and the app's thread only waits on a promise.
 *
 * One worker per database file, started on first use and kept; requests queue in it. The worker's
 * code is inline (no separate file for the bundler to lose) and loads better-sqlite3 from the
 * path this module resolves, so it works the same under Vite, in the built app and in scripts.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, params }) => {
	try {
		let statement = statements.get(sql);
		if (!statement) statements.set(sql, (statement = db.prepare(sql)));
		parentPort.postMessage({ id, rows: statement.all(params) });
	} catch (error) {
		parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) });
	}
});
`;

type Pending = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void };
type Reader = { worker: Worker; pending: Map<number, Pending>; next: number };

const readers = new Map<string, Reader>();

function readerFor(path: string): Reader {
	const reader = readers.get(path);
	if (reader) return reader;
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } });
	const created: Reader = { worker, pending: new Map(), next: 1 };
	worker.on('message', (message: { id: number; rows?: unknown[]; error?: string }) => {
		const waiting = created.pending.get(message.id);
		if (!waiting) return;
		created.pending.delete(message.id);
		if (created.pending.size === 0) worker.unref();
		if (message.error !== undefined) waiting.reject(new Error(message.error));
		else waiting.resolve(message.rows ?? []);
	});
	const fail = (error: Error) => {
		readers.delete(path);
		for (const waiting of created.pending.values()) waiting.reject(error);
		created.pending.clear();
	};
	worker.on('error', fail);
	worker.on('exit', (code) => fail(new Error(`The report reader stopped (exit ${code})`)));
	// An idle reader must not keep the app, a script or a test run alive; one with a query under
	// way must (readInWorker refs it). After the listeners: on Node 20 adding a 'message' listener
	// holds the process open again, and the app then never exited on SIGTERM once the explore page
	// had been used.
	worker.unref();
	readers.set(path, created);
	return created;
}

/**
 * Runs one read-only query on the database file at `path` in the worker. Named parameters are
 * passed as an object (`@start` in the SQL, `{ start }` here). Resolves with the rows.
 */
export function readInWorker<T>(path: string, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
	const reader = readerFor(path);
	const id = reader.next++;
	return new Promise<T[]>((resolve, reject) => {
		if (reader.pending.size === 0) reader.worker.ref();
		reader.pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
		reader.worker.postMessage({ id, sql, params });
	});
}

/** Stops every worker (tests and scripts that want to exit at once). */
export async function closeReaders(): Promise<void> {
	const all = [...readers.values()];
	readers.clear();
	await Promise.all(all.map((r) => r.worker.terminate()));
}
