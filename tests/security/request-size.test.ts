import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';

/** A browser posting a form asks for a page (without this, SvelteKit answers a script in JSON). */
const BROWSER = { accept: 'text/html,application/xhtml+xml' };
const FORM = { ...BROWSER, 'content-type': 'application/x-www-form-urlencoded' };
const MB = 1024 * 1024;

/** A feedback form post of about `bytes` bytes. */
const feedbackOf = (bytes: number) => Buffer.from(`whatHappened=${'a'.repeat(bytes - 13)}`);

type RawAnswer = { head: string; sentBeforeAnswer: number; closedByServer: boolean; ms: number };

/**
 * Sends a request by hand on its own connection: the headers, then the body a piece at a time, and
 * stops sending as soon as an answer starts to come back. Shows whether the server answers before it
 * has read the body, and how much of the body it took first.
 */
function sendByHand(base: string, head: string, pieces: () => Buffer | null, pauseMs = 0, timeoutMs = 20_000): Promise<RawAnswer> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const socket = connect(Number(port), hostname);
		let answer = '';
		let sent = 0;
		let sentBeforeAnswer = -1;
		let settled = false;
		const finish = (closedByServer: boolean) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			socket.destroy();
			// closed with no answer read: `head` is empty and everything sent counts as sent before it
			if (!answer && !closedByServer) reject(new Error(`no answer (sent ${sent} bytes)`));
			else resolve({ head: answer.split('\r\n\r\n')[0], sentBeforeAnswer: answer ? sentBeforeAnswer : sent, closedByServer, ms: Date.now() - started });
		};
		const timer = setTimeout(() => finish(false), timeoutMs);
		socket.on('data', (chunk) => {
			if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
			answer += chunk.toString('latin1');
		});
		socket.on('end', () => finish(true));
		socket.on('close', () => finish(true));
		socket.on('error', () => finish(true));
		socket.on('connect', async () => {
			socket.write(head);
			for (;;) {
				if (sentBeforeAnswer >= 0 || settled) return;
				const piece = pieces();
				if (!piece) return;
				sent += piece.length;
				if (!socket.write(piece)) await new Promise((r) => socket.once('drain', r));
				// as a real upload comes: otherwise the kernel's socket buffers take megabytes before any answer can
				if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
			}
		});
	});
}

describe('request bodies', () => {
	const app = useApp();
	const origin = () => app().url;

	attack(
		'24 feedback posts of 11 MB each at once (more than the server holds in memory: its heap is capped at 192 MB)',
		'each refused with 413 (or its connection closed) without being read; the server then answers at once and takes normal feedback',
		async (observe) => {
			const body = feedbackOf(11 * 1000 * 1000);
			const client = new Client(origin());
			const started = Date.now();
			const outcomes = await Promise.all(
				Array.from({ length: 24 }, () =>
					client.send('/feedback', body, FORM).then(
						(a) => String(a.status),
						(e: Error) => `closed (${(e.cause as Error | undefined)?.message ?? e.message})`
					)
				)
			);
			const refusedIn = Date.now() - started;
			const counts = Object.entries(outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {}));
			const homeStarted = Date.now();
			const home = await client.get('/');
			const homeMs = Date.now() - homeStarted;
			const normal = await new Client(origin()).post('/feedback', { whatHappened: 'The ramp at the library is fixed, thank you.' }, BROWSER);
			observe(
				`${counts.map(([o, n]) => `${n}× ${o}`).join(', ')} in ${refusedIn} ms; then GET / ${home.status} in ${homeMs} ms; ` +
					`normal feedback ${normal.status} → ${normal.location}`
			);
			expect(outcomes.every((o) => o === '413' || o.startsWith('closed'))).toBe(true);
			expect(outcomes.filter((o) => o === '413').length).toBeGreaterThan(0);
			expect(home.status).toBe(200);
			expect(homeMs).toBeLessThan(10_000);
			expect(normal.status).toBe(303);
			expect(normal.location).toMatch(/^\/feedback\/sent\?ref=FB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		},
		120_000
	);

	attack(
		'A feedback post saying it is 11 MB (Content-Length), with only its first kilobyte sent',
		'413 at once, before the body is read, and the server closes the connection',
		async (observe) => {
			const head =
				`POST /feedback HTTP/1.1\r\nHost: ${new URL(origin()).host}\r\nOrigin: ${origin()}\r\n` +
				`Content-Type: application/x-www-form-urlencoded\r\nAccept: text/html\r\nContent-Length: ${11 * 1000 * 1000}\r\n\r\n`;
			let given = false;
			const answer = await sendByHand(origin(), head, () => (given ? null : ((given = true), Buffer.from('whatHappened=' + 'a'.repeat(1011)))));
			observe(`${answer.head.split('\r\n')[0]} after ${answer.sentBeforeAnswer} bytes of the body, in ${answer.ms} ms; ${answer.closedByServer ? 'connection closed by the server' : 'connection left open'}`);
			expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
			expect(answer.head.toLowerCase()).toContain('connection: close');
			expect(answer.closedByServer).toBe(true);
		}
	);

	attack(
		'A chunked feedback post (no Content-Length) of up to 11 MB, sent 64 KB a millisecond',
		'413 once it passes 64 KB, having read at most about 1 MB of it; connection closed',
		async (observe) => {
			const head =
				`POST /feedback HTTP/1.1\r\nHost: ${new URL(origin()).host}\r\nOrigin: ${origin()}\r\n` +
				`Content-Type: application/x-www-form-urlencoded\r\nAccept: text/html\r\nTransfer-Encoding: chunked\r\n\r\n`;
			const chunk = Buffer.concat([Buffer.from(`10000\r\n`), Buffer.alloc(0x10000, 'a'), Buffer.from('\r\n')]);
			let left = 176; // 11 MB
			const answer = await sendByHand(origin(), head, () => (left-- > 0 ? chunk : null), 1);
			observe(`${answer.head.split('\r\n')[0]} after ${(answer.sentBeforeAnswer / MB).toFixed(1)} MB had been sent (socket buffers included); ${answer.closedByServer ? 'connection closed by the server' : 'connection left open'}`);
			expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
			expect(answer.sentBeforeAnswer).toBeLessThan(11 * MB);
		}
	);

	attack(
		'A 65 KB feedback post from a browser (one kilobyte over the 64 KB a form may send)',
		'413 with the plain "This is too big to send" page in the site\'s layout, nothing saved, not a crash',
		async (observe) => {
			const answer = await new Client(origin()).send('/feedback', feedbackOf(65 * 1024), FORM);
			const heading = answer.text.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];
			observe(`${answer.status} ${answer.headers.get('content-type')}: "${heading}"`);
			expect(answer.status).toBe(413);
			expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
			expect(heading).toBe('This is too big to send');
			expect(answer.text).toContain('<title>This is too big to send');
			expect(answer.text).toContain('class="site-header"');
			expect(answer.headers.get('cache-control')).toBe('no-store');
		}
	);

	attack(
		'The same 65 KB post in Urdu, and from an enhanced form (JavaScript on)',
		'the page in Urdu; the enhanced form gets an action error with status 413 (its form then shows the reason in its error summary)',
		async (observe) => {
			const urdu = new Client(origin());
			urdu.setCookie('PARAGLIDE_LOCALE', 'ur');
			const page = await urdu.send('/feedback', feedbackOf(65 * 1024), FORM);
			const enhanced = await new Client(origin()).send('/feedback', feedbackOf(65 * 1024), {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			});
			observe(`Urdu ${page.status}: "${page.text.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1]}"; enhanced ${enhanced.status}: ${enhanced.text}`);
			expect(page.status).toBe(413);
			expect(page.text).toContain('<h1>یہ بھیجنے کے لیے بہت بڑا ہے</h1>');
			expect(page.text).toContain('dir="rtl"');
			expect(enhanced.status).toBe(413);
			expect(JSON.parse(enhanced.text)).toMatchObject({ type: 'error', error: { code: 'too_big' } });
		}
	);

	attack(
		'Posting a 2 MB "paper" to the meeting paper upload without signing in',
		'413: the large allowance is for signed-in people only',
		async (observe) => {
			const form = new FormData();
			form.append('title', 'Not a paper');
			form.append('file', new File([Buffer.alloc(2 * MB, 'a')], 'x.pdf', { type: 'application/pdf' }));
			const answer = await new Client(origin()).send('/manage/meetings/1/items/1?/upload', form, BROWSER);
			observe(`status ${answer.status}`);
			expect(answer.status).toBe(413);
		}
	);

	attack(
		'A signed-in parent sends a 9 MB "paper" to a published meeting\'s agenda item, slowly (64 KB every 5 ms)',
		'413 before the file is read: the upload allowance is for organisers only, so a parent is held to 64 KB like any form (before, all 9 MB were read, then refused)',
		async (observe) => {
			const organiser = new Client(origin());
			expect((await organiser.post('/login', { email: 'organiser@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			// a meeting the public can read (so reading it is allowed), with an agenda item
			const listed = await new Client(origin()).get('/meetings', BROWSER);
			let itemPath: string | undefined;
			for (const [, id] of listed.text.matchAll(/href="\/meetings\/(\d+)"/g)) {
				itemPath = (await organiser.get(`/manage/meetings/${id}`, BROWSER)).text.match(/href="(\/manage\/meetings\/\d+\/items\/\d+)"/)?.[1];
				if (itemPath) break;
			}
			expect(itemPath, 'a published meeting with an agenda item').toBeTruthy();
			const parent = new Client(origin());
			expect((await parent.post('/login', { email: 'parent@example.org', password: DEMO_PASSWORD }, BROWSER)).status).toBe(303);
			const boundary = 'chorus-paper-boundary';
			const opening = Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nNot a paper\r\n` +
					`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`
			);
			const size = 9 * MB;
			const head =
				`POST ${itemPath}?/upload HTTP/1.1\r\nHost: ${new URL(origin()).host}\r\nOrigin: ${origin()}\r\n` +
				`Cookie: chorus_session=${parent.cookie('chorus_session')}\r\nAccept: text/html\r\n` +
				`Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${size}\r\n\r\n`;
			let sent = 0;
			const answer = await sendByHand(
				origin(),
				head,
				() => {
					if (sent >= size) return null;
					const piece = sent === 0 ? opening : Buffer.alloc(Math.min(64 * 1024, size - sent), 0x20);
					sent += piece.length;
					return piece;
				},
				5
			);
			observe(`${answer.head.split('\r\n')[0] || 'connection closed by the server'} after ${(answer.sentBeforeAnswer / MB).toFixed(1)} MB of the 9 MB had been sent, in ${answer.ms} ms`);
			// The server answers 413 and closes the connection while the upload is still coming. The
			// close can then reach the client as a reset before it has read the answer (the kernel
			// drops what was not read yet; seen once in CI on a busy machine): no page is shown, but
			// the file was still not read, which is what this attack is about.
			if (answer.head) expect(answer.head).toMatch(/^HTTP\/1\.1 413 /);
			else expect(answer.closedByServer).toBe(true);
			// a server that read the whole file first would answer only once all 9 MB had come
			expect(answer.sentBeforeAnswer).toBeLessThan(4 * MB);
		}
	);

	attack(
		'An organiser uploads a 9.5 MB meeting paper, then one of 10.5 MB (over the paper limit), then one of 12 MB',
		'the 9.5 MB paper is saved; 10.5 MB gets the page\'s own "too large" message (400); 12 MB gets 413',
		async (observe) => {
			const organiser = new Client(origin());
			const signedIn = await organiser.post('/login', { email: 'organiser@example.org', password: DEMO_PASSWORD }, BROWSER);
			expect(signedIn.status).toBe(303);
			const meetings = await organiser.get('/manage/meetings', BROWSER);
			const meetingIds = [...meetings.text.matchAll(/href="\/manage\/meetings\/(\d+)"/g)].map((m) => m[1]);
			let itemPath: string | undefined;
			for (const id of meetingIds) {
				const page = await organiser.get(`/manage/meetings/${id}`, BROWSER);
				itemPath = page.text.match(/href="(\/manage\/meetings\/\d+\/items\/\d+)"/)?.[1];
				if (itemPath) break;
			}
			expect(itemPath, 'an agenda item to attach a paper to').toBeTruthy();
			const paper = (bytes: number) => {
				const form = new FormData();
				form.append('title', `Budget report ${bytes}`);
				const pdf = Buffer.alloc(bytes, 0x20);
				pdf.write('%PDF-1.4\n', 0, 'latin1');
				form.append('file', new File([pdf], 'budget.pdf', { type: 'application/pdf' }));
				return form;
			};
			const saved = await organiser.send(`${itemPath}?/upload`, paper(9.5 * MB), BROWSER);
			const tooLargePaper = await organiser.send(`${itemPath}?/upload`, paper(10.5 * MB), BROWSER);
			const tooBig = await organiser.send(`${itemPath}?/upload`, paper(12 * MB), BROWSER).catch(() => ({ status: 'closed', location: null, text: '' }));
			const after = await organiser.get(itemPath!, BROWSER);
			observe(
				`9.5 MB: ${saved.status} → ${saved.location}; 10.5 MB: ${tooLargePaper.status} ` +
					`"${tooLargePaper.text.match(/class="error-message"[^>]*>([^<]*)</)?.[1] ?? ''}"; 12 MB: ${tooBig.status}`
			);
			expect(saved.status).toBe(303);
			expect(saved.location).toMatch(/done=paper_added/);
			expect(after.text).toContain(`Budget report ${9.5 * MB}`);
			expect(tooLargePaper.status).toBe(400);
			expect(tooLargePaper.text).toMatch(/class="error-message"/);
			expect(['413', 413, 'closed']).toContain(tooBig.status);
		},
		120_000
	);
});
