import { describe, expect } from 'vitest';
import { attack, useApp } from './harness';
import { Client } from './http';

describe('forged requests', () => {
	const app = useApp();

	attack('A form post from another site (cross-site request forgery) to sign in', 'refused with 403 before any form runs', async (observe) => {
		const client = new Client(app().url);
		const answer = await client.post('/login', { email: 'admin@example.org', password: 'x' }, { origin: 'https://evil.example' });
		observe(`status ${answer.status}`);
		expect(answer.status).toBe(403);
	});

	attack('A form post with no Origin header at all', 'refused with 403', async (observe) => {
		const answer = await fetch(app().url + '/feedback', {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'text=hello'
		});
		observe(`status ${answer.status}`);
		expect(answer.status).toBe(403);
	});
});
