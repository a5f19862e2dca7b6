import { describe, expect, it } from 'vitest';
import { forgetReplicationStatus, lagFrom, replicationStatus } from './replication';

const metrics = (shadowIndex: number, shadowSize: number, replicaIndex: number, replicaOffset: number) => `# HELP litestream_shadow_wal_index The current index of the shadow WAL
litestream_shadow_wal_index{db="/data/chorus.db"} ${shadowIndex}
litestream_shadow_wal_size{db="/data/chorus.db"} ${shadowSize}
litestream_replica_wal_index{db="/data/chorus.db",name="file"} ${replicaIndex}
litestream_replica_wal_offset{db="/data/chorus.db",name="file"} ${replicaOffset}
`;

describe('lagFrom', () => {
	it('is what Litestream has read from the WAL and not yet written to the replica', () => {
		expect(lagFrom(metrics(3, 428512, 3, 428512))).toBe(0);
		expect(lagFrom(metrics(3, 428512, 3, 16512))).toBe(412000);
		expect(lagFrom(metrics(4, 8000, 3, 428512))).toBe(8000);
	});
	it('is unknown when a figure is missing', () => {
		expect(lagFrom('litestream_shadow_wal_index{db="x"} 1\n')).toBeNull();
	});
});

describe('replicationStatus', () => {
	it('is not configured without CHORUS_REPLICA', async () => {
		forgetReplicationStatus();
		expect(await replicationStatus({}, 0)).toEqual({ configured: false, running: false, lagBytes: null });
	});
	it('is not running when CHORUS_REPLICA is set but Litestream does not answer, and never asks anywhere but loopback', async () => {
		forgetReplicationStatus();
		expect(await replicationStatus({ CHORUS_REPLICA: 'file:///tmp/r', CHORUS_LITESTREAM_METRICS: 'http://example.org/metrics' }, 0)).toEqual({ configured: true, running: false, lagBytes: null });
		forgetReplicationStatus();
		expect((await replicationStatus({ CHORUS_REPLICA: 'file:///tmp/r', CHORUS_LITESTREAM_METRICS: 'http://127.0.0.1:1/metrics' }, 0)).running).toBe(false);
		forgetReplicationStatus();
	});
});
