import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { FRESH_CODE_COOKIE, cardPath, freshCode, rememberFreshCode } from './card-cookie';

/** Records what was set, as the browser would keep it. */
function jar() {
	const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
	const cookies = {
		set: (name: string, value: string, options: Record<string, unknown>) => set.push({ name, value, options }),
		get: (name: string) => set.find((c) => c.name === name)?.value
	} as unknown as Cookies;
	return { cookies, set };
}

describe('the new card code cookie', () => {
	it('is sent only to that card page, unreadable by scripts, strict, short-lived', () => {
		const { cookies, set } = jar();
		expect(freshCode(cookies)).toBeNull();
		rememberFreshCode(cookies, 42, 'ABCD2345', false);
		expect(set).toEqual([
			{
				name: FRESH_CODE_COOKIE,
				value: 'ABCD2345',
				options: { path: '/young-people/42/card', httpOnly: true, sameSite: 'strict', secure: false, maxAge: 900 }
			}
		]);
		expect(cardPath(42)).toBe('/young-people/42/card');
		expect(freshCode(cookies)).toBe('ABCD2345');
	});

	it('is Secure when the site is served over https', () => {
		const { cookies, set } = jar();
		rememberFreshCode(cookies, 7, 'ABCD2345', true);
		expect(set[0].options.secure).toBe(true);
	});
});
