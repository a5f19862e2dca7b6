/**
 * What yearly reports give the features that work across all of them (../contributions.ts): the
 * reports a person published, for "My data" and erasure (the report stays, unlinked); the demo
 * Local Offer report.
 */
import { show, type Contribution } from '../contributions';
import { seedYearlyDemo } from './seed';

const { iso, num, text } = show;

export const contributes: Contribution = {
	feature: 'yearly',
	personalData: [
		{
			name: 'yearly reports you published',
			table: 'yearly_report',
			about: 'The yearly reports (Local Offer, forum) that you published.',
			sql: 'select kind, year, published_at from yearly_report where published_by = :me order by published_at',
			show: { report: text('kind'), year: num('year'), 'published on': iso('published_at') },
			personColumns: { 'yearly_report.published_by': 'unlink' }
		}
	],
	erase: ({ asDecided }) => asDecided('yearly_report.published_by'),
	seed: (db, now) => {
		seedYearlyDemo(db, now);
	}
};
