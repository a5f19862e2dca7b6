import { describe, expect, it } from 'vitest';
import { testDb } from '../testing';
import { writeTransaction } from '../db';
import { feedback } from '../db/schema';
import { isStorageFull, keptForm, notSavedError, rememberForm, storageFullSince, storageHasRoom } from './storage';

function post(body: BodyInit, headers: Record<string, string> = {}) {
	const request = new Request('http://localhost/feedback?/send', { method: 'POST', body, headers });
	return { request, locals: {} as App.Locals, url: new URL(request.url) };
}

describe('a database that cannot grow', () => {
	it('is recognised from the error SQLite gives, and nothing half-written is kept', () => {
		const db = testDb();
		const pages = db.$client.pragma('page_count', { simple: true }) as number;
		db.$client.pragma(`max_page_count = ${pages}`);
		let caught: unknown;
		try {
			writeTransaction(db, (tx) => {
				tx.insert(feedback).values({ reference: 'FULL-1', whatHappened: 'first', receivedOn: '2026-12-07' }).run();
				// a second row that needs new pages
				tx.insert(feedback).values({ reference: 'FULL-2', whatHappened: 'x'.repeat(20_000), receivedOn: '2026-12-07' }).run();
			});
		} catch (error) {
			caught = error;
		}
		expect(isStorageFull(caught)).toBe(true);
		expect(db.select().from(feedback).all()).toEqual([]);
		// and it works again once there is room
		db.$client.pragma(`max_page_count = ${pages + 1000}`);
		writeTransaction(db, (tx) => tx.insert(feedback).values({ reference: 'FULL-3', whatHappened: 'again', receivedOn: '2026-12-07' }).run());
		expect(db.select().from(feedback).all()).toHaveLength(1);
	});

	it('is not confused with other errors', () => {
		expect(isStorageFull(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
		expect(isStorageFull(new Error('SQLITE_FULL'))).toBe(false);
		expect(isStorageFull(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: 'SQLITE_FULL' }) }))).toBe(true);
	});
});

describe('the form given back', () => {
	it('keeps the text typed, in order, where it was sent', async () => {
		const event = post(new URLSearchParams([['whatHappened', 'The bus did not come.\nTwice.'], ['service', '3']]), { 'content-type': 'application/x-www-form-urlencoded' });
		rememberForm(event);
		await event.request.text(); // the action reads the body
		expect(await keptForm(event)).toEqual({ action: '/feedback?/send', fields: [['whatHappened', 'The bus did not come.\nTwice.'], ['service', '3']], leftOut: false });
	});

	it('leaves out passwords, codes and files, and says so', async () => {
		const form = new FormData();
		form.append('email', 'a@example.org');
		form.append('password', 'hunter2 hunter2');
		form.append('code', '123456');
		form.append('picture', new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' }));
		const event = post(form);
		rememberForm(event);
		const kept = await keptForm(event);
		expect(kept?.fields).toEqual([['email', 'a@example.org']]);
		expect(kept?.leftOut).toBe(true);
	});

	it('is the not_saved error only for a database that cannot grow, and notes it for /readyz', async () => {
		storageHasRoom();
		const event = post(new URLSearchParams([['whatHappened', 'hello']]), { 'content-type': 'application/x-www-form-urlencoded' });
		rememberForm(event);
		expect(await notSavedError(new Error('other'), event, 'words')).toBeNull();
		expect(storageFullSince()).toBeNull();
		const error = await notSavedError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), event, 'words');
		expect(error).toMatchObject({ code: 'not_saved', message: 'words', kept: { fields: [['whatHappened', 'hello']] } });
		expect(event.locals.notSaved).toBe(true);
		expect(storageFullSince()).not.toBeNull();
		storageHasRoom();
	});
});
