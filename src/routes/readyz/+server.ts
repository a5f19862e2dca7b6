import { json } from '@sveltejs/kit';
import { db, databasePath } from '$lib/server/db/app';
import { readiness } from '$lib/server/operations';

/** Whether this node can take real work: 200 when every check passes, 503 with the failing ones named. No personal data. */
export const GET = async () => {
	const result = await readiness(db(), databasePath());
	return json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks }, { status: result.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
