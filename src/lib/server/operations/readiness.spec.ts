import { afterEach, describe, expect, it } from 'vitest';
import { testDb, addPerson } from '../testing';
import { emit } from '../outbox';
import { outboxDelivery, outboxEvent } from '../db/schema';
import { readiness, OUTBOX_STUCK_MS } from './readiness';
import { storageFullSince, storageHasRoom } from './storage';

afterEach(() => storageHasRoom());

const here = './data/readiness-spec.db';
const quiet = { CHORUS_MIN_FREE_MB: '0' } as NodeJS.ProcessEnv;

describe('readiness', () => {
	it('is ready on a migrated database that can be written, without a replica or SMTP', async () => {
		const result = await readiness(testDb(), here, new Date(), quiet);
		expect(result.ready).toBe(true);
		expect(result.checks).toMatchObject({
			database: { ok: true, state: 'migrated' },
			write: { ok: true },
			replication: { ok: true, state: 'not configured' },
			outbox: { ok: true },
			disk: { ok: true }
		});
	});

	it('leaves nothing behind from its write', async () => {
		const db = testDb();
		await readiness(db, here, new Date(), quiet);
		expect(db.$client.prepare('select count(*) from operations_probe').pluck().get()).toBe(0);
	});

	it('says the database is full when it cannot grow, and ready again once there is room', async () => {
		const db = testDb();
		const pages = db.$client.pragma('page_count', { simple: true }) as number;
		db.$client.pragma(`max_page_count = ${pages}`);
		const full = await readiness(db, here, new Date(), quiet);
		expect(full.ready).toBe(false);
		expect(full.checks.write).toEqual({ ok: false, state: 'full' });
		expect(full.checks.disk).toEqual({ ok: false, state: 'database full' });
		expect(storageFullSince()).not.toBeNull();
		db.$client.pragma(`max_page_count = ${pages + 1000}`);
		const again = await readiness(db, here, new Date(), quiet);
		expect(again.ready).toBe(true);
		expect(storageFullSince()).toBeNull();
	});

	it('is not ready when free disk space is under the threshold', async () => {
		const result = await readiness(testDb(), here, new Date(), { CHORUS_MIN_FREE_MB: String(1024 * 1024 * 1024) });
		expect(result.ready).toBe(false);
		expect(result.checks.disk.ok).toBe(false);
		expect(result.checks.disk.state).toMatch(/^\d+ MB free$/);
	});

	it('is not ready when replication is configured and Litestream does not answer', async () => {
		const result = await readiness(testDb(), here, new Date(), { ...quiet, CHORUS_REPLICA: 'file:///nowhere', CHORUS_LITESTREAM_METRICS: 'http://127.0.0.1:1/metrics' });
		expect(result.checks.replication).toEqual({ ok: false, state: 'not running' });
		expect(result.ready).toBe(false);
	});

	it('calls the outbox stuck when an email has been due for too long while SMTP is set up, and names no one', async () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer'], { email: 'someone.private@example.org', name: 'Private Person' });
		const now = new Date('2026-12-07T10:00:00Z');
		emit(db, 'board.test', 1, now);
		const eventId = db.select({ id: outboxEvent.id }).from(outboxEvent).get()!.id;
		db.insert(outboxDelivery).values({ eventId, userId: person.id, nextTryAt: new Date(now.getTime() - OUTBOX_STUCK_MS - 60_000) }).run();
		const smtp = { ...quiet, SMTP_HOST: 'mail.example.org' };
		const stuck = await readiness(db, here, now, smtp);
		expect(stuck.checks.outbox).toEqual({ ok: false, state: 'stuck for 16 min' });
		expect(stuck.ready).toBe(false);
		const text = JSON.stringify(stuck);
		expect(text).not.toContain('someone.private');
		expect(text).not.toContain('Private Person');
		// without SMTP, emails wait on purpose: not stuck
		expect((await readiness(db, here, now, quiet)).checks.outbox.ok).toBe(true);
	});
});
