/**
 * GET /metrics: the app's figures in Prometheus text format (prom-client), for whoever holds
 * CHORUS_METRICS_TOKEN. Labels are route ids and fixed words only: never an address asked for,
 * a person, or anything typed, so the figures hold no personal data and their number stays small.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { statSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db';
import { whenItHappens, type Happening } from '../happenings';
import { backlog } from '../outbox';
import { replicationStatus } from './replication';
import { storageFullSince } from './storage';

/** The methods counted by name; anything else is "other", so a client cannot add labels. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export type Metrics = ReturnType<typeof makeMetrics>;

/**
 * A registry with every figure. `db` and `databasePath` are read when the figures are asked for
 * (backlog, sizes), never on each request. Listens to happenings.ts for the counts features report.
 */
export function makeMetrics(db: () => Db, databasePath: string) {
	const registry = new Registry();
	// process figures, including the event-loop delay (nodejs_eventloop_lag_*), measured every 20 ms
	collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
	const requests = new Counter({ name: 'chorus_http_requests_total', help: 'Requests answered, by route id, method and status', labelNames: ['route', 'method', 'status'], registers: [registry] });
	const duration = new Histogram({
		name: 'chorus_http_request_duration_seconds',
		help: 'Time to answer a request, by route id and method',
		labelNames: ['route', 'method'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});
	const happenings: Record<Happening, Counter> = {
		survey_submitted: new Counter({ name: 'chorus_survey_submissions_total', help: 'Survey responses submitted and stored', registers: [registry] }),
		feedback_sent: new Counter({ name: 'chorus_feedback_total', help: 'Feedback sent through the public form and stored', registers: [registry] }),
		sign_in_failed: new Counter({ name: 'chorus_sign_in_failures_total', help: 'Sign-in tries that failed (password or card)', registers: [registry] }),
		sign_in_held_back: new Counter({ name: 'chorus_sign_in_held_back_total', help: 'Sign-in tries refused because of earlier failures (first in each wait)', registers: [registry] }),
		card_locked: new Counter({ name: 'chorus_card_locks_total', help: 'Young people\'s cards locked after wrong passcodes', registers: [registry] }),
		email_failed: new Counter({ name: 'chorus_outbox_failures_total', help: 'Emails that failed and will be tried again', registers: [registry] }),
		email_given_up: new Counter({ name: 'chorus_outbox_given_up_total', help: 'Emails given up on (dead letters)', registers: [registry] })
	};
	const stopListening = whenItHappens((what, count) => happenings[what].inc(count));
	new Gauge({
		name: 'chorus_outbox_backlog',
		help: 'Events waiting to be expanded and emails waiting to be sent',
		labelNames: ['what'],
		registers: [registry],
		collect() {
			const { events, deliveries } = backlog(db());
			this.set({ what: 'events' }, events);
			this.set({ what: 'emails' }, deliveries);
		}
	});
	new Gauge({
		name: 'chorus_database_bytes',
		help: 'Size of the database file and of its write-ahead log',
		labelNames: ['file'],
		registers: [registry],
		collect() {
			this.set({ file: 'database' }, sizeOf(databasePath));
			this.set({ file: 'wal' }, sizeOf(`${databasePath}-wal`));
		}
	});
	new Gauge({
		name: 'chorus_storage_full',
		help: '1 while the database could not grow at the last try (full disk or page limit), else 0',
		registers: [registry],
		collect() {
			this.set(storageFullSince() === null ? 0 : 1);
		}
	});
	new Gauge({
		name: 'chorus_replication_up',
		help: '1 when Litestream replicates this database and answers, 0 when it is configured and does not; absent when not configured',
		// labelled, so that without a replica there is no series at all (an unlabelled gauge would read 0, "down")
		labelNames: ['replicator'],
		registers: [registry],
		async collect() {
			const status = await replicationStatus();
			if (status.configured) this.set({ replicator: 'litestream' }, status.running ? 1 : 0);
		}
	});
	new Gauge({
		name: 'chorus_replication_lag_bytes',
		help: 'Write-ahead log Litestream has read but not yet written to the replica (0 = caught up)',
		labelNames: ['replicator'],
		registers: [registry],
		async collect() {
			const status = await replicationStatus();
			if (status.lagBytes !== null) this.set({ replicator: 'litestream' }, status.lagBytes);
		}
	});
	const backups = new Counter({ name: 'chorus_backups_total', help: 'Scheduled backups made, by outcome', labelNames: ['outcome'], registers: [registry] });
	const lastBackup = new Gauge({ name: 'chorus_backup_last_success_seconds', help: 'When the last scheduled backup was made and checked (Unix time)', registers: [registry] });

	return {
		registry,
		/** Counts one answered request. */
		request(route: string | null, method: string, status: number, seconds: number) {
			const labels = { route: route ?? 'unmatched', method: METHODS.has(method) ? method : 'other' };
			requests.inc({ ...labels, status: String(status) });
			duration.observe(labels, seconds);
		},
		backup(ok: boolean, at = new Date()) {
			backups.inc({ outcome: ok ? 'ok' : 'failed' });
			if (ok) lastBackup.set(at.getTime() / 1000);
		},
		/** The figures as Prometheus text. */
		text: () => registry.metrics(),
		contentType: registry.contentType,
		/** Stops listening and forgets the figures (tests). */
		close() {
			stopListening();
			registry.clear();
		}
	};
}

function sizeOf(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

/**
 * Whether an Authorization header carries `Bearer <token>`. Compared in constant time (both sides
 * hashed first, so their lengths give nothing away either).
 */
export function bearerMatches(header: string | null, token: string): boolean {
	const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(token).digest();
	return timingSafeEqual(a, b) && given.length > 0;
}
