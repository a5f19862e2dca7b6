/**
 * What the subscribe and manage pages offer to follow, grouped as people look for it: the board
 * (all of it, one service, one topic tag), surveys, meetings. Services and tags are read from
 * what is there now.
 */
import type { Locale } from '$lib/paraglide/runtime';
import { parseTopicValue, topicValue, type TopicRef } from '$lib/features/subscriptions/model';
import type { Db } from '../db';
import * as services from '../services';
import { topicName } from './topics';

export type TopicChoice = { value: string; label: string };
export type TopicChoices = { board: TopicChoice[]; services: TopicChoice[]; tags: TopicChoice[]; surveys: TopicChoice[]; meetings: TopicChoice[] };

/** The choices, with `tags` being the board's topic tags in use (the board feature reads them). */
export function topicChoices(db: Db, tags: readonly string[], locale: Locale): TopicChoices {
	const names = new Map(services.list(db).map((s) => [s.id, s.name]));
	const choice = (t: TopicRef): TopicChoice => ({ value: topicValue(t), label: topicName(t, locale, (id) => names.get(id) ?? null) });
	return {
		board: [choice({ topic: 'board', ref: '' })],
		services: [...names.keys()].map((id) => choice({ topic: 'board_service', ref: String(id) })),
		tags: tags.map((tag) => choice({ topic: 'board_topic', ref: tag })),
		surveys: [choice({ topic: 'surveys_parent_carers', ref: '' }), choice({ topic: 'surveys_young_people', ref: '' })],
		meetings: [choice({ topic: 'meetings', ref: '' })]
	};
}

/** Form values to topics, keeping only those offered (a service or tag that has gone is left out). */
export function chosenTopics(values: readonly string[], choices: TopicChoices): TopicRef[] {
	const offered = new Set(Object.values(choices).flat().map((c: TopicChoice) => c.value));
	return [...new Set(values)].filter((v) => offered.has(v)).map((v) => parseTopicValue(v)!);
}
