/**
 * What translations give the features that work across all of them (../contributions.ts): the
 * texts a person uploaded, for "My data"; erasure keeps the texts (they are the community's
 * interface) without the link to the person.
 */
import { show, type Contribution } from '../contributions';

const { text, iso } = show;

export const contributes: Contribution = {
	feature: 'translations',
	personalData: [
		{
			name: 'translations you uploaded',
			table: 'translation',
			about: 'Interface texts you uploaded for a language, and whether they were reviewed.',
			sql: 'select locale, row_key, status, updated_at from translation where updated_by = :me order by locale, row_key',
			show: { language: text('locale'), message: text('row_key'), status: text('status'), 'uploaded at': iso('updated_at') },
			personColumns: { 'translation.updated_by': 'unlink' }
		}
	],
	erase: ({ asDecided }) => asDecided('translation.updated_by')
};
