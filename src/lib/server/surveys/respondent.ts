/**
 * What the respondent's pages share: open the response behind the link in the address, or send
 * the person where they should be (sign in, the closed-survey page, the confirmation).
 */
import { error, redirect } from '@sveltejs/kit';
import { answerPath } from '$lib/features/surveys/model';
import { db } from '../db/app';
import { loginRedirect, refusal } from '../http';
import type { Actor } from '../permissions';
import { open, type OpenedResponse } from './answering';

/** Tokens are lower-case base32; anything else is not a link we made. */
const TOKEN = /^[a-z2-7]{20,64}$/;

/**
 * Opens the draft behind `/surveys/<id>/answer/<token>`. A sent response goes to its
 * confirmation (unless `allowSent`), a closed survey to its start page, a named survey to
 * sign-in. Unknown links are "page not found".
 */
export function openDraftOrRedirect(actor: Actor, surveyId: number, token: string, url: URL): Extract<OpenedResponse, { state: 'draft' }>;
export function openDraftOrRedirect(actor: Actor, surveyId: number, token: string, url: URL, allowSent: true): OpenedResponse;
export function openDraftOrRedirect(actor: Actor, surveyId: number, token: string, url: URL, allowSent = false): OpenedResponse {
	if (!TOKEN.test(token)) error(404, { message: 'Not found', code: 'response_not_found' });
	try {
		const opened = open(db(), actor, surveyId, token);
		if (opened.state === 'sent' && !allowSent) redirect(303, answerPath(surveyId, token, 'sent'));
		return opened;
	} catch (e) {
		const toStart = () => redirect(303, `/surveys/${surveyId}`);
		return refusal(e, { sign_in_needed: () => loginRedirect(url), survey_closed: toStart, not_open_yet: toStart });
	}
}

/** Links to answers are secrets: never cache them, never index them. */
export const PRIVATE_HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } as const;
