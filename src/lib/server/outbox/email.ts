/**
 * How every email Chorus sends looks: the words a feature gives (EmailContent) laid out once, as
 * plain text and as simple HTML that reads well in any mail program and to a screen reader.
 *
 * No images, no remote anything, no tracking: the HTML is a heading, paragraphs, one link and a
 * footer, with inline styles only (mail programs drop style sheets), large text and a link that
 * is also written out in full in the text version.
 */
import { m } from '$lib/paraglide/messages';
import { textDirection } from '$lib/i18n';
import type { Locale } from '$lib/paraglide/runtime';
import type { EmailContent } from '../contributions';
import { xmlText as escape } from '../xml';

export type RenderedEmail = { subject: string; text: string; html: string };

/**
 * A subscriber's own foot, in place of the feature's "because": why they get it, and the two links
 * every email to a subscriber carries (manage what they follow; stop everything).
 */
export type Footer = { because: string; managePath: string; unsubscribePath: string };

/** The link's full address: a path of this site on `origin`. */
function linkTo(origin: string, path: string): string {
	return new URL(path, origin).href;
}

export function renderEmail(content: EmailContent, origin: string, locale: Locale, footer?: Footer): RenderedEmail {
	const href = content.action ? linkTo(origin, content.action.path) : null;
	const links = (content.links ?? []).map((l) => ({ label: l.label, href: linkTo(origin, l.path) }));
	const signature = m.outbox_signature({}, { locale });
	const because = footer?.because ?? content.because;
	const footLinks = footer
		? [
				{ label: m.outbox_manage_link({}, { locale }), href: linkTo(origin, footer.managePath) },
				{ label: m.outbox_unsubscribe_link({}, { locale }), href: linkTo(origin, footer.unsubscribePath) }
			]
		: [];
	const text = [
		...content.paragraphs,
		...links.map((l) => `- ${l.label}\n  ${l.href}`),
		...(content.action && href ? [`${content.action.label}:\n${href}`] : []),
		[`-- `, because, ...footLinks.map((l) => `${l.label}: ${l.href}`), signature].join('\n')
	].join('\n\n');

	const dir = textDirection(locale);
	const p = (words: string) => `<p style="margin:0 0 1em">${escape(words)}</p>`;
	const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(content.subject)}</title></head>
<body style="margin:0;padding:1.5em;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5">
<div style="max-width:36em">
<h1 style="font-size:1.4em;margin:0 0 1em">${escape(content.subject)}</h1>
${content.paragraphs.map(p).join('\n')}
${links.length ? `<ul style="margin:0 0 1em;padding-inline-start:1.25em">${links.map((l) => `<li style="margin:0 0 0.75em"><a href="${escape(l.href)}" style="color:#1d4f91">${escape(l.label)}</a></li>`).join('')}</ul>` : ''}
${
	content.action && href
		? `<p style="margin:1.5em 0"><a href="${escape(href)}" style="display:inline-block;padding:0.75em 1.25em;background:#1d4f91;color:#ffffff;font-weight:bold;text-decoration:underline">${escape(content.action.label)}</a></p>
<p style="margin:0 0 1em;font-size:16px">${escape(href)}</p>`
		: ''
}
<hr style="border:none;border-top:1px solid #767676;margin:2em 0 1em">
<p style="margin:0 0 1em;font-size:16px">${escape(because)}</p>
${footLinks.map((l) => `<p style="margin:0 0 1em;font-size:16px"><a href="${escape(l.href)}" style="color:#1d4f91">${escape(l.label)}</a></p>`).join('\n')}
<p style="margin:0;font-size:16px">${escape(signature)}</p>
</div>
</body>
</html>`;
	return { subject: content.subject, text, html };
}
