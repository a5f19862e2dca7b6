import { afterEach, describe, expect, it } from 'vitest';
import { testDb } from '../testing';
import { happened } from '../happenings';
import { bearerMatches, makeMetrics, type Metrics } from './metrics';

let metrics: Metrics | undefined;
afterEach(() => metrics?.close());

describe('bearerMatches', () => {
	it('accepts exactly Bearer and the token', () => {
		expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
		expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
	});
	it('refuses a missing, empty, wrong, longer or shorter token, and other schemes', () => {
		for (const header of [null, '', 'Bearer', 'Bearer ', 'Bearer s3cret-tokeN', 'Bearer s3cret-token2', 'Bearer s3cret', 'Basic s3cret-token', 's3cret-token']) {
			expect(bearerMatches(header, 's3cret-token'), String(header)).toBe(false);
		}
	});
});

describe('the figures', () => {
	it('counts requests by route id and method, never by the address asked for', async () => {
		metrics = makeMetrics(testDb, ':memory:');
		metrics.request('/surveys/[surveyId]/answer/[token]', 'POST', 303, 0.012);
		metrics.request(null, 'BREW', 404, 0.001);
		const text = await metrics.text();
		expect(text).toContain('chorus_http_requests_total{route="/surveys/[surveyId]/answer/[token]",method="POST",status="303"} 1');
		expect(text).toContain('chorus_http_requests_total{route="unmatched",method="other",status="404"} 1');
		expect(text).toContain('chorus_http_request_duration_seconds_bucket{le="0.025",route="/surveys/[surveyId]/answer/[token]",method="POST"} 1');
	});

	it('counts what features say happened, and reads the outbox backlog and event-loop delay when asked', async () => {
		const db = testDb();
		metrics = makeMetrics(() => db, ':memory:');
		happened('survey_submitted', 3);
		happened('sign_in_failed');
		happened('card_locked');
		const text = await metrics.text();
		expect(text).toMatch(/^chorus_survey_submissions_total 3$/m);
		expect(text).toMatch(/^chorus_sign_in_failures_total 1$/m);
		expect(text).toMatch(/^chorus_card_locks_total 1$/m);
		expect(text).toMatch(/^chorus_outbox_backlog\{what="emails"\} 0$/m);
		expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
		expect(text).toMatch(/^chorus_database_bytes\{file="wal"\} 0$/m);
		// replication is not configured here: no figure that would read as "down"
		expect(text).not.toMatch(/^chorus_replication_(up|lag_bytes)\{/m);
	});

	it('stops counting once closed', async () => {
		metrics = makeMetrics(testDb, ':memory:');
		metrics.close();
		happened('feedback_sent');
		metrics = makeMetrics(testDb, ':memory:');
		expect(await metrics.text()).toMatch(/^chorus_feedback_total 0$/m);
	});
});
