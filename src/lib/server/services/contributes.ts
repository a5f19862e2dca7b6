/**
 * What services give the features that work across all of them (../contributions.ts): the
 * services a person leads, for "My data" and erasure; the demo services.
 */
import { show, type Contribution } from '../contributions';
import { seedServicesDemo } from './seed';

const { text } = show;

export const contributes: Contribution = {
	feature: 'services',
	personalData: [
		{
			name: 'services you lead',
			table: 'service_lead',
			about: 'The services you lead.',
			sql: 'select s.name from service_lead l join service s on s.id = l.service_id where l.user_id = :me order by s.name',
			show: { service: text('name') },
			personColumns: { 'service_lead.user_id': 'delete' }
		}
	],

	erase: ({ asDecided }) => asDecided('service_lead.user_id'),
	seed: seedServicesDemo
};
