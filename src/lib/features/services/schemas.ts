import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { SECTORS, type Sector } from '$lib/sectors';

export const serviceSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.services_name_required() })
		.max(120, { error: () => m.services_name_too_long() }),
	// A plain string (empty at first) so no sector is chosen for the person in advance.
	sector: z
		.string()
		.refine((v): v is Sector => (SECTORS as readonly string[]).includes(v), {
			error: () => m.services_sector_required()
		}),
	description: z
		.string()
		.trim()
		.max(1000, { error: () => m.services_description_too_long() })
		.default(''),
	leadIds: z.array(z.coerce.number().int().positive()).default([])
});
export type ServiceFormInput = z.infer<typeof serviceSchema>;
