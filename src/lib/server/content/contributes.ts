/**
 * What content translations give the features that work across all of them: the translations a
 * person saved, for "My data"; on erasure the translations stay (they are public words about a
 * service, not about the person), without who saved them.
 */
import { show, type Contribution } from '../contributions';

const { text, iso } = show;

export const contributes: Contribution = {
	feature: 'content',
	personalData: [
		{
			name: 'translations you saved',
			table: 'content_translation',
			about: 'Texts you translated for the public pages, in which language, and when.',
			sql: 'select subject, subject_id, field, locale, text, updated_at from content_translation where updated_by = :me order by updated_at',
			show: { what: text('subject'), language: text('locale'), text: text('text'), 'saved on': iso('updated_at') },
			personColumns: { 'content_translation.updated_by': 'unlink' }
		}
	],
	erase: ({ asDecided }) => asDecided('content_translation.updated_by')
};
