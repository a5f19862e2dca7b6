import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/**
 * Every real tag in the output. After sanitising, a `<` in text is always written `&lt;`, so
 * each `<` starts a tag the browser will build: these are what must be harmless.
 */
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];

/** What a reader sees: the text with tags removed and entities read back. */
const words = (html: string) =>
	html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.trim();

const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr']);

const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };

/** Checks that nothing in the output can run script, load anything or restyle the page. */
function expectHarmless(html: string) {
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toMatch(/<img/i);
	expect(html).not.toMatch(/<iframe/i);
	expect(html).not.toMatch(/<svg/i);
	expect(html).not.toMatch(/<style/i);
	for (const tag of tags(html)) {
		// a whole tag is a name and quoted attributes, nothing else (so nothing broke out of a quote)
		const shape = /^<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>$/.exec(tag);
		expect(shape, `tag ${tag}`).not.toBeNull();
		const [, closing, name, attributes] = shape!;
		expect(ALLOWED.has(name), `tag ${tag}`).toBe(true);
		expect(tag).not.toMatch(/\son\w+\s*=/i);
		expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
		expect(tag).not.toMatch(/\s(style|class|id|src|target)\s*=/i);
		const attrs = [...attributes.matchAll(/([a-z-]+)="([^"]*)"/g)].map(([, n, v]) => [n, v] as const);
		for (const [n] of attrs) expect(ATTRIBUTES[name] ?? [], `attribute ${n} on ${tag}`).toContain(n);
		if (name === 'a' && !closing) {
			expect(Object.fromEntries(attrs)).toMatchObject({ rel: 'noopener noreferrer', href: expect.stringMatching(/^(https?:|mailto:|\/(?!\/)|#)/) });
		}
	}
}

describe('renderMarkdown: raw HTML the author typed is shown as text, never run', () => {
	it.each([
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'<a href="javascript:alert(1)">x</a>',
		'<svg onload=alert(1)>',
		'<iframe src="https://evil.example/"></iframe>',
		'<iframe>',
		'<a href="http://ok" onclick="x">ok</a>',
		'<style>body { display: none }</style>',
		'<a href="&#106;avascript:alert(1)">x</a>',
		'"><script>alert(1)</script>',
		"'><img src=x onerror=alert(1)>",
		'<div>\n<script>alert(1)</script>\n</div>',
		'<p style="position:fixed" class="x" id="y">hi</p>'
	])('%s', (payload) => {
		const html = renderMarkdown(payload);
		expectHarmless(html);
		// the words are still there for the reader, exactly as typed
		expect(words(html).replace(/\s+/g, ' ')).toBe(payload.replace(/\s+/g, ' '));
	});

	it('keeps no tag from raw HTML at all, even inline in a sentence', () => {
		const html = renderMarkdown('Hello <b onclick="x">bold</b> and <em>em</em>');
		expect(html).toBe('<p>Hello &lt;b onclick="x"&gt;bold&lt;/b&gt; and &lt;em&gt;em&lt;/em&gt;</p>');
	});
});

describe('renderMarkdown: Markdown links and images', () => {
	it.each([
		['[x](javascript:alert(1))'],
		['[x](JaVaScRiPt:alert(1))'],
		['[x]( javascript:alert(1))'],
		['[x](<javascript:alert(1)>)'],
		['[x](&#106;avascript:alert(1))'],
		['[x](&#x6A;avascript&#58;alert(1))'],
		['[x](javascript&colon;alert(1))'],
		['[x](data:text/html;base64,PHNjcmlwdD4=)'],
		['[x](data:image/png;base64,AAAA)'],
		['[x](vbscript:msgbox)'],
		['[x](//evil.example/steal)'],
		['[x][r]\n\n[r]: javascript:alert(1)']
	])('drops the address of %s and keeps the words', (payload) => {
		const html = renderMarkdown(payload);
		expectHarmless(html);
		expect(html).not.toMatch(/javascript|vbscript|data:|evil/i);
		expect(html).not.toContain('<a');
		expect(words(html)).toBe('x');
	});

	it('does not make a link of <javascript:...>: it stays words', () => {
		expect(renderMarkdown('<javascript:alert(1)>')).toBe('<p>javascript:alert(1)</p>');
		expect(renderMarkdown('<data:text/html,hi>')).toBe('<p>data:text/html,hi</p>');
	});

	it('never shows an image, only its words', () => {
		for (const payload of ['![x](http://evil.example/x.png)', '![x](javascript:alert(1))', '![alt][i]\n\n[i]: https://evil.example/i.png']) {
			const html = renderMarkdown(payload);
			expectHarmless(html);
			expect(html).not.toContain('evil');
		}
		expect(renderMarkdown('![A photo of the hall](https://evil.example/x.png)')).toBe('<p>A photo of the hall</p>');
	});

	it('cannot break out of an attribute', () => {
		for (const payload of [
			'[x](<https://ok.example/" onmouseover="alert(1)>)',
			'[x](https://ok.example/ "t\\" onclick=\\"alert(1)")',
			'[x](https://ok.example/ \'t" onclick="alert(1)\')',
			'[x](https://ok.example/" onclick="alert(1))',
			'[x](https://ok.example/\'onclick=\'alert(1))',
			'<https://ok.example/"onclick="alert(1)>'
		]) {
			const html = renderMarkdown(payload);
			expectHarmless(html);
			for (const tag of tags(html)) expect(tag).not.toMatch(/\sonclick|\sonmouseover/i);
		}
	});

	it('gives every link rel="noopener noreferrer" and no target, and keeps http, https, mailto and local ones', () => {
		const html = renderMarkdown(
			'See [the plan](https://council.example/plan?a=1&b=2 "The plan"), [email us](mailto:forum@example.org), [our board](/board) and www.example.org.'
		);
		expect(html).toBe(
			'<p>See <a href="https://council.example/plan?a=1&amp;b=2" rel="noopener noreferrer">the plan</a>, ' +
				'<a href="mailto:forum@example.org" rel="noopener noreferrer">email us</a>, ' +
				'<a href="/board" rel="noopener noreferrer">our board</a> and ' +
				'<a href="http://www.example.org" rel="noopener noreferrer">www.example.org</a>.</p>'
		);
		expect(html).not.toContain('target');
		expectHarmless(html);
		expect(renderMarkdown('[plain](http://ok.example)')).toBe('<p><a href="http://ok.example" rel="noopener noreferrer">plain</a></p>');
	});
});

describe('renderMarkdown: what organisers write', () => {
	it('renders lists, emphasis, quotes, code, tables and rules', () => {
		const html = renderMarkdown(
			[
				'We agreed:',
				'',
				'- **Short breaks** survey goes out in May',
				'- _Easy read_ version too',
				'',
				'1. first',
				'2. second',
				'',
				'> You said the forms are too long.',
				'',
				'```js',
				'const x = "<b>";',
				'```',
				'',
				'| Service | Waiting |',
				'| --- | --- |',
				'| SALT | 18 weeks |',
				'',
				'---',
				'',
				'Inline `code <i>` here.'
			].join('\n')
		);
		expectHarmless(html);
		expect(html).toContain('<ul>\n<li><strong>Short breaks</strong> survey goes out in May</li>\n<li><em>Easy read</em> version too</li>\n</ul>');
		expect(html).toContain('<ol>\n<li>first</li>\n<li>second</li>\n</ol>');
		expect(html).toContain('<blockquote>\n<p>You said the forms are too long.</p>\n</blockquote>');
		expect(html).toContain('<pre><code>const x = "&lt;b&gt;";\n</code></pre>'); // no class="language-js"
		expect(html).toContain('<th>Service</th>');
		expect(html).toContain('<td>18 weeks</td>');
		expect(html).toContain('<hr />');
		expect(html).toContain('<code>code &lt;i&gt;</code>');
	});

	it('demotes headings: # to h3, ## and smaller to h4', () => {
		expect(renderMarkdown('# Budget\n\n## Short breaks\n\n### Detail\n\n###### Tiny')).toBe(
			'<h3>Budget</h3>\n<h4>Short breaks</h4>\n<h4>Detail</h4>\n<h4>Tiny</h4>'
		);
		expect(renderMarkdown('Budget\n======\n\nBreaks\n------')).toBe('<h3>Budget</h3>\n<h4>Breaks</h4>');
		expect(renderMarkdown('# *Big* <b>news</b>')).toBe('<h3><em>Big</em> &lt;b&gt;news&lt;/b&gt;</h3>');
	});

	it('keeps words of formatting it does not allow (strikethrough, task boxes are not form fields)', () => {
		const html = renderMarkdown('~~old plan~~ new plan\n\n- [ ] ring the school\n- [x] book the room');
		expectHarmless(html);
		expect(html).toBe('<p>old plan new plan</p>\n<ul>\n<li>[ ] ring the school</li>\n<li>[x] book the room</li>\n</ul>');
	});

	it('keeps Turkish, Urdu and emoji text, and gives nothing for empty notes', () => {
		expect(renderMarkdown('İyi günler — خوش آمدید 👋')).toBe('<p>İyi günler — خوش آمدید 👋</p>');
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown('  \n \n')).toBe('');
	});
});
