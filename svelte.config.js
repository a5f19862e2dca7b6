import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Asset addresses start at the root (/_app/...), not relative to the page: the "too big to
		// send" page is rendered for /too-big but shown at the address of the form that was refused
		// (src/lib/server/request-limits.ts), so relative addresses would point to the wrong place.
		paths: { relative: false },
		// Every stylesheet goes inside the page (in a <style> the CSP names by hash): on slow mobile
		// data a first visit then waits for one answer, not two (400 ms less on slow 3G), at the
		// cost of about 5 KB (gzip) more on each later page (decision 0052).
		inlineStyleThreshold: 200_000,
		// Kit's own check compares with the https origin adapter-node assumes when ORIGIN is not
		// set, which refuses every form on a plain-http `npm start`. hooks.server.ts makes the
		// same check knowing the real origin (src/lib/server/origin.ts).
		csrf: { trustedOrigins: ['*'] },
		// Every response carries a strict Content Security Policy. Kit adds a nonce or hash for
		// its own inline bootstrap script, so nothing else may run and nothing leaves the origin.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's route announcer (#svelte-announcer) hides itself with this one inline
				// style attribute; allow exactly that value and no other inline style.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'media-src': ['self'],
				'form-action': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
