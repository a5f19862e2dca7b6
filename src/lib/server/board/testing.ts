/** Test helpers of the board feature (its specs only). */
import type { ItemInput } from './service';
import type { FeedbackInput } from './feedback';

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

/** Feedback's details for `send`: about no service, no contact details, unless the test says otherwise. */
export const feedbackDetails = (overrides: Partial<FeedbackInput> = {}): FeedbackInput => ({
	whatHappened: 'I had to tell my story again at every appointment. My son is 7.',
	serviceId: null,
	contactName: '',
	contactEmail: '',
	contactPhone: '',
	consentToContact: false,
	aboutWho: null,
	...overrides
});
