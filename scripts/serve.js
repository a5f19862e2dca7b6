// npm run serve (and npm start after its build): runs the built app as it should run for real.
//
// - `node --max-old-space-size=192 build` (the heap cap, decision 0027), with BODY_SIZE_LIMIT=11M
//   (0007) and SHUTDOWN_TIMEOUT=8 (adapter-node's wait for requests in flight after SIGTERM, so the
//   process is gone within 10 s, 0051) unless they are set.
// - With CHORUS_REPLICA set (file:///path or s3://bucket/path, with LITESTREAM_ACCESS_KEY_ID and
//   LITESTREAM_SECRET_ACCESS_KEY for S3), under `litestream replicate -exec`, so every commit
//   reaches the replica within about a second; a database that is not there yet is first restored
//   from the replica when the replica has one (a new machine starts where the old one stopped).
//   Litestream's metrics listen on a loopback port, named to the app in CHORUS_LITESTREAM_METRICS
//   (GET /readyz and /metrics read the replication state there).
//
// Plain JavaScript, so it starts at once without tsx. Signals are passed on to the child; the exit
// code is the child's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '11M', SHUTDOWN_TIMEOUT: process.env.SHUTDOWN_TIMEOUT ?? '8' };
const app = [process.execPath, '--max-old-space-size=192', 'build'];

/** @returns {string} The Litestream binary that @flydotio/litestream installed for this machine. */
export function litestreamBinary() {
	const found = resolve(root, 'node_modules', '@flydotio', `litestream-${process.platform}-${process.arch}`, 'litestream');
	if (!existsSync(found)) throw new Error(`No Litestream binary for ${process.platform}-${process.arch} at ${found}: run npm install.`);
	return found;
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((done, fail) => {
		const server = createServer();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

/** A shell word for Litestream's -exec (it splits the command the way a shell would). */
const quote = (/** @type {string} */ word) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Litestream's configuration: one database, one replica, metrics on loopback. No secret is written (Litestream reads S3 keys from the environment). */
/**
 * @param {string} database
 * @param {string} replica
 * @param {number} metricsPort
 */
export function litestreamConfig(database, replica, metricsPort) {
	return [
		`addr: 127.0.0.1:${metricsPort}`,
		'dbs:',
		`  - path: ${JSON.stringify(database)}`,
		'    replicas:',
		`      - url: ${JSON.stringify(replica)}`,
		'        sync-interval: 1s',
		''
	].join('\n');
}

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
	const child = spawn(command, args, { env, stdio: 'inherit', cwd: root });
	for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : 1)));
}

if (fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
	if (!env.CHORUS_REPLICA) {
		run(app[0], app.slice(1));
	} else {
		const database = resolve(root, env.DATABASE_URL || './data/chorus.db');
		mkdirSync(dirname(database), { recursive: true });
		const port = await freePort();
		const config = `${database}.litestream.yml`;
		writeFileSync(config, litestreamConfig(database, String(env.CHORUS_REPLICA), port), { mode: 0o600 });
		env.DATABASE_URL = database;
		env.CHORUS_LITESTREAM_METRICS = `http://127.0.0.1:${port}/metrics`;
		const litestream = litestreamBinary();
		if (!existsSync(database)) {
			const restored = spawnSync(litestream, ['restore', '-config', config, '-if-db-not-exists', '-if-replica-exists', database], { env, stdio: 'inherit' });
			if (restored.status !== 0) {
				console.error(`Could not restore ${database} from ${env.CHORUS_REPLICA} (Litestream exit ${restored.status}); nothing was started.`);
				process.exit(restored.status ?? 1);
			}
		}
		run(litestream, ['replicate', '-config', config, '-exec', app.map(quote).join(' ')]);
	}
}
