/** What a subscription follows, in words, for emails and pages. */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { TopicRef } from '$lib/features/subscriptions/model';
import type { Db } from '../db';
import * as services from '../services';

export function topicName(t: TopicRef, locale: Locale, serviceName: (id: number) => string | null): string {
	const o = { locale };
	switch (t.topic) {
		case 'board':
			return m.subscriptions_topic_board({}, o);
		case 'board_service':
			return m.subscriptions_topic_service({ service: serviceName(Number(t.ref)) ?? '?' }, o);
		case 'board_topic':
			return m.subscriptions_topic_tag({ tag: t.ref }, o);
		case 'surveys_parent_carers':
			return m.subscriptions_topic_surveys_parent_carers({}, o);
		case 'surveys_young_people':
			return m.subscriptions_topic_surveys_young_people({}, o);
		case 'meetings':
			return m.subscriptions_topic_meetings({}, o);
		case 'feedback':
			return m.subscriptions_topic_feedback({}, o);
	}
}

/** The names of `topics`, reading service names once. */
export function topicNames(db: Db, topics: readonly TopicRef[], locale: Locale): string[] {
	const names = new Map(services.list(db, { includeArchived: true }).map((s) => [s.id, s.name]));
	return topics.map((t) => topicName(t, locale, (id) => names.get(id) ?? null));
}
