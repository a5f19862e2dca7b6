import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { siteOrigin } from '$lib/server/origin';
import type { RequestHandler } from './$types';

/** An Atom feed of the board's newest activity (src/lib/server/board/feed.ts). */
export const GET: RequestHandler = ({ url }) =>
	new Response(board.atomFeed(db(), siteOrigin(url), getLocale()), { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
