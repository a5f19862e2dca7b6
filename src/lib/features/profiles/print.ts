/**
 * How densely the print view lays a profile out, so that it always fits on one A4 page: a short
 * profile prints large and easy to read, a full one (6 items in every section, long words)
 * smaller. Chosen on the server from how much there is to print. Browser-safe.
 */

export const PRINT_DENSITIES = ['roomy', 'normal', 'compact', 'tight'] as const;
export type PrintDensity = (typeof PRINT_DENSITIES)[number];

type Printable = { items: { symbolId: string | null; words: string | null }[] }[];

/**
 * How much a profile fills the page, in picture heights: every item takes one (its picture, with
 * up to 40 letters beside it), and longer words one more for every further 40 letters.
 */
export function printLoad(sections: Printable): number {
	let load = 0;
	for (const { items } of sections) {
		for (const item of items) load += 1 + Math.max(0, (item.words?.length ?? 0) - 40) / 40;
	}
	return load;
}

/** The density the print view uses for these sections (see print.css rules on the print page). */
export function printDensity(sections: Printable): PrintDensity {
	const load = printLoad(sections);
	// Measured with Chromium on A4: each density's largest load, with a photo, still leaves room.
	if (load <= 18) return 'roomy';
	if (load <= 26) return 'normal';
	if (load <= 45) return 'compact';
	return 'tight';
}
