/**
 * The forms organisers and service leads use on the feedback queue and the follow-up pages, and
 * the status badge those pages show, without a browser. Their end-to-end tests (closing feedback,
 * replying, a lead's "we did", the overdue list) run with JavaScript on only
 * (tests/e2e/board.test.ts, decision 0044).
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { BOARD_STATUSES } from './model';
import { closeSchema, mergeSchema, replySchema, responseSchema } from './schemas';
import StatusBadge from './StatusBadge.svelte';

/** The problems a form shows, as [field, words]. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	expect(result.success).toBe(false);
	return result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]);
}

describe('the feedback queue', () => {
	it('closing feedback asks why, trimmed, in at most 500 characters', () => {
		expect(problems(closeSchema.safeParse({ reason: '   ' }))).toEqual([['reason', 'Say why you are closing it']]);
		expect(problems(closeSchema.safeParse({ reason: 'x'.repeat(501) }))).toEqual([['reason', 'This must have 500 characters or fewer']]);
		expect(closeSchema.parse({ reason: '  Passed to the hospital trust \n' })).toEqual({ reason: 'Passed to the hospital trust' });
	});

	it('a reply needs words, trimmed, in at most 3,000 characters', () => {
		expect(problems(replySchema.safeParse({ text: '\n\t ' }))).toEqual([['text', 'Write your reply']]);
		expect(problems(replySchema.safeParse({ text: 'x'.repeat(3001) }))).toEqual([['text', 'This must have 3000 characters or fewer']]);
		expect(replySchema.parse({ text: ' Thank you. We have asked the service to write to you. ' }).text).toBe(
			'Thank you. We have asked the service to write to you.'
		);
	});

	it('adding feedback to an item needs an item chosen', () => {
		expect(problems(mergeSchema.safeParse({ itemId: '' }))).toEqual([['itemId', 'Choose an item']]);
		expect(problems(mergeSchema.safeParse({ itemId: 'three' }))).toEqual([['itemId', 'Choose an item']]);
		expect(mergeSchema.parse({ itemId: '12' })).toEqual({ itemId: 12 });
	});
});

describe('following up', () => {
	it('"not possible" needs a reason; what was typed is kept for the form', () => {
		const done = 'Clinics now run after school on Tuesdays and Thursdays';
		const notPossible = responseSchema.safeParse({ text: ` ${done} `, status: 'not_possible', reason: ' ', as: '3' });
		expect(problems(notPossible)).toEqual([['reason', 'Say why it is not possible']]);
		expect(responseSchema.parse({ text: ` ${done} `, status: 'done', as: '3' })).toEqual({ text: done, status: 'done', reason: '', as: '3' });
		expect(responseSchema.parse({ text: done, status: 'not_possible', reason: ' No room after school ', as: 'forum' }).reason).toBe('No room after school');
		expect(problems(responseSchema.safeParse({ text: '', status: 'finished', as: '' }))).toEqual([
			['text', 'Write what was done'],
			['status', 'Choose a status'],
			['as', 'Choose who you are answering for']
		]);
	});

	it('a status is never shown by colour alone: its word, a symbol hidden from screen readers, and its own class', () => {
		const words = { heard: 'Heard', working_on_it: 'Working on it', done: 'Done', not_possible: 'Not possible' };
		for (const status of BOARD_STATUSES) {
			const { body } = render(StatusBadge, { props: { status } });
			expect(body).toContain(`class="status-badge status-${status}"`);
			expect(body.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').trim()).toBe(words[status]);
			expect(body).toMatch(/<img class="symbol symbol-small" src="[^"]+" alt="" aria-hidden="true"/);
		}
	});
});
