import fc from 'fast-check';
import { fail, isActionFailure, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { thrown } from '../testing';
import { ConfirmIdentityError, ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { anyOf, confirmPath, forCodes, guard, isFailure, loginRedirect, refusal, safeRedirectTarget, signInPath } from '.';

describe('guard', () => {
	const organiser = { id: 1, roles: ['organiser'] } as const;
	const parent = { id: 2, roles: ['parent_carer'] } as const;

	it('lets through whoever may take the action', () => {
		expect(() => guard(organiser, 'surveys.manage')).not.toThrow();
		expect(() => guard({ id: 3, roles: ['service_lead'] }, 'board.respond', { resource: { serviceIds: [4], ledServiceIds: [4] } })).not.toThrow();
	});

	it('shows the 403 page, shaped as before, to anyone else and to visitors', () => {
		for (const actor of [parent, null]) {
			const e = thrown(() => guard(actor, 'surveys.manage'));
			expect(isHttpError(e, 403)).toBe(true);
			expect(isHttpError(e) && e.body).toEqual({ message: 'Forbidden', code: 'forbidden' });
		}
		const lead = thrown(() => guard({ id: 3, roles: ['service_lead'] }, 'board.respond', { resource: { serviceIds: [4], ledServiceIds: [5] } }));
		expect(isHttpError(lead, 403)).toBe(true);
	});

	it('passes a special message through, with the same code', () => {
		const e = thrown(() => guard(parent, 'profiles.own', { message: 'Only young people have a profile of their own here.' }));
		expect(isHttpError(e) && e.body).toEqual({ message: 'Only young people have a profile of their own here.', code: 'forbidden' });
	});
});

describe('signInPath and loginRedirect', () => {
	it('comes back to the same page and query, without a form action', () => {
		expect(signInPath(new URL('http://localhost/profiles/7/add?section=support&/add='))).toBe(`/login?next=${encodeURIComponent('/profiles/7/add?section=support')}`);
		expect(signInPath(new URL('http://localhost/profiles/7?/review'))).toBe('/login?next=%2Fprofiles%2F7');
		expect(signInPath(new URL('http://localhost/meetings/3'))).toBe('/login?next=%2Fmeetings%2F3');
	});

	it('redirects with 303 to that address', () => {
		const e = thrown(() => loginRedirect(new URL('http://localhost/my-data')));
		expect(isRedirect(e) && e.status === 303 && e.location).toBe('/login?next=%2Fmy-data');
	});

	it('makes addresses the sign-in page accepts as they are', () => {
		const path = signInPath(new URL('http://localhost/manage/feedback?status=closed&page=2'));
		const next = new URL(path, 'http://localhost').searchParams.get('next');
		expect(safeRedirectTarget(next)).toBe('/manage/feedback?status=closed&page=2');
	});
});

describe('refusal', () => {
	const handlers = {
		email_taken: () => fail(409, { problem: 'taken' as const }),
		common_password: (e: DomainError) => fail(400, { problem: e.code })
	};

	it('returns the handler’s result for a domain error whose code it knows, whatever its class', () => {
		const taken = refusal(new ConflictError('email_taken'), handlers);
		expect(isActionFailure(taken)).toBe(true);
		expect(taken.status).toBe(409);
		expect(taken.data).toEqual({ problem: 'taken' });
		const common = refusal(new ValidationError('common_password'), handlers);
		expect(common.data).toEqual({ problem: 'common_password' });
		expect(isFailure(common)).toBe(true);
		expect(isFailure({ id: 3 })).toBe(false);
		// the action keeps the handlers' types
		expectTypeOf(taken).toEqualTypeOf<ReturnType<typeof handlers.email_taken> | ReturnType<typeof handlers.common_password>>();
	});

	it('turns a domain error with no handler into the HTTP error page with its status and code', () => {
		for (const [e, status] of [
			[new ForbiddenError(), 403],
			[new NotFoundError('person_not_found'), 404],
			[new ConflictError('last_admin'), 409],
			[new ValidationError('other'), 400],
			[new DomainError('plain'), 400],
			[new ConfirmIdentityError(), 401]
		] as const) {
			const out = thrown(() => refusal(e, handlers));
			expect(isHttpError(out, status), e.code).toBe(true);
			expect(isHttpError(out) && out.body).toEqual({ message: e.message, code: e.code });
		}
	});

	it('rethrows anything that is not a domain error untouched: bugs, and SvelteKit’s own redirects', () => {
		const bug = new TypeError('x is undefined');
		expect(thrown(() => refusal(bug, handlers))).toBe(bug);
		const away = thrown(() => redirect(303, '/elsewhere'));
		expect(thrown(() => refusal(away, handlers))).toBe(away);
		expect(thrown(() => refusal('a string', {}))).toBe('a string');
	});

	it('handles every error of a class only when asked, after the codes', () => {
		class FieldProblem extends ValidationError {
			constructor(readonly field: 'title' | 'body') {
				super(`field_${field}`);
			}
		}
		const kinds = [anyOf(FieldProblem, (e) => ({ field: e.field }))];
		expect(refusal(new FieldProblem('title'), {}, { kinds })).toEqual({ field: 'title' });
		expect(refusal(new FieldProblem('body'), { field_body: () => 'by code' }, { kinds })).toBe('by code');
		expect(isHttpError(thrown(() => refusal(new ValidationError('field_title'), {}, { kinds })), 400)).toBe(true);
	});

	it('makes handlers from a table of codes', () => {
		const fields = { title_required: 'title', ends_before_starts: 'endTime' } as const;
		const handlers = forCodes(fields, (field, e) => ({ field, code: e.code }));
		expect(refusal(new ValidationError('ends_before_starts'), handlers)).toEqual({ field: 'endTime', code: 'ends_before_starts' });
		expect(isHttpError(thrown(() => refusal(new ValidationError('place_required'), handlers)), 400)).toBe(true);
		const alike = forCodes(['alt_required', 'image_type'] as const, (code, e) => `${code}:${e.status}`);
		expect(refusal(new ValidationError('image_type'), alike)).toBe('image_type:400');
	});

	it('sends a person to "Confirm it’s you" and back when given the page', () => {
		const url = new URL('http://localhost/admin/people/4?/roles');
		const e = thrown(() => refusal(new ConfirmIdentityError(), handlers, { confirm: url }));
		expect(isRedirect(e) && e.location).toBe(confirmPath(url));
		expect(confirmPath(url)).toBe('/confirm?next=%2Fadmin%2Fpeople%2F4');
	});

	it('sends a visitor refused to sign in and back when given the page, and only a refusal', () => {
		const url = new URL('http://localhost/profiles/7/add?section=likes');
		const e = thrown(() => refusal(new ForbiddenError(), handlers, { signIn: url }));
		expect(isRedirect(e) && e.location).toBe(signInPath(url));
		// any other refusal is still its error page, and a signed-in person's refusal the 403 page
		expect(isHttpError(thrown(() => refusal(new NotFoundError('no_such_item'), handlers, { signIn: url })), 404)).toBe(true);
		expect(isHttpError(thrown(() => refusal(new ForbiddenError(), handlers)), 403)).toBe(true);
	});
});

const SITE = 'https://chorus.example.gov.uk';

/** Where a browser goes when this is the Location header (the WHATWG parser strips tabs and newlines first). */
const browserGoesTo = (location: string) => new URL(location, SITE + '/login');

/** Every way people have found of writing "another site" where a path is expected. */
const OTHER_SITES = [
	'//evil.x',
	'//evil.x/path',
	'///evil.x',
	'////evil.x',
	'/\t/evil.x',
	'/\n/evil.x',
	'/\r\n/evil.x',
	'\t//evil.x',
	' //evil.x',
	'/\\evil.x',
	'\\\\evil.x',
	'/\\/evil.x',
	'\\/evil.x',
	'https:evil.x',
	'https:/evil.x',
	'https://evil.x',
	'http://evil.x/login',
	'HTTPS://EVIL.X',
	'//evil.x@chorus.example.gov.uk',
	'/%2F%2Fevil.x',
	'%2F%2Fevil.x',
	'/%2fevil.x',
	'/%252F%252Fevil.x',
	'/%5Cevil.x',
	'/%5C%5Cevil.x',
	'/%09/evil.x',
	'/%0a/evil.x',
	'/.//evil.x',
	'/./%2F/evil.x',
	'/x/..//evil.x',
	'/..//evil.x',
	'javascript:alert(1)',
	'JavaScript:alert(1)',
	'java\tscript:alert(1)',
	' javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'evil.x',
	'@evil.x',
	'/\u0000/evil.x',
	'/\u00a0/evil.x',
	'/\u3000/evil.x',
	'/％２Ｆevil.x',
	'//evil。x',
	'/x%'
];

describe('safeRedirectTarget', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirectTarget('/my-data')).toBe('/my-data');
		expect(safeRedirectTarget('/manage/feedback?status=closed&page=2')).toBe('/manage/feedback?status=closed&page=2');
		expect(safeRedirectTarget('/profiles/7/add?section=support')).toBe('/profiles/7/add?section=support');
		expect(safeRedirectTarget('/surveys/3/answer/AbC-12_x')).toBe('/surveys/3/answer/AbC-12_x');
		expect(safeRedirectTarget('/board?q=caf%C3%A9%20menu')).toBe('/board?q=caf%C3%A9%20menu');
		expect(safeRedirectTarget('/a%2Fb')).toBe('/a%2Fb');
		expect(safeRedirectTarget('/')).toBe('/');
	});

	it('tidies what a browser would tidy: dot segments, the fragment', () => {
		expect(safeRedirectTarget('/meetings/../my-data')).toBe('/my-data');
		expect(safeRedirectTarget('/board#items')).toBe('/board');
		expect(safeRedirectTarget('/board?x=1#//evil.x')).toBe('/board?x=1');
	});

	it('refuses every way of naming another site, and anything with a scheme', () => {
		for (const value of OTHER_SITES) expect(safeRedirectTarget(value), JSON.stringify(value)).toBe('/');
	});

	it('refuses nothing, null, too long, and uses the fallback given', () => {
		expect(safeRedirectTarget(null)).toBe('/');
		expect(safeRedirectTarget(undefined)).toBe('/');
		expect(safeRedirectTarget('')).toBe('/');
		expect(safeRedirectTarget('/' + 'a'.repeat(3000))).toBe('/');
		expect(safeRedirectTarget('//evil.x', '/settings?done=language')).toBe('/settings?done=language');
	});

	it('never sends a browser to another origin, whatever it is given', () => {
		const piece = fc.constantFrom('/', '//', '\\', '\t', '\n', '\r', ' ', '%2F', '%2f', '%5C', '%25', '%09', '.', '..', 'evil.x', '@', ':', 'https:', 'javascript:', '?', '#', 'a', '\u0000', '\u3002', '\uff0f');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (value) => {
				const target = safeRedirectTarget(value, '/fallback');
				const url = browserGoesTo(target);
				expect(url.origin).toBe(SITE);
				// and it is a path a Location header can carry as it is
				expect(target).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
				// decoding it, however often, never gives "//" at the start of the path
				let path = url.pathname;
				for (let i = 0; i < 4; i++) path = decodeURIComponent(path);
				expect(path.startsWith('//')).toBe(false);
				expect(path).not.toContain('\\');
			}),
			{ numRuns: 3000 }
		);
	});
});
