/**
 * A real SMTP server for tests (the `smtp-server` package), on a free local port: it takes every
 * email, parses it with `mailparser`, and keeps it. `refuse` makes it answer the next sends with an
 * SMTP error, to test retries and dead letters. Used by specs, the end-to-end fixtures and the bench.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export type SmtpSink = {
	port: number;
	/** Every email taken, parsed, in the order they arrived. */
	received: ParsedMail[];
	/** Answer the next `times` emails with `code` (e.g. 451 "try later", 550 "no such mailbox"). */
	refuse(code: number, times?: number): void;
	/** How many emails arrived since the last `clear` (kept or not). */
	count(): number;
	/** Forgets what arrived so far (and any refusals still to come). */
	clear(): void;
	/** Resolves when `n` emails have arrived since the last `clear` (or rejects after `ms`). */
	waitFor(n: number, ms?: number): Promise<ParsedMail[]>;
	/** Resolves with the first email from index `from` on that `matches` (polling), or rejects after `ms`. */
	find(matches: (mail: ParsedMail) => boolean, options?: { from?: number; ms?: number }): Promise<ParsedMail>;
	/** Resolves once no email has arrived for `ms` (an app's outbox has sent what it had). */
	quiet(ms?: number): Promise<void>;
	/** The environment that points the app's SMTP settings at this server. */
	env: Record<string, string>;
	close(): Promise<void>;
};

export async function startSmtpSink(options: { keep?: boolean } = {}): Promise<SmtpSink> {
	const received: ParsedMail[] = [];
	let refusals: { code: number; times: number } | null = null;
	let count = 0;
	const waiters: { n: number; resolve: () => void }[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			if (refusals && refusals.times > 0) {
				refusals.times--;
				stream.resume();
				stream.on('end', () => callback(Object.assign(new Error('Refused by the test'), { responseCode: refusals!.code })));
				return;
			}
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				count++;
				if (options.keep !== false) received.push(await simpleParser(Buffer.concat(chunks)));
				for (const w of waiters.filter((w) => count >= w.n)) w.resolve();
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		received,
		count: () => count,
		clear() {
			received.length = 0;
			count = 0;
			refusals = null;
		},
		refuse(code, times = 1) {
			refusals = { code, times };
		},
		waitFor(n, ms = 10_000) {
			if (count >= n) return Promise.resolve(received);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`Only ${count} of ${n} emails arrived`)), ms);
				waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(received)) });
			});
		},
		async find(matches, { from = 0, ms = 15_000 } = {}) {
			const deadline = Date.now() + ms;
			for (;;) {
				const found = received.slice(from).find(matches);
				if (found) return found;
				if (Date.now() > deadline) throw new Error(`No matching email among the ${received.length - from} that arrived`);
				await new Promise((r) => setTimeout(r, 100));
			}
		},
		async quiet(ms = 2_000) {
			for (let seen = -1; seen !== count; ) {
				seen = count;
				await new Promise((r) => setTimeout(r, ms));
			}
		},
		env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'chorus@test.invalid' },
		async close() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
