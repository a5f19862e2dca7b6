/**
 * What reports give the features that work across all of them (../contributions.ts): reports and
 * comments a person made, for "My data" and erasure; the demo reports.
 */
import { ERASED_TEXT, show, type Contribution, type EraseContext } from '../contributions';
import { seedReportsDemo } from './seed';
import { REPORT_EVENTS } from './news';
import { needsYou } from './service';

const { iso, text, isMe } = show;

/** Replaces quoted words in a frozen report's snapshot with ERASED_TEXT. */
function scrubQuotes(value: unknown, quoted: ReadonlySet<string>): { value: unknown; changed: boolean } {
	if (Array.isArray(value)) {
		let changed = false;
		const out = value.map((v) => {
			const r = scrubQuotes(v, quoted);
			changed ||= r.changed;
			return r.value;
		});
		return { value: out, changed };
	}
	if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		if (typeof obj.text === 'string' && 'submittedOn' in obj && quoted.has(obj.text)) return { value: { ...obj, text: ERASED_TEXT }, changed: true };
		let changed = false;
		const out = Object.fromEntries(
			Object.entries(obj).map(([k, v]) => {
				const r = scrubQuotes(v, quoted);
				changed ||= r.changed;
				return [k, r.value];
			})
		);
		return { value: out, changed };
	}
	return { value, changed: false };
}

/**
 * Reports keep their words without the person: who started, published or commented is unlinked,
 * and their survey answers quoted in a published report (a frozen board paper) are blanked there.
 */
function eraseFromReports({ all, unlink, asDecided, quotedWords }: EraseContext): void {
	if (quotedWords.size) {
		for (const rep of all<{ id: number; snapshot: string }>('select id, snapshot from report where snapshot is not null')) {
			const { value, changed } = scrubQuotes(JSON.parse(rep.snapshot), quotedWords);
			if (changed) unlink('report', 'update report set snapshot = ? where id = ?', JSON.stringify(value), rep.id);
		}
	}
	asDecided('report.created_by', 'report.published_by', 'report_comment.author_id');
}

export const contributes: Contribution = {
	feature: 'reports',
	personalData: [
		{
			name: 'reports you started or published',
			table: 'report',
			about: 'Reports for the board that you started or published.',
			sql: 'select title, created_by, created_at, published_by, published_at from report where created_by = :me or published_by = :me order by created_at',
			show: {
				report: text('title'),
				'you started it': isMe('created_by'),
				'started on': iso('created_at'),
				'you published it': isMe('published_by'),
				'published on': iso('published_at')
			},
			personColumns: { 'report.created_by': 'unlink', 'report.published_by': 'unlink' }
		},
		{
			name: 'report comments',
			table: 'report_comment',
			about: 'Your comments on draft reports.',
			sql: `select r.title, c.body, c.created_at from report_comment c join report r on r.id = c.report_id
			      where c.author_id = :me order by c.created_at`,
			show: { report: text('title'), comment: text('body'), 'written on': iso('created_at') },
			personColumns: { 'report_comment.author_id': 'unlink' }
		}
	],

	erase: eraseFromReports,
	seed: (db, now) => {
		seedReportsDemo(db, now);
	},
	// a report published, to the board's subscribers
	events: REPORT_EVENTS,
	needsYou
};
