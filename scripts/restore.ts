// npm run restore -- <target.db> [--timestamp 2026-12-07T03:00:00Z] [--replace]
//
// Restores the database from the Litestream replica named by CHORUS_REPLICA (the latest state, or
// the state at a moment with --timestamp), checks the copy's integrity, and only then puts it at
// <target.db>. It never overwrites a database a process has open (the app must be stopped first),
// and an existing file is only replaced with --replace, after being moved aside (never deleted).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { litestreamBinary } from './serve.js';

function fail(message: string, code = 1): never {
	console.error(message);
	process.exit(code);
}

/** The ids of processes that have `path` (or its WAL) open, from /proc (Linux); empty elsewhere. */
export function processesUsing(path: string): number[] {
	const wanted = new Set([path, `${path}-wal`, `${path}-shm`]);
	const found: number[] = [];
	let pids: string[] = [];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return found;
	}
	for (const pid of pids) {
		try {
			for (const fd of readdirSync(`/proc/${pid}/fd`)) {
				if (wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
					found.push(Number(pid));
					break;
				}
			}
		} catch {
			// gone, or not ours to look at
		}
	}
	return found;
}

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--timestamp');
const at = args.includes('--timestamp') ? args[args.indexOf('--timestamp') + 1] : undefined;
const replace = args.includes('--replace');
const replica = process.env.CHORUS_REPLICA;

if (!target) fail('Usage: npm run restore -- <target.db> [--timestamp 2026-12-07T03:00:00Z] [--replace]', 2);
if (!replica) fail('Set CHORUS_REPLICA to the replica to restore from (file:///path or s3://bucket/path).', 2);
if (at !== undefined && (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(at) || Number.isNaN(Date.parse(at)))) {
	fail(`--timestamp must be a moment in RFC 3339, such as 2026-12-07T03:00:00Z (got ${at ?? 'nothing'}).`, 2);
}
const path = resolve(target);
const users = processesUsing(path);
if (users.length) fail(`${path} is in use by process ${users.join(', ')}: stop the app first. Nothing was changed.`, 3);
if (existsSync(path) && !replace) fail(`${path} exists. Restore to a new file, or add --replace to move it aside first. Nothing was changed.`, 3);

const partial = `${path}.restoring`;
for (const leftOver of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftOver, { force: true });
/**
 * When the newest generation ended (its last change reached the replica), from `litestream
 * generations`. Litestream 0.3.13 finds nothing for a moment after that end ("no matching backups
 * found", its issue #564), though the latest state is exactly the state at that moment.
 */
function replicaEnd(): number | null {
	const listed = spawnSync(litestreamBinary(), ['generations', replica!], { encoding: 'utf8', env: process.env });
	const ends = [...(listed.stdout ?? '').matchAll(/\s(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s*$/gm)].map((m) => Date.parse(m[1]));
	return ends.length ? Math.max(...ends) : null;
}
const end = at ? replicaEnd() : null;
const pointInTime = at && !(end !== null && Date.parse(at) >= end + 1000);
const options = ['restore', '-o', partial, ...(pointInTime ? ['-timestamp', new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')] : []), replica];
const restored = spawnSync(litestreamBinary(), options, { stdio: 'inherit', env: process.env });
if (restored.status !== 0 || !existsSync(partial)) fail(`Litestream could not restore from ${replica} (exit ${restored.status}). Nothing was changed.`);

const check = new Database(partial, { readonly: true, fileMustExist: true });
const ok = check.pragma('integrity_check', { simple: true });
check.close();
if (ok !== 'ok') {
	fail(`The restored copy failed its integrity check (${String(ok).split('\n')[0]}); it is left at ${partial} and ${path} was not changed.`);
}
if (existsSync(path)) {
	const aside = `${path}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	renameSync(path, aside);
	for (const extra of ['-wal', '-shm']) if (existsSync(path + extra)) renameSync(path + extra, aside + extra);
	console.log(`Moved the old database aside to ${aside}.`);
}
renameSync(partial, path);
console.log(`Restored ${path} from ${replica}${at ? ` as it was at ${at}` : ''} (integrity ok). Start the app to use it.`);
