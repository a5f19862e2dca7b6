/**
 * The symbol pictures (OpenMoji SVGs, checked in under symbols/openmoji by `npm run symbols`),
 * served by the app rather than as static files so they can carry a long cache lifetime: a
 * young person's phone fetches the passcode and profile pictures once a month, not on every page
 * (issue 17). Each has a validator (ETag) too, so a changed picture is fetched again once its
 * month is up. Only the catalogue's own files are served; each is read once and kept.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SYMBOL_FILES } from '$lib/symbols/catalogue';

/** Where the pictures are: symbols/openmoji under the directory the app runs from (like drizzle/). */
export const SYMBOLS_FOLDER = resolve(process.env.CHORUS_SYMBOLS ?? 'symbols/openmoji');

/** A month: OpenMoji's pictures change only when Chorus upgrades it. */
export const SYMBOL_CACHE_CONTROL = 'public, max-age=2592000';

export type SymbolPicture = { body: string; etag: string };

const kept = new Map<string, Promise<SymbolPicture>>();

/** The picture named `file` ("1F44D.svg"), or null when the catalogue has no such file. */
export function symbolPicture(file: string, folder = SYMBOLS_FOLDER): Promise<SymbolPicture> | null {
	if (!SYMBOL_FILES.has(file)) return null;
	const key = join(folder, file);
	let found = kept.get(key);
	if (!found) {
		found = readFile(key, 'utf8').then((body) => ({ body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }));
		// a failed read (the file missing on this machine) is tried again next time
		found.catch(() => kept.delete(key));
		kept.set(key, found);
	}
	return found;
}

/** Whether the browser's copy (its If-None-Match) is still this picture. */
export function stillFresh(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((tag) => {
		const t = tag.trim();
		return t === '*' || t === etag || t === `W/${etag}`;
	});
}
