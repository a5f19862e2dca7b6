/**
 * A browser without JavaScript, as an attacker's script would be: it keeps cookies, posts forms
 * as `application/x-www-form-urlencoded` with this site's Origin (as a real browser does), and
 * never follows redirects on its own, so every answer can be looked at.
 */
export type Answer = { status: number; location: string | null; headers: Headers; text: string };

export class Client {
	private cookies = new Map<string, string>();

	constructor(
		readonly base: string,
		/** Sent as X-Forwarded-For when set (for a server started with ADDRESS_HEADER). */
		private forwardedFor: string | null = null
	) {}

	/** A new client for the same site with no cookies, optionally from another address. */
	fresh(forwardedFor: string | null = this.forwardedFor): Client {
		return new Client(this.base, forwardedFor);
	}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	setCookie(name: string, value: string) {
		this.cookies.set(name, value);
	}

	private headers(extra: Record<string, string> = {}): Record<string, string> {
		// a browser asks for a page (SvelteKit answers a form action with JSON to anything else)
		const headers: Record<string, string> = { accept: 'text/html', ...extra };
		if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		if (this.forwardedFor) headers['x-forwarded-for'] = this.forwardedFor;
		return headers;
	}

	private keep(response: Response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const at = pair.indexOf('=');
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	private async answer(response: Response): Promise<Answer> {
		this.keep(response);
		return { status: response.status, location: response.headers.get('location'), headers: response.headers, text: await response.text() };
	}

	async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
		return this.answer(await fetch(this.base + path, { redirect: 'manual', headers: this.headers(headers) }));
	}

	/** Posts a form (repeated names from arrays) as a browser would, with this site's Origin. */
	async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Answer> {
		const body = new URLSearchParams();
		for (const [name, value] of Object.entries(fields)) {
			for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
		}
		return this.send(path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', ...headers });
	}

	/** Sends a raw body (for oversized posts and other odd requests). */
	async send(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
		const response = await fetch(this.base + path, {
			method: 'POST',
			redirect: 'manual',
			headers: this.headers({ origin: this.base, ...headers }),
			body,
			// @ts-expect-error Node's fetch needs this for a streamed body
			duplex: 'half'
		});
		return this.answer(response);
	}
}
