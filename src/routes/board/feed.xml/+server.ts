import { m } from '$lib/paraglide/messages';
import { statusName } from '$lib/labels';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { siteOrigin } from '$lib/server/origin';
import { xmlText as escape } from '$lib/server/xml';
import type { RequestHandler } from './$types';

/** An Atom feed of the board's newest activity (valid Atom 1.0; ids are stable per item). */
export const GET: RequestHandler = ({ url }) => {
	const { items } = board.listPublic(db(), { page: 1 });
	const origin = siteOrigin(url);
	const updated = items[0]?.lastActivityAt ?? new Date(0);
	const entries = items
		.map((item) => {
			const latest = item.responses.at(-1);
			const summary = `${statusName(item.status)}. ${latest ? `${m.board_we_did()}: ${latest.text}` : m.board_not_yet()}`;
			return `	<entry>
		<id>${origin}/board/${item.id}</id>
		<title>${escape(item.youSaid)}</title>
		<link rel="alternate" type="text/html" href="${origin}/board/${item.id}"/>
		<updated>${new Date(item.lastActivityAt).toISOString()}</updated>
		<summary>${escape(summary)}</summary>
	</entry>`;
		})
		.join('\n');
	const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
	<id>${origin}/board</id>
	<title>${escape(m.board_title())}</title>
	<subtitle>${escape(m.board_intro())}</subtitle>
	<link rel="self" type="application/atom+xml" href="${origin}/board/feed.xml"/>
	<link rel="alternate" type="text/html" href="${origin}/board"/>
	<updated>${new Date(updated).toISOString()}</updated>
	<author><name>${escape(m.site_name())}</name></author>
${entries}
</feed>
`;
	return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
