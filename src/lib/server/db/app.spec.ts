import { describe, expect, it } from 'vitest';
import { demoEnabled } from './app';

describe('demo data is never a way in', () => {
	it('loads on a laptop (no https), never on a site served over https unless asked for', () => {
		expect(demoEnabled({})).toBe(true);
		expect(demoEnabled({ ORIGIN: 'http://localhost:3000' })).toBe(true);
		expect(demoEnabled({ ORIGIN: 'https://chorus.example.gov.uk' })).toBe(false);
		expect(demoEnabled({ ORIGIN: 'HTTPS://chorus.example.gov.uk' })).toBe(false);
		// behind a TLS proxy that says how the browser came in
		expect(demoEnabled({ PROTOCOL_HEADER: 'x-forwarded-proto' })).toBe(false);
		expect(demoEnabled({ ORIGIN: 'https://demo.example.org', CHORUS_DEMO: '1' })).toBe(true);
		expect(demoEnabled({ CHORUS_DEMO: '0' })).toBe(false);
	});
});
