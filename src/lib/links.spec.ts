import { describe, expect, it } from 'vitest';
import { signInHref } from './links';

describe('signInHref', () => {
	it('comes back to the page after signing in, the path and query encoded as one value', () => {
		expect(signInHref('/worried')).toBe('/login?next=%2Fworried');
		expect(signInHref('/meetings/12')).toBe('/login?next=%2Fmeetings%2F12');
		expect(signInHref('/profiles/7/add?section=support&x=1')).toBe(`/login?next=${encodeURIComponent('/profiles/7/add?section=support&x=1')}`);
	});

	it('gives a value the sign-in page reads back exactly', () => {
		const path = '/board?q=café & menu#top';
		expect(new URL(signInHref(path), 'http://x.invalid').searchParams.get('next')).toBe(path);
	});
});
