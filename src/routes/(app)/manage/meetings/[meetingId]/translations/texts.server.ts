import { m } from '$lib/paraglide/messages';
import { sentenceField } from '$lib/features/content/model';
import type { Actor } from '$lib/server/permissions';
import { db } from '$lib/server/db/app';
import * as meetings from '$lib/server/meetings';
import type { PageText } from '$lib/server/content';
import { idParam, orError } from '$lib/server/http';

/** A meeting's easy-read summary, sentence by sentence, to translate (the symbols stay as they are). */
export function summaryTexts(actor: Actor, meetingId: string) {
	const meeting = orError(() => meetings.getForManaging(db(), actor, idParam(meetingId)));
	const texts: PageText[] = meeting.easyReadSentences.map((s, i) => ({
		name: sentenceField(i),
		label: m.content_field_sentence({ n: String(i + 1) }),
		subject: 'meeting_easy_read',
		subjectId: meeting.id,
		field: sentenceField(i),
		english: s.text
	}));
	return { meeting: { id: meeting.id, title: meeting.title }, texts };
}
