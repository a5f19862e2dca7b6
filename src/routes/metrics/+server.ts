import { error } from '@sveltejs/kit';
import { appMetrics, bearerMatches } from '$lib/server/operations';

/**
 * The figures in Prometheus text format, only for `Authorization: Bearer $CHORUS_METRICS_TOKEN`.
 * Without the variable the page does not exist (404); a missing or wrong token gets 401.
 */
export const GET = async ({ request }) => {
	const token = process.env.CHORUS_METRICS_TOKEN;
	if (!token) error(404, 'Not Found');
	if (!bearerMatches(request.headers.get('authorization'), token)) {
		return new Response('A bearer token is needed.\n', { status: 401, headers: { 'www-authenticate': 'Bearer', 'content-type': 'text/plain', 'cache-control': 'no-store' } });
	}
	const metrics = appMetrics();
	return new Response(await metrics.text(), { headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' } });
};
