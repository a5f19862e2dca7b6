import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { thrown } from '../testing';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { signInPath } from '../http';
import { attempt, forPage } from './pages';

const url = new URL('http://localhost/profiles/7/add?section=support&/add=');

describe('profile pages on the server', () => {
	it('comes back to the same page after signing in, without the form action', () => {
		expect(signInPath(url)).toBe(`/login?next=${encodeURIComponent('/profiles/7/add?section=support')}`);
		expect(signInPath(new URL('http://localhost/profiles/7?/review'))).toBe('/login?next=%2Fprofiles%2F7');
	});

	it('passes on what the service returns', () => {
		expect(forPage({ id: 1, roles: ['young_person'] }, url, () => 42)).toBe(42);
	});

	it('sends a visitor the service refuses to sign in', () => {
		const e = thrown(() =>
			forPage(null, url, () => {
				throw new ForbiddenError();
			})
		);
		expect(isRedirect(e) && e.status === 303 && e.location.startsWith('/login?next=')).toBe(true);
	});

	it('shows a signed-in person the error page for a refusal or a missing profile', () => {
		const refused = thrown(() =>
			forPage({ id: 2, roles: ['organiser'] }, url, () => {
				throw new ForbiddenError();
			})
		);
		expect(isHttpError(refused, 403)).toBe(true);
		const missing = thrown(() =>
			forPage(null, url, () => {
				throw new NotFoundError('young_person');
			})
		);
		expect(isHttpError(missing, 404)).toBe(true);
	});

	it('turns the expected problems of a form into values and leaves the rest to the error page', () => {
		const supporter = { id: 3, roles: ['supporter'] } as const;
		expect(attempt(supporter, url, () => 7)).toEqual({ ok: true, value: 7 });
		expect(
			attempt(supporter, url, () => {
				throw new ValidationError('section_full');
			})
		).toEqual({ ok: false, status: 400, problem: 'section_full' });
		expect(
			attempt(supporter, url, () => {
				throw new ForbiddenError();
			})
		).toEqual({ ok: false, status: 403, problem: 'forbidden' });
		const visitor = thrown(() =>
			attempt(null, url, () => {
				throw new ForbiddenError();
			})
		);
		expect(isRedirect(visitor)).toBe(true);
		const gone = thrown(() =>
			attempt(supporter, url, () => {
				throw new NotFoundError('item');
			})
		);
		expect(isHttpError(gone, 404)).toBe(true);
	});
});
