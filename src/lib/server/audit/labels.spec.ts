import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETING_STATES } from '$lib/features/meetings/model';
import { ACTION_LABELS, SUBJECT_KINDS, actionLabel, detailLines } from '$lib/features/audit/labels';

/** Every non-test TypeScript file under a folder. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
	});
}

/** The actions the server writes: quoted "feature.thing" codes on lines that set `action`, and meeting states. */
function actionsInCode(): { actions: Set<string>; subjects: Set<string> } {
	const actions = new Set<string>(MEETING_STATES.map((s) => `meeting.${s}`));
	const subjects = new Set<string>();
	for (const file of sources('src/lib/server')) {
		for (const line of readFileSync(file, 'utf8').split('\n')) {
			if (/\baction:/.test(line) && !/action: '[a-z]+\.[a-zA-Z]+' }/.test(line)) {
				for (const [, code] of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(code);
			}
			for (const [, kind] of line.matchAll(/subjectType: '([a-z_]+)'/g)) subjects.add(kind);
		}
	}
	return { actions, subjects };
}

describe('the audit log in words', () => {
	it('has a label for every action and every kind of subject the server writes', () => {
		const { actions, subjects } = actionsInCode();
		expect(actions.size).toBeGreaterThan(80);
		expect([...actions].filter((a) => !ACTION_LABELS[a]).sort()).toEqual([]);
		expect([...subjects].filter((s) => !SUBJECT_KINDS[s]).sort()).toEqual([]);
		expect(actionLabel('person.signed_in')).toBe('Signed in');
		expect(actionLabel('something.new')).toBe('something.new');
	});

	it('shows sign-in details in words and other details as name and value', () => {
		expect(detailLines({ method: 'card', reason: 'wrong_passcode' })).toEqual(['With a card and pictures', 'Wrong pictures']);
		expect(detailLines({ before: ['parent_carer'], after: ['admin', 'organiser'], rows: 3 })).toEqual([
			'before: parent_carer',
			'after: admin, organiser',
			'rows: 3'
		]);
	});
});
