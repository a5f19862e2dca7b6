import { BOARD_STATUSES, type BoardStatus } from '$lib/features/board/model';
import { SECTORS, type Sector } from '$lib/sectors';
import type { BoardFilters } from './service';

/** Reads the board's filters from a GET form's query string; anything unknown is ignored. */
export function filtersFrom(params: URLSearchParams): BoardFilters {
	const serviceId = Number(params.get('service'));
	const sector = params.get('sector') ?? '';
	const status = params.get('status') ?? '';
	const page = Number(params.get('page'));
	return {
		serviceId: Number.isSafeInteger(serviceId) && serviceId > 0 ? serviceId : undefined,
		sector: (SECTORS as readonly string[]).includes(sector) ? (sector as Sector) : undefined,
		status: (BOARD_STATUSES as readonly string[]).includes(status) ? (status as BoardStatus) : undefined,
		topic: params.get('topic')?.trim().toLowerCase().slice(0, 100) || undefined,
		q: params.get('q')?.trim().slice(0, 200) || undefined,
		page: Number.isSafeInteger(page) && page > 1 ? page : 1
	};
}
