/**
 * Minutes' notes: Markdown written by organisers, shown to everyone as HTML. Two locks, so one
 * mistake is not enough for a script to reach a reader: marked never passes HTML the author typed
 * through (it is shown as text), and sanitize-html then keeps only the tags and link schemes below.
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

const escapeHtml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const marked = new Marked({
	gfm: true,
	breaks: false,
	async: false,
	renderer: {
		/** HTML the author typed is shown as they typed it, never run. */
		html({ text, block }: Tokens.HTML | Tokens.Tag) {
			return block ? `<p>${escapeHtml(text.trim())}</p>\n` : escapeHtml(text);
		},
		/** The page already has h1 and h2: `#` becomes h3, `##` and deeper h4. */
		heading({ tokens, depth }: Tokens.Heading) {
			const level = Math.min(depth + 2, 4);
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		},
		/** No images: they would fetch from other sites. Their words stay. */
		image({ text }: Tokens.Image) {
			return escapeHtml(text);
		},
		/** Task boxes would be form fields: show them as the author typed them. */
		checkbox({ checked }: Tokens.Checkbox) {
			return checked ? '[x] ' : '[ ] ';
		}
	}
});

const SANITIZE: sanitizeHtml.IOptions = {
	allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'],
	allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: {},
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	// Whatever is not allowed goes, its words kept (script and style go with their content).
	disallowedTagsMode: 'discard',
	transformTags: {
		// Every link, whatever the author wrote: the linked page gets no handle on this one.
		a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } })
	},
	// A link whose address was refused would otherwise stay as a dead <a>: keep just its words.
	exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false)
};

/** Renders minutes' notes (Markdown) to HTML that is safe to put in a page with {@html}. */
export function renderMarkdown(text: string): string {
	if (!text.trim()) return '';
	const html = marked.parse(text, { async: false });
	return sanitizeHtml(html, SANITIZE).trim();
}
