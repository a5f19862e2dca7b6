import { localOfferFrom, parseTopics, type BoardSource } from '$lib/features/board/model';
import type { ItemFormInput } from '$lib/features/board/schemas';
import type { ItemDetail, ItemInput } from './service';

/** The item form's values turned into the service's input. */
export function itemInputFrom(data: ItemFormInput): ItemInput {
	return {
		...data,
		source: data.source as BoardSource,
		easyReadSymbol: data.easyReadSymbol || null,
		surveyId: Number(data.surveyId) || null,
		localOffer: localOfferFrom(data.localOffer),
		topics: parseTopics(data.topics)
	};
}

/** An item's current values for the change form. */
export function itemFormValues(item: ItemDetail): ItemFormInput {
	return {
		youSaid: item.youSaid,
		easyRead: item.easyRead ?? '',
		easyReadSymbol: item.easyReadSymbol ?? '',
		voices: item.voices,
		source: item.source,
		sourceDetail: item.sourceDetail,
		surveyId: item.surveyId ? String(item.surveyId) : '',
		serviceIds: item.services.map((s) => s.id),
		topics: item.topics.join(', '),
		localOffer: item.localOffer ?? '',
		heardOn: item.heardOn
	};
}
