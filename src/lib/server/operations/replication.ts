/**
 * Whether Litestream is replicating the database, and how far behind the replica is.
 *
 * `npm start` / `npm run serve` (scripts/serve.js) run the app under `litestream replicate -exec`
 * when CHORUS_REPLICA is set, with Litestream's own metrics on a loopback port it chose, named in
 * CHORUS_LITESTREAM_METRICS. Reading them is the cheapest honest answer: Litestream itself says
 * how much of the WAL it has read (its shadow WAL) and how much it has written to the replica.
 */

export type ReplicationStatus = {
	/** CHORUS_REPLICA is set. */
	configured: boolean;
	/** Litestream answered and reported no sync errors since the last look. */
	running: boolean;
	/** Bytes read from the WAL and not yet on the replica; null when unknown. */
	lagBytes: number | null;
};

const KEEP_MS = 1_000;
let cached: { at: number; key: string; status: Promise<ReplicationStatus> } | null = null;

/** Litestream's figures, looked up at most once a second (GET /readyz and /metrics both ask). */
export function replicationStatus(env = process.env, now = Date.now()): Promise<ReplicationStatus> {
	const key = `${env.CHORUS_REPLICA ?? ''} ${env.CHORUS_LITESTREAM_METRICS ?? ''}`;
	if (cached && cached.key === key && now - cached.at < KEEP_MS) return cached.status;
	cached = { at: now, key, status: look(env) };
	return cached.status;
}

async function look(env: NodeJS.ProcessEnv): Promise<ReplicationStatus> {
	if (!env.CHORUS_REPLICA) return { configured: false, running: false, lagBytes: null };
	const url = env.CHORUS_LITESTREAM_METRICS;
	// loopback only: the app never fetches from anywhere else
	if (!url || !/^http:\/\/127\.0\.0\.1:\d+\/metrics$/.test(url)) return { configured: true, running: false, lagBytes: null };
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(500) });
		if (!response.ok) return { configured: true, running: false, lagBytes: null };
		return { configured: true, running: true, lagBytes: lagFrom(await response.text()) };
	} catch {
		return { configured: true, running: false, lagBytes: null };
	}
}

/** One figure (the first series of that name) from Prometheus text. */
function value(text: string, name: string): number | null {
	const found = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
	return found ? Number(found[1]) : null;
}

/**
 * The replica's lag in bytes from Litestream's metrics: the shadow WAL's size less the replica's
 * offset when both are on the same WAL index; a whole shadow WAL when the replica is an index behind.
 */
export function lagFrom(text: string): number | null {
	const shadowIndex = value(text, 'litestream_shadow_wal_index');
	const shadowSize = value(text, 'litestream_shadow_wal_size');
	const replicaIndex = value(text, 'litestream_replica_wal_index');
	const replicaOffset = value(text, 'litestream_replica_wal_offset');
	if (shadowIndex === null || shadowSize === null || replicaIndex === null || replicaOffset === null) return null;
	if (replicaIndex < shadowIndex) return shadowSize;
	return Math.max(0, shadowSize - replicaOffset);
}

/** Forgets the last look (tests). */
export function forgetReplicationStatus(): void {
	cached = null;
}
