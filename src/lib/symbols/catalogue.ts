/**
 * The symbols Chorus offers, by our own stable concept id.
 *
 * Pages and stored data refer to a symbol by `id` only, never by OpenMoji hexcode, so a forum
 * can later swap in its own licensed image for a concept without touching the pages.
 * The pictures are OpenMoji (https://openmoji.org, CC BY-SA 4.0), copied unchanged into
 * static/symbols/openmoji/<hexcode>.svg by `npm run symbols` and checked in.
 *
 * This file is the one source of truth: scripts/copy-symbols.js reads the entries below with a
 * regular expression, so keep each entry on ONE line in exactly this shape, with single quotes:
 *   { id: 'kebab-case-id', hexcode: 'HEXCODE', label: 'Plain English name', topic: 'topic' },
 * `label` is the English alt text (translated labels come later).
 */

export const SYMBOL_TOPICS = ['status', 'board', 'feelings', 'answers'] as const;
export type SymbolTopic = (typeof SYMBOL_TOPICS)[number];

export const catalogue = [
	// Board statuses: what happened to something a child or young person said.
	{ id: 'status-heard', hexcode: '1F442', label: 'Heard', topic: 'status' },
	{ id: 'status-working-on-it', hexcode: '1F6E0', label: 'Working on it', topic: 'status' },
	{ id: 'status-done', hexcode: '2705', label: 'Done', topic: 'status' },
	{ id: 'status-not-possible', hexcode: '274C', label: 'Not possible', topic: 'status' },
	// Feedback and the "You said, we did" board.
	{ id: 'you-said', hexcode: '1F4AC', label: 'You said', topic: 'board' },
	{ id: 'we-did', hexcode: '1F91D', label: 'We did', topic: 'board' },
	{ id: 'voices', hexcode: '1F465', label: 'Voices', topic: 'board' },
	{ id: 'calendar', hexcode: '1F4C5', label: 'Calendar', topic: 'board' },
	{ id: 'service-school', hexcode: '1F3EB', label: 'School', topic: 'board' },
	{ id: 'service-health', hexcode: '1F3E5', label: 'Health service', topic: 'board' },
	{ id: 'search', hexcode: '1F50D', label: 'Search', topic: 'board' },
	{ id: 'help', hexcode: '2139', label: 'Help', topic: 'board' },
	// Feelings, from very sad to very happy.
	{ id: 'very-sad', hexcode: '1F622', label: 'Very sad', topic: 'feelings' },
	{ id: 'sad', hexcode: '1F641', label: 'Sad', topic: 'feelings' },
	{ id: 'okay', hexcode: '1F610', label: 'Okay', topic: 'feelings' },
	{ id: 'happy', hexcode: '1F600', label: 'Happy', topic: 'feelings' },
	{ id: 'very-happy', hexcode: '1F604', label: 'Very happy', topic: 'feelings' },
	// Answers.
	{ id: 'yes', hexcode: '1F44D', label: 'Yes', topic: 'answers' },
	{ id: 'no', hexcode: '1F44E', label: 'No', topic: 'answers' },
	{ id: 'not-sure', hexcode: '1F914', label: 'Not sure', topic: 'answers' }
] as const satisfies readonly SymbolEntry[];

export interface SymbolEntry {
	/** Our stable concept id, kebab-case. */
	readonly id: string;
	/** OpenMoji hexcode: the file static/symbols/openmoji/<hexcode>.svg. */
	readonly hexcode: string;
	/** Plain English name, used as the default alt text. */
	readonly label: string;
	readonly topic: SymbolTopic;
}

export type SymbolId = (typeof catalogue)[number]['id'];

const byId: ReadonlyMap<string, SymbolEntry> = new Map(catalogue.map((s) => [s.id, s]));

/** True when a string (for example one read from the database) is a symbol Chorus offers. */
export function isSymbolId(id: string): id is SymbolId {
	return byId.has(id);
}

/** The catalogue entry for a concept id; `undefined` only for an unknown plain string. */
export function symbolById(id: SymbolId): SymbolEntry;
export function symbolById(id: string): SymbolEntry | undefined;
export function symbolById(id: string): SymbolEntry | undefined {
	return byId.get(id);
}

/** Same-origin URL of a symbol's picture. */
export function symbolSrc(entry: SymbolEntry): string {
	return `/symbols/openmoji/${entry.hexcode}.svg`;
}
