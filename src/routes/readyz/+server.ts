import { json } from '@sveltejs/kit';
import { db, databasePath } from '$lib/server/db/app';
import { readiness, stopping } from '$lib/server/operations';

/** Whether this node can take real work: 200 when every check passes, 503 with the failing ones named (or while stopping). No personal data. */
export const GET = async () => {
	const headers = { 'cache-control': 'no-store' };
	if (stopping()) return json({ status: 'stopping' }, { status: 503, headers });
	const result = await readiness(db(), databasePath());
	return json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks }, { status: result.ready ? 200 : 503, headers });
};
