import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { symbolById, symbolSrc } from '$lib/symbols/catalogue';
import { stillFresh, symbolPicture } from './symbols';

describe('symbol pictures', () => {
	it('serves every catalogue picture from the checked-in folder, with a validator', async () => {
		const file = symbolSrc(symbolById('yes')).split('/').pop()!;
		const picture = await symbolPicture(file)!;
		expect(picture.body).toMatch(/^\s*<svg[\s>]/);
		expect(picture.etag).toMatch(/^"[\w-]{22}"$/);
		// read once and kept
		expect(symbolPicture(file)).toBe(symbolPicture(file));
	});

	it('serves nothing the catalogue does not name: no other file, no way out of the folder', () => {
		for (const name of ['FFFFF.svg', '../package.json', '..%2Fpackage.json', '1F44D.svg/../../README.md', '1f44d.svg', '', 'catalogue.ts']) {
			expect(symbolPicture(name), name).toBeNull();
		}
	});

	it('has an ETag that changes with the picture, and tries a missing file again', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'chorus-symbols-'));
		try {
			const file = symbolSrc(symbolById('no')).split('/').pop()!;
			await expect(symbolPicture(file, folder)!).rejects.toThrow();
			writeFileSync(join(folder, file), '<svg>one</svg>');
			const one = await symbolPicture(file, folder)!;
			expect(one.body).toBe('<svg>one</svg>');
			const other = mkdtempSync(join(tmpdir(), 'chorus-symbols-'));
			writeFileSync(join(other, file), '<svg>two</svg>');
			expect((await symbolPicture(file, other)!).etag).not.toBe(one.etag);
			rmSync(other, { recursive: true, force: true });
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('says a copy is still fresh only when its tag matches', () => {
		expect(stillFresh('"abc"', '"abc"')).toBe(true);
		expect(stillFresh('W/"abc"', '"abc"')).toBe(true);
		expect(stillFresh('"x", "abc"', '"abc"')).toBe(true);
		expect(stillFresh('*', '"abc"')).toBe(true);
		expect(stillFresh('"abd"', '"abc"')).toBe(false);
		expect(stillFresh(null, '"abc"')).toBe(false);
	});
});
