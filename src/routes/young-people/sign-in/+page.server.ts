import { fail, redirect } from '@sveltejs/kit';
import { PASSCODE_LENGTH, formatCode, isPasscodeSymbol, normaliseCode, type PasscodeSymbol } from '$lib/features/profiles/model';
import { db } from '$lib/server/db/app';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeRedirectTarget } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

/*
 * Signing in with a card, as plain form posts (no JavaScript needed):
 *   1. the card code ("card")              -> the picture grid, as the answer to that post;
 *   2. one post per picture ("pick")       -> the grid again, "Picture 2 of 3"...
 *   3. after the third picture             -> signed in, 303 to /my-profile.
 * A first sign-in (or after a reset) chooses 3 pictures, then picks them again to check.
 * The code and the pictures picked so far travel in hidden fields between the posts; nothing is
 * kept on the server until the third picture. Each post checks the card again, so a card made
 * void meanwhile, or too many wrong tries, sends the young person back to the first step.
 */

/** "passcode": sign in with the 3 pictures; "choose": first choice; "confirm": the same again. */
type Stage = 'passcode' | 'choose' | 'confirm';

export type CardStep = {
	step: 'card';
	code: string;
	problem: 'missing' | 'invalid' | 'throttled' | null;
	minutes: number;
};

/** The card is locked after too many wrong pictures: a kind page saying who can help. */
export type LockedStep = { step: 'locked' };

export type PictureStep = {
	step: 'pictures';
	stage: Stage;
	code: string;
	name: string;
	picked: PasscodeSymbol[];
	/** While checking ("confirm"): the pictures chosen the first time. */
	first: PasscodeSymbol[];
	/** Shown as an error: wrong pictures, or not the same ones twice. */
	problem: 'wrong' | 'mismatch' | null;
	/** Shown as a notice: the pictures were chosen (or reset) meanwhile. */
	note: 'taken' | 'reset' | null;
};

// The page holds the card code and passcode pictures: never store it in a cache.
const PRIVATE_HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' };

export const load: PageServerLoad = ({ url, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	// The QR code on the card opens this page with ?code=ABCD-2345. `next`: where to go after
	// signing in (a young person signing in again before a step that needs a recent sign-in).
	const next = safeRedirectTarget(url.searchParams.get('next'), '');
	return { code: (url.searchParams.get('code') ?? '').slice(0, 40), nextQuery: next ? `&next=${encodeURIComponent(next)}` : '' };
};

const text = (data: FormData, name: string) => String(data.get(name) ?? '').slice(0, 40);
const symbols = (data: FormData, name: string) =>
	data
		.getAll(name)
		.map(String)
		.filter(isPasscodeSymbol)
		.slice(0, PASSCODE_LENGTH);
const stageOf = (value: string): Stage => (value === 'choose' || value === 'confirm' ? value : 'passcode');

function cardStep(code: string, problem: CardStep['problem'] | 'locked', retryAfterSeconds = 0) {
	if (problem === 'locked') return fail(423, { step: 'locked' } satisfies LockedStep);
	const data: CardStep = { step: 'card', code, problem, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) };
	return fail(problem === 'throttled' ? 429 : 400, data);
}

function pictureStep(
	code: string,
	name: string,
	stage: Stage,
	picked: PasscodeSymbol[] = [],
	first: PasscodeSymbol[] = [],
	{ problem = null, note = null }: Pick<Partial<PictureStep>, 'problem' | 'note'> = {}
): PictureStep {
	return { step: 'pictures', stage, code: formatCode(code), name, picked, first, problem, note };
}

/** Checks the card again on every post: returns who it is, or the first step with the reason. */
function recheck(code: string, address: string) {
	if (!normaliseCode(code)) return { ok: false as const, failure: cardStep(code, 'missing') };
	const found = profiles.checkCard(db(), { code, address });
	if (!found.ok) {
		return {
			ok: false as const,
			failure: cardStep(formatCode(code), found.reason, found.reason === 'throttled' ? found.retryAfterSeconds : 0)
		};
	}
	return found;
}

export const actions: Actions = {
	/** Step 1: the card code. */
	card: async ({ request, getClientAddress }) => {
		const code = text(await request.formData(), 'code');
		const found = recheck(code, getClientAddress());
		if (!found.ok) return found.failure;
		return pictureStep(code, found.name, found.hasPasscode ? 'passcode' : 'choose');
	},

	/** One picture pressed. After the third: sign in, or (first time) check and keep the choice. */
	pick: async ({ request, getClientAddress, cookies, url }) => {
		const data = await request.formData();
		const code = text(data, 'code');
		const address = getClientAddress();
		const found = recheck(code, address);
		if (!found.ok) return found.failure;
		const { name } = found;
		const stage = stageOf(text(data, 'stage'));
		// Someone chose (or reset) the pictures since this page was shown: start the right way.
		if (found.hasPasscode && stage !== 'passcode') return pictureStep(code, name, 'passcode', [], [], { note: 'taken' });
		if (!found.hasPasscode && stage === 'passcode') return pictureStep(code, name, 'choose', [], [], { note: 'reset' });

		const first = stage === 'confirm' ? symbols(data, 'first') : [];
		if (stage === 'confirm' && first.length !== PASSCODE_LENGTH) return pictureStep(code, name, 'choose');
		// at most two so far: the third is the one just pressed (a page edited by hand cannot send more)
		const before = symbols(data, 'picked').slice(0, PASSCODE_LENGTH - 1);
		const pick = text(data, 'pick');
		if (!isPasscodeSymbol(pick)) return pictureStep(code, name, stage, before, first);
		const picked = [...before, pick];
		if (picked.length < PASSCODE_LENGTH) return pictureStep(code, name, stage, picked, first);

		if (stage === 'choose') return pictureStep(code, name, 'confirm', [], picked);
		if (stage === 'confirm' && picked.some((p, i) => p !== first[i])) {
			return fail(400, pictureStep(code, name, 'choose', [], [], { problem: 'mismatch' }));
		}
		const input = { code, picks: picked, address };
		const result = stage === 'confirm' ? await profiles.choosePasscode(db(), input) : await profiles.signInWithPasscode(db(), input);
		if (result.ok) {
			setSessionCookie(cookies, result.token, result.session, servedOverHttps(url));
			redirect(303, safeRedirectTarget(url.searchParams.get('next'), '/my-profile'));
		}
		switch (result.reason) {
			case 'throttled':
				return cardStep(formatCode(code), 'throttled', result.retryAfterSeconds);
			case 'locked':
				return cardStep(formatCode(code), 'locked');
			case 'has_passcode':
				return pictureStep(code, name, 'passcode', [], [], { note: 'taken' });
			case 'no_passcode':
				return pictureStep(code, name, 'choose', [], [], { note: 'reset' });
			case 'invalid':
				// The card stopped working between the check and now: back to the first step.
				if (stage === 'confirm') return cardStep(formatCode(code), 'invalid');
				return fail(400, pictureStep(code, name, 'passcode', [], [], { problem: 'wrong' }));
		}
	},

	/** "Start again": forget the pictures picked in this round. */
	again: async ({ request, getClientAddress }) => {
		const data = await request.formData();
		const code = text(data, 'code');
		const found = recheck(code, getClientAddress());
		if (!found.ok) return found.failure;
		const stage = stageOf(text(data, 'stage'));
		if (found.hasPasscode !== (stage === 'passcode')) return pictureStep(code, found.name, found.hasPasscode ? 'passcode' : 'choose');
		const first = stage === 'confirm' ? symbols(data, 'first') : [];
		return pictureStep(code, found.name, first.length === PASSCODE_LENGTH || stage !== 'confirm' ? stage : 'choose', [], first);
	}
};
