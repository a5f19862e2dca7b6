import { json } from '@sveltejs/kit';

/** The process answers. Nothing else is checked: GET /readyz says whether it can take work. */
export const GET = () => json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
