/**
 * What standards give the features that work across all of them (../contributions.ts): figures a
 * person entered, for "My data" and erasure; the demo standards and figures.
 */
import { show, type Contribution } from '../contributions';
import { seedStandardsDemo } from './seed';
import { needsYou } from './service';

const { iso, text, num } = show;

export const contributes: Contribution = {
	feature: 'standards',
	personalData: [
		{
			name: 'figures you entered',
			table: 'operational_figure',
			about: 'Figures you entered for service standards.',
			sql: `select s.statement, f.period_start, f.period_end, f.value, f.note, f.entered_at
			      from operational_figure f join standard s on s.id = f.standard_id where f.entered_by = :me order by f.entered_at`,
			show: {
				standard: text('statement'),
				from: text('period_start'),
				to: text('period_end'),
				figure: num('value'),
				note: text('note'),
				'entered on': iso('entered_at')
			},
			personColumns: { 'operational_figure.entered_by': 'unlink' }
		}
	],

	// Entered figures stay, without who entered them.
	erase: ({ asDecided }) => asDecided('operational_figure.entered_by'),
	seed: (db, now) => {
		seedStandardsDemo(db, now);
	},
	needsYou
};
