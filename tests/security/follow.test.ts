/**
 * Guessing feedback references on /follow, black-box against the built app. A reference shows
 * only where feedback got to, but nobody should be able to walk the list: look-ups are counted per
 * address (board/follow.ts). The server takes the client's address from X-Forwarded-For.
 */
import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client } from './http';

const HTML = { accept: 'text/html' };
const REFERENCE = /class="fb-reference[^"]*">([^<]+)</;

describe('following feedback', () => {
	const app = useApp({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });

	attack(
		'Guess feedback references on /follow: many from one address',
		'after 30 look-ups a day from one address, even the right reference waits (Retry-After) with a plain message; another address is not held up; no page shows the words or contact details',
		async (observe) => {
			const sender = new Client(app().url, '192.0.2.61');
			const sent = await sender.post(
				'/feedback',
				{ whatHappened: 'Nobody answers the phone at the short breaks team. Ravi Zanzibar 07700 900777', service: '', contactName: 'Ravi Zanzibar', contactEmail: 'ravi.z@example.org', contactPhone: '07700 900777', consentToContact: 'on', aboutWho: '', website: '' },
				HTML
			);
			expect(sent.status).toBe(303);
			const thanks = await sender.get(sent.location!);
			const reference = thanks.text.match(REFERENCE)![1].trim();
			const found = await new Client(app().url, '192.0.2.62').get(`/follow?ref=${encodeURIComponent(reference)}`);

			const guesser = new Client(app().url, '198.51.100.61');
			const answers: string[] = [];
			for (let i = 0; i < 30; i++) {
				const page = await guesser.get(`/follow?ref=FB-ZZZZ-${String(2000 + i)}`);
				answers.push(page.text.includes('We could not find feedback with that reference') ? 'not found' : `other ${page.status}`);
			}
			const refused = await guesser.get(`/follow?ref=${encodeURIComponent(reference)}`);
			const waits = refused.text.includes('Too many tries from here today.') && !refused.text.includes('We got it on');
			const elsewhere = await new Client(app().url, '198.51.100.62').get(`/follow?ref=${encodeURIComponent(reference)}`);
			observe(
				`the sender's own reference: ${found.text.includes('We got it on') ? 'found' : 'not found'}; 30 guesses: ${[...new Set(answers)].join(', ')}; the right one from the guesser's address after that: waits ${waits} (Retry-After ${refused.headers.get('retry-after')} s); from another address: ${elsewhere.text.includes('We got it on') ? 'found' : 'not found'}`
			);
			expect(found.text).toContain('We got it on');
			for (const secret of ['Nobody answers', 'Ravi', 'Zanzibar', '07700', 'ravi.z@example.org']) expect(found.text).not.toContain(secret);
			expect(answers.every((a) => a === 'not found')).toBe(true);
			expect(waits).toBe(true);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(elsewhere.text).toContain('We got it on');
		}
	);
});
