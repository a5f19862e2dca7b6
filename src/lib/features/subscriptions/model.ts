/**
 * Email subscriptions anyone can take out without an account (issue 16, point 2): what they can
 * follow, and how often they hear. Shared by the server and the pages.
 */

/**
 * What a subscriber can follow. `ref` says which one where a topic has many:
 * - board: everything on the "you said, we did" board (ref '');
 * - board_service: the board's items about one service (ref: the service id);
 * - board_topic: the board's items with one topic tag (ref: the tag);
 * - surveys_parent_carers / surveys_young_people: new surveys for them (ref '');
 * - meetings: forum meetings' agendas and minutes (ref '');
 * - feedback: what happens to one piece of feedback they sent (ref: the feedback id). Taken out
 *   by sending feedback with an address and consent to be contacted, never on the subscribe form.
 */
export const SUBSCRIPTION_TOPICS = ['board', 'board_service', 'board_topic', 'surveys_parent_carers', 'surveys_young_people', 'meetings', 'feedback'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** The topics the subscribe form offers (feedback is followed by sending it). */
export const FORM_TOPICS = ['board', 'board_service', 'board_topic', 'surveys_parent_carers', 'surveys_young_people', 'meetings'] as const satisfies readonly SubscriptionTopic[];
export type FormTopic = (typeof FORM_TOPICS)[number];

/** One thing followed: a topic and, for service and topic tags, which one. */
export type TopicRef = { topic: SubscriptionTopic; ref: string };

/** How often a subscriber hears: each email as it happens, or one email a week with all of them. */
export const FREQUENCIES = ['immediately', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Days a confirmation link works; unconfirmed subscriptions are deleted after this. */
export const CONFIRM_WITHIN_DAYS = 7;

/** A topic as a form value and back: "board", "board_service:3", "board_topic:transport". */
export function topicValue(t: TopicRef): string {
	return t.ref ? `${t.topic}:${t.ref}` : t.topic;
}
export function parseTopicValue(value: string): TopicRef | null {
	const at = value.indexOf(':');
	const topic = (at < 0 ? value : value.slice(0, at)) as FormTopic;
	const ref = at < 0 ? '' : value.slice(at + 1).trim();
	if (!(FORM_TOPICS as readonly string[]).includes(topic)) return null;
	const needsRef = topic === 'board_service' || topic === 'board_topic';
	if (needsRef !== Boolean(ref) || ref.length > 60) return null;
	if (topic === 'board_service' && !/^[1-9][0-9]{0,8}$/.test(ref)) return null;
	return { topic, ref };
}
