import { describe, expect, it } from 'vitest';
import * as services from '../services';
import { addPerson, testDb } from '../testing';
import * as board from './service';
import { responsiveness } from './measures';

/*
 * Items heard on 1 May and 1 June 2026 are due 8 weeks later (26 June, 27 July). The third
 * quarter (July to September) is the period looked at.
 */
function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [] });
	const camhs = services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] });
	const make = (heardOn: string, serviceIds: number[], published = true) => {
		const id = board.createItem(db, organiser, { youSaid: `Heard ${heardOn}`, easyRead: '', easyReadSymbol: null, voices: 1, source: 'direct_feedback', sourceDetail: '', serviceIds, topics: [], heardOn }, new Date(`${heardOn}T10:00:00Z`));
		if (published) board.setPublished(db, organiser, id, true, new Date(`${heardOn}T11:00:00Z`));
		return id;
	};
	const answer = (id: number, on: string, status: 'working_on_it' | 'done') =>
		board.respond(db, organiser, id, { text: 'We did something.', status, reason: '', as: 'forum' }, new Date(`${on}T12:00:00Z`));
	return { db, salt, camhs, make, answer };
}

const Q3 = { start: '2026-07-01', end: '2026-09-30' };

describe('board responsiveness', () => {
	it('counts items due, answered on time, overdue, done and raised in a period', () => {
		const { db, salt, camhs, make, answer } = setUp();
		const onTime = make('2026-06-01', [salt]); // due 27 July, answered 20 July
		answer(onTime, '2026-07-20', 'working_on_it');
		answer(onTime, '2026-08-15', 'done');
		const late = make('2026-06-02', [salt]); // due 28 July, answered 10 August: late, not overdue at the end
		answer(late, '2026-08-10', 'working_on_it');
		const waiting = make('2026-06-03', [camhs]); // due 29 July, never answered: overdue
		make('2026-05-01', [salt]); // due 26 June, never answered: overdue, but not due in the quarter
		make('2026-08-01', [salt]); // raised in the quarter, due 26 September, unanswered by its end: overdue
		make('2026-06-04', [salt], false); // not published: never counted

		const [all] = responsiveness(db, null, [Q3], new Date('2026-11-01T12:00:00Z'));
		expect({ ...all, items: undefined }).toEqual({ due: 4, answeredOnTime: 1, overdue: 3, done: 1, raised: 1, items: undefined });
		expect(all.items.overdue).toContain(waiting);
		expect(all.items.done).toEqual([onTime]);

		// one service only: the CAMHS item is left out
		const [saltOnly] = responsiveness(db, [salt], [Q3], new Date('2026-11-01T12:00:00Z'));
		expect(saltOnly.overdue).toBe(2);
		expect(saltOnly.items.overdue).not.toContain(waiting);
	});

	it('judges a period still running by today, not by its last day', () => {
		const { db, make } = setUp();
		make('2026-06-03', []); // due 29 July
		const [early] = responsiveness(db, null, [Q3], new Date('2026-07-15T12:00:00Z'));
		expect(early).toMatchObject({ due: 0, overdue: 0 });
		const [later] = responsiveness(db, null, [Q3], new Date('2026-08-15T12:00:00Z'));
		expect(later).toMatchObject({ due: 1, overdue: 1, answeredOnTime: 0 });
	});
});
