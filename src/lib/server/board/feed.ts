/**
 * The board's Atom feed: its newest activity, valid Atom 1.0 whatever people typed (every text
 * goes through `xmlText`), ids stable per item, and `xml:lang` saying which language the feed's
 * own words are in (the reader's; what people wrote stays as they wrote it).
 */
import { m } from '$lib/paraglide/messages';
import { statusName } from '$lib/labels';
import type { Db } from '../db';
import { xmlText as escape } from '../xml';
import { listPublic } from './service';

export function atomFeed(db: Db, origin: string, lang: string): string {
	const { items } = listPublic(db, { page: 1 });
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
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escape(lang)}">
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
}
