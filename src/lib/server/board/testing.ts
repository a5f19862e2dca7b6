/** Test helpers of the board feature (its specs only). */
import type { ItemInput } from './service';

/** A board item's details for `createItem`: heard from one family directly, about no service, unless the test says otherwise. */
export const itemDetails = (overrides: Partial<ItemInput> = {}): ItemInput => ({
	youSaid: 'We wait too long to hear back after a referral.',
	easyRead: '',
	easyReadSymbol: null,
	voices: 3,
	source: 'direct_feedback',
	sourceDetail: '',
	serviceIds: [],
	topics: ['waiting times'],
	heardOn: '2026-09-01',
	...overrides
});
