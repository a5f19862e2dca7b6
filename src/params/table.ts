import type { ParamMatcher } from '@sveltejs/kit';

/** A table download's format, the end of its address: `report.csv` or `report.xlsx` (src/lib/server/downloads.ts). */
export const match = ((param: string): param is 'csv' | 'xlsx' => param === 'csv' || param === 'xlsx') satisfies ParamMatcher;
