import type { Handle } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { db, databasePath } from '../db/app';
import { errorFields, log } from './logging';
import { makeMetrics, type Metrics } from './metrics';

let metrics: Metrics | undefined;

/** The app's figures (GET /metrics), made on first use. */
export function appMetrics(): Metrics {
	metrics ??= makeMetrics(db, databasePath());
	return metrics;
}

let lastArrival = 0;

/** When the last request reached the app (performance.now()): the graceful stop waits for a quiet moment. */
export function lastRequestArrived(): number {
	return lastArrival;
}

/** Routes asked every few seconds by machines: logged at debug level, so they do not drown the rest. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * First of the handles: gives each request an id (the `x-request-id` answer header, to find its
 * log line), then counts and times it by route id and writes one log line when it is answered.
 */
export const observeRequests: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	lastArrival = started;
	const reqId = randomUUID();
	const route = event.route.id;
	const method = event.request.method;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		try {
			response.headers.set('x-request-id', reqId);
		} catch {
			// a response with immutable headers (one fetched whole) goes without it
		}
		return response;
	} catch (error) {
		log().error({ reqId, method, route, ...errorFields(error) }, 'request failed');
		throw error;
	} finally {
		const seconds = (performance.now() - started) / 1000;
		appMetrics().request(route, method, status, seconds);
		const line = { reqId, method, route, status, ms: Math.round(seconds * 10000) / 10 };
		if (route && PROBES.has(route)) log().debug(line, 'request');
		else log().info(line, 'request');
	}
};
