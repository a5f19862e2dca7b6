import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { sanitiseImage, type SanitiseOptions } from './images';

/*
 * The contract for every uploaded picture: the fixtures below are built by hand, byte by byte,
 * carrying what a phone or an editor leaves in a file (GPS in Exif, text chunks, XMP, colour
 * profiles, a JFIF thumbnail, a second file hidden after the end), or pretending to be a picture
 * (an SVG or HTML page renamed .png). What comes out must hold none of it.
 */

const ascii = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (Uint8Array | number[])[]) =>
	Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const contains = (haystack: Uint8Array, needle: Uint8Array | string) =>
	Buffer.from(haystack).includes(typeof needle === 'string' ? Buffer.from(needle) : Buffer.from(needle));

async function codeOf(bytes: Uint8Array, options?: SanitiseOptions): Promise<string> {
	try {
		await sanitiseImage(bytes, options);
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).code;
	}
	throw new Error('expected a ValidationError');
}

/** The pixels of a picture, four channels each, as sharp decodes them. */
async function rgba(bytes: Uint8Array): Promise<number[]> {
	return Array.from(await sharp(bytes).ensureAlpha().raw().toBuffer());
}

/** What sharp finds in a picture's metadata: the output must carry none of these. */
async function expectNoMetadata(bytes: Uint8Array) {
	const meta = await sharp(bytes).metadata();
	expect(meta.exif).toBeUndefined();
	expect(meta.icc).toBeUndefined();
	expect(meta.xmp).toBeUndefined();
	expect(meta.iptc).toBeUndefined();
	expect(meta.comments).toBeUndefined();
	return meta;
}

// --------------------------------------------------------------------------------- PNG fixtures

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function chunk(type: string, data: Uint8Array | number[] = []): Uint8Array {
	const body = bytesOf(ascii(type), data);
	return bytesOf(u32(body.length - 4), body, u32(crc32(body)));
}

function ihdr(width: number, height: number, depth = 8, colourType = 2) {
	return chunk('IHDR', [...u32(width), ...u32(height), depth, colourType, 0, 0, 0]);
}

/** A real 1x1 RGB PNG (one orange pixel) with the given chunks between IHDR and IDAT. */
function png(extra: Uint8Array[] = [], trailing: Uint8Array[] = []): Uint8Array {
	const pixels = deflateSync(Uint8Array.of(0, 0xff, 0x80, 0x00)); // filter 0, R G B
	return bytesOf(PNG_SIGNATURE, ihdr(1, 1), ...extra, chunk('IDAT', pixels), ...trailing, chunk('IEND'));
}

/** A black RGB PNG of the given size, its rows compressed to almost nothing. */
function blackPng(width: number, height: number): Uint8Array {
	const pixels = deflateSync(new Uint8Array((1 + 3 * width) * height));
	return bytesOf(PNG_SIGNATURE, ihdr(width, height), chunk('IDAT', pixels), chunk('IEND'));
}

/** The chunk types of a PNG, in order. */
function chunkTypes(bytes: Uint8Array): string[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const types: string[] = [];
	for (let at = 8; at < bytes.length; at += 12 + view.getUint32(at)) {
		types.push(String.fromCharCode(...bytes.subarray(at + 4, at + 8)));
	}
	return types;
}

/** Chunks that describe pixels and nothing else (pHYs: the pixel density libvips writes). */
const PIXEL_CHUNKS = ['IHDR', 'PLTE', 'tRNS', 'pHYs', 'IDAT', 'IEND'];

const GPS = 'GPSLatitude 51.5074 N GPSLongitude 0.1278 W';

// -------------------------------------------------------------------------------- JPEG fixtures

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const segment = (marker: number, data: Uint8Array | number[]) =>
	bytesOf([0xff, marker, ...u16(data.length + 2)], data);

/** A real baseline 1x1 greyscale JPEG's decoding segments (mid grey). */
function jpegCore(width = 1, height = 1) {
	const dqt = segment(0xdb, [0x00, ...new Array(64).fill(1)]);
	const sof0 = segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]);
	// One Huffman code ("0") in each table: DC category 0, AC end-of-block.
	const counts = [1, ...new Array(15).fill(0)];
	const dhtDc = segment(0xc4, [0x00, ...counts, 0x00]);
	const dhtAc = segment(0xc4, [0x10, ...counts, 0x00]);
	const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
	const scan = [0x3f]; // bits 0 (DC diff 0), 0 (EOB), padded with ones
	return { tables: bytesOf(dqt, sof0, dhtDc, dhtAc), scan: bytesOf(sos, scan) };
}

function exif(orientation?: number): Uint8Array {
	// Little-endian TIFF with IFD0: Orientation (if given) and a GPS-looking ASCII string.
	const gps = ascii(GPS + '\0');
	const entries = orientation ? 2 : 1;
	const ifdSize = 2 + entries * 12 + 4;
	const le16 = (n: number) => [n & 0xff, n >> 8];
	const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
	const tiff = bytesOf(
		[0x49, 0x49, 0x2a, 0x00, ...le32(8)],
		le16(entries),
		orientation ? [...le16(0x0112), ...le16(3), ...le32(1), ...le16(orientation), 0, 0] : [],
		[...le16(0x010e), ...le16(2), ...le32(gps.length), ...le32(8 + ifdSize)], // ImageDescription
		le32(0),
		gps
	);
	return segment(0xe1, bytesOf(ascii('Exif\0\0'), tiff));
}

const jfifWithThumbnail = segment(0xe0, [
	...ascii('JFIF\0'),
	1, 2, 0, 0, 72, 0, 72, // version, units, density
	1, 1, 0xaa, 0xbb, 0xcc // a 1x1 RGB thumbnail
]);
const adobe = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
const comment = segment(0xfe, ascii('Taken at 12 Acacia Avenue'));
const xmp = segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Jane Doe</x:xmpmeta>'));
const icc = segment(0xe2, ascii('ICC_PROFILE\0\x01\x01iPhone 15 Pro'));

function jpeg(...metadata: Uint8Array[]): Uint8Array {
	const { tables, scan } = jpegCore();
	return bytesOf(SOI, ...metadata, tables, scan, EOI);
}

/** A JPEG made by sharp with the given segments put in right after its start marker. */
function withSegments(made: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
	return bytesOf(made.subarray(0, 2), ...segments, made.subarray(2));
}

/** The markers of a JPEG's segments, skipping entropy-coded data. */
function markers(bytes: Uint8Array): number[] {
	const found: number[] = [];
	let at = 2;
	while (at < bytes.length) {
		const marker = bytes[at + 1];
		found.push(marker);
		if (marker === 0xd9) break;
		at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
		if (marker === 0xda) {
			while (!(bytes[at] === 0xff && bytes[at + 1] !== 0 && (bytes[at + 1] < 0xd0 || bytes[at + 1] > 0xd7))) at++;
		}
	}
	return found;
}

/** Where the first scan of a JPEG ends: the index of the marker after its entropy-coded data. */
function endOfFirstScan(bytes: Uint8Array): number {
	let at = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xda]));
	at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3]);
	while (!(bytes[at] === 0xff && bytes[at + 1] !== 0 && (bytes[at + 1] < 0xd0 || bytes[at + 1] > 0xd7))) at++;
	return at;
}

/** Markers that only carry what is needed to draw the picture (JFIF: version and density). */
const PIXEL_MARKERS = new Set([0xe0, 0xdb, 0xc0, 0xc2, 0xc4, 0xdd, 0xda, 0xd9]);

// ----------------------------------------------------------------------------------------- PNG

describe('sanitiseImage: PNG', () => {
	it('drops text, Exif, time and other metadata chunks and keeps the picture', async () => {
		const input = png(
			[
				chunk('sRGB', [0]),
				chunk('gAMA', u32(45455)),
				chunk('tEXt', ascii('Comment\0' + GPS)),
				chunk('zTXt', bytesOf(ascii('Author\0\0'), deflateSync(ascii('Jane Doe')))),
				chunk('iTXt', ascii('Location\0\0\0\0\0Acacia Avenue')),
				chunk('eXIf', exif(6).subarray(10)),
				chunk('tIME', [0x07, 0xe9, 1, 2, 3, 4, 5]),
				chunk('iCCP', bytesOf(ascii('Phone\0\0'), deflateSync(ascii('profile')))),
				chunk('pHYs', [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])
			],
			[chunk('tEXt', ascii('After\0data'))]
		);
		expect(contains(input, 'GPSLatitude')).toBe(true);

		const out = await sanitiseImage(input);

		expect(out).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
		expect(Array.from(out.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
		const types = chunkTypes(out.bytes);
		expect(types.filter((type) => !PIXEL_CHUNKS.includes(type))).toEqual([]);
		expect(types.at(-1)).toBe('IEND');
		for (const gone of ['GPSLatitude', 'Jane', 'Acacia', 'Phone', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'iCCP', 'After']) {
			expect(contains(out.bytes, gone), gone).toBe(false);
		}
		await expectNoMetadata(out.bytes);
		// The pixel is the same orange, and drawing the result again changes nothing.
		expect(await rgba(out.bytes)).toEqual([0xff, 0x80, 0x00, 0xff]);
		expect((await sanitiseImage(out.bytes)).bytes).toEqual(out.bytes);
	});

	it('keeps a palette and its transparency, and reports the size from IHDR', async () => {
		const pixels = deflateSync(Uint8Array.of(0, 0, 1, 0, 0, 1, 0, 1)); // 3x2, 8-bit indices
		const input = bytesOf(
			PNG_SIGNATURE,
			ihdr(3, 2, 8, 3),
			chunk('PLTE', [0, 0, 0, 255, 255, 255]),
			chunk('tRNS', [0]),
			chunk('tEXt', ascii('Software\0Secret Editor')),
			chunk('IDAT', pixels),
			chunk('IEND')
		);
		const out = await sanitiseImage(input);
		expect(out).toMatchObject({ mime: 'image/png', width: 3, height: 2 });
		expect(chunkTypes(out.bytes).filter((type) => type !== 'pHYs')).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
		expect(contains(out.bytes, 'Secret')).toBe(false);
		// Transparent where index 0 was, opaque white where index 1 was.
		const alpha = (await rgba(out.bytes)).filter((_, i) => i % 4 === 3);
		expect(alpha).toEqual([0, 255, 0, 255, 0, 255]);
	});

	it('drops anything hidden after IEND', async () => {
		const input = bytesOf(png(), ascii('<script>alert(1)</script>'));
		const out = await sanitiseImage(input);
		expect(contains(out.bytes, '<script>')).toBe(false);
		expect(chunkTypes(out.bytes).at(-1)).toBe('IEND');
		expect(out.bytes).toEqual((await sanitiseImage(png())).bytes);
	});

	it('refuses a truncated PNG', async () => {
		const whole = png();
		// cut inside the image data (the last 12 bytes are IEND, the 4 before them IDAT's CRC)
		expect(await codeOf(whole.subarray(0, whole.length - 13))).toBe('image_damaged');
		expect(await codeOf(whole.subarray(0, 20))).toBe('image_damaged');
		expect(await codeOf(whole.subarray(0, 8))).toBe('image_damaged');
		// Missing only its end marker, the picture is whole: it comes out complete, with an IEND.
		const out = await sanitiseImage(whole.subarray(0, whole.length - 12));
		expect(chunkTypes(out.bytes).at(-1)).toBe('IEND');
	});

	it('refuses a PNG whose image data is corrupt', async () => {
		const input = png();
		const idat = Buffer.from(input).indexOf('IDAT');
		input[idat + 5] ^= 0xff;
		expect(await codeOf(input)).toBe('image_damaged');
	});

	it('refuses a PNG without IHDR first, without image data, or with an unknown critical chunk', async () => {
		const pixels = chunk('IDAT', deflateSync(Uint8Array.of(0, 1, 2, 3)));
		expect(await codeOf(bytesOf(PNG_SIGNATURE, pixels, chunk('IEND')))).toBe('image_damaged');
		expect(await codeOf(bytesOf(PNG_SIGNATURE, ihdr(1, 1), chunk('IEND')))).toBe('image_damaged');
		expect(await codeOf(png([chunk('CgBI', [0, 0, 0, 0])]))).toBe('image_damaged');
		// A palette image without its palette.
		expect(await codeOf(bytesOf(PNG_SIGNATURE, ihdr(1, 1, 8, 3), pixels, chunk('IEND')))).toBe('image_damaged');
		// A bit depth that does not exist for RGB.
		expect(await codeOf(bytesOf(PNG_SIGNATURE, ihdr(1, 1, 4, 2), pixels, chunk('IEND')))).toBe('image_damaged');
	});

	it('refuses a PNG wider or taller than 6000 pixels', async () => {
		expect(await codeOf(blackPng(6001, 10))).toBe('image_dimensions');
		expect(await codeOf(blackPng(10, 6001))).toBe('image_dimensions');
		expect(await sanitiseImage(blackPng(6000, 2))).toMatchObject({ width: 6000, height: 2 });
		// A width beyond what PNG allows (2^31 - 1) is not a picture at all: libpng refuses the header.
		expect(await codeOf(bytesOf(PNG_SIGNATURE, ihdr(0xffffffff, 1), chunk('IEND')))).toBe('image_damaged');
	});
});

// ---------------------------------------------------------------------------------------- JPEG

describe('sanitiseImage: JPEG', () => {
	it('drops Exif with GPS, XMP, ICC, comments and the JFIF thumbnail, and keeps the picture', async () => {
		const input = jpeg(jfifWithThumbnail, exif(), xmp, icc, adobe, comment);
		expect(contains(input, 'GPSLatitude')).toBe(true);

		const out = await sanitiseImage(input);

		expect(out).toMatchObject({ mime: 'image/jpeg', width: 1, height: 1 });
		expect(Array.from(out.bytes.subarray(0, 2))).toEqual(SOI);
		expect(Array.from(out.bytes.subarray(-2))).toEqual(EOI);
		// No APP1 (Exif, XMP), APP2 (ICC), APP14 or COM: only what draws the picture.
		expect(markers(out.bytes).filter((marker) => !PIXEL_MARKERS.has(marker))).toEqual([]);
		for (const gone of ['GPSLatitude', 'Exif', 'Jane', 'iPhone', 'Acacia', 'ICC_PROFILE', 'Adobe', 'http://ns.adobe.com']) {
			expect(contains(out.bytes, gone), gone).toBe(false);
		}
		// A JFIF header, if written, has a zero-size thumbnail.
		const app0 = Buffer.from(out.bytes).indexOf(Buffer.from([0xff, 0xe0]));
		if (app0 >= 0) expect(Array.from(out.bytes.subarray(app0 + 16, app0 + 18))).toEqual([0, 0]);
		await expectNoMetadata(out.bytes);
		// The same mid grey.
		expect(await rgba(out.bytes)).toEqual([128, 128, 128, 255]);
	});

	it('turns the picture as its Exif orientation says, keeps no Exif, and reports the size it is shown at', async () => {
		// 40 wide, 30 high: the top half red, the bottom half blue.
		const raw = Buffer.alloc(40 * 30 * 3);
		for (let i = 0; i < 40 * 30; i++) raw.set(i < 40 * 15 ? [255, 0, 0] : [0, 0, 255], i * 3);
		const made = await sharp(raw, { raw: { width: 40, height: 30, channels: 3 } }).jpeg({ quality: 100 }).toBuffer();

		// Orientation 6: shown turned a quarter clockwise, so the top (red) ends up on the right.
		const out = await sanitiseImage(withSegments(made, exif(6)));
		expect(out).toMatchObject({ mime: 'image/jpeg', width: 30, height: 40 });
		expect(contains(out.bytes, 'GPSLatitude')).toBe(false);
		expect(contains(out.bytes, 'Exif')).toBe(false);
		const meta = await expectNoMetadata(out.bytes);
		expect(meta.orientation).toBeUndefined();
		const pixels = await sharp(out.bytes).raw().toBuffer();
		const at = (x: number, y: number) => Array.from(pixels.subarray((y * 30 + x) * 3, (y * 30 + x) * 3 + 3));
		expect(at(25, 20)[0]).toBeGreaterThan(200); // red on the right
		expect(at(4, 20)[2]).toBeGreaterThan(200); // blue on the left

		const upright = await sanitiseImage(withSegments(made, exif(1)));
		expect(upright).toMatchObject({ width: 40, height: 30 });
		expect(contains(upright.bytes, 'Exif')).toBe(false);
	});

	it('draws a progressive JPEG anew, without a comment between its scans or bytes after its end', async () => {
		const made = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
			.jpeg({ progressive: true })
			.toBuffer();
		const cut = endOfFirstScan(made);
		const input = bytesOf(made.subarray(0, cut), comment, made.subarray(cut), ascii('trailer'));
		expect(markers(input).filter((marker) => marker === 0xda).length).toBeGreaterThan(1);

		const out = await sanitiseImage(input);

		expect(out).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
		expect(contains(out.bytes, 'Acacia')).toBe(false);
		expect(contains(out.bytes, 'trailer')).toBe(false);
		expect(Array.from(out.bytes.subarray(-2))).toEqual(EOI);
		expect(markers(out.bytes)).not.toContain(0xfe);
	});

	it('refuses a truncated JPEG', async () => {
		const whole = jpeg(exif());
		expect(await codeOf(whole.subarray(0, whole.length - 2))).toBe('image_damaged');
		expect(await codeOf(whole.subarray(0, 40))).toBe('image_damaged');
		expect(await codeOf(Uint8Array.of(0xff, 0xd8, 0xff))).toBe('image_damaged');
	});

	it('refuses a JPEG without a frame or scan', async () => {
		expect(await codeOf(bytesOf(SOI, exif(), EOI))).toBe('image_damaged');
		const { scan } = jpegCore();
		expect(await codeOf(bytesOf(SOI, scan, EOI))).toBe('image_damaged');
	});

	it('refuses a JPEG wider or taller than 6000 pixels', async () => {
		const wide = jpegCore(6001, 1);
		expect(await codeOf(bytesOf(SOI, wide.tables, wide.scan, EOI))).toBe('image_dimensions');
		const tall = jpegCore(1, 6001);
		expect(await codeOf(bytesOf(SOI, tall.tables, tall.scan, EOI))).toBe('image_dimensions');
		const edge = jpegCore(6000, 2);
		expect(await sanitiseImage(bytesOf(SOI, edge.tables, edge.scan, EOI))).toMatchObject({ width: 6000, height: 2 });
	});
});

// ----------------------------------------------------------------------------------- refusals

describe('sanitiseImage: what is not a PNG or JPEG', () => {
	it.each([
		['SVG', ascii('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
		['SVG with XML declaration', ascii('<?xml version="1.0"?><svg/>')],
		['HTML', ascii('<!doctype html><html><body>hi</body></html>')],
		['GIF', bytesOf(ascii('GIF89a'), [1, 0, 1, 0, 0, 0, 0, 0x3b])],
		['WebP', bytesOf(ascii('RIFF'), [26, 0, 0, 0], ascii('WEBPVP8 '), new Array(14).fill(0))],
		['an empty file', new Uint8Array()],
		['a PNG signature with its first byte lost', png().subarray(1)],
		['text that says PNG', ascii('PNG image, honest')]
	])('refuses %s', async (_name, bytes) => {
		expect(await codeOf(bytes)).toBe('image_type');
	});

	it.each([
		['a PNG signature followed by an SVG', bytesOf(PNG_SIGNATURE, ascii('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'))],
		['a JPEG start followed by an HTML page', bytesOf([0xff, 0xd8, 0xff], ascii('<!doctype html><html><body>hi</body></html>'))]
	])('refuses %s as damaged, without drawing it', async (_name, bytes) => {
		expect(await codeOf(bytes)).toBe('image_damaged');
	});

	it('leaves sharp no decoder but PNG and JPEG, even for code that calls it directly', async () => {
		const svg = ascii('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>');
		await expect(sharp(svg).metadata()).rejects.toThrow();
		const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).gif().toBuffer();
		await expect(sharp(gif).metadata()).rejects.toThrow();
		expect((await sharp(png()).metadata()).format).toBe('png');
	});

	it('refuses a file over the byte limit before looking inside', async () => {
		expect(await codeOf(new Uint8Array(2_000_001))).toBe('image_too_large');
		expect(await codeOf(png(), { maxBytes: 10 })).toBe('image_too_large');
		expect((await sanitiseImage(png(), { maxBytes: png().length })).mime).toBe('image/png');
	});

	it('gives a ValidationError with status 400', async () => {
		const refusal = await sanitiseImage(ascii('GIF89a')).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(ValidationError);
		expect((refusal as ValidationError).status).toBe(400);
	});
});

// ------------------------------------------------------------------------------------- options

describe('sanitiseImage: options and memory', () => {
	it('shrinks to fit and writes a JPEG on white when asked (profile photos)', async () => {
		const transparent = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
			.png()
			.toBuffer();
		const out = await sanitiseImage(transparent, { fitInside: 60, jpeg: true });
		expect(out).toMatchObject({ mime: 'image/jpeg', width: 60, height: 20 });
		expect((await rgba(out.bytes)).slice(0, 4)).toEqual([255, 255, 255, 255]);
	});

	it('decodes one picture at a time, however many arrive together', async () => {
		const pictures = [640, 641, 642, 643].map((side) => blackPng(side, side));
		let most = 0;
		let watching = true;
		const watch = () => {
			most = Math.max(most, sharp.counters().process);
			if (watching) setImmediate(watch);
		};
		watch();
		const done = await Promise.all(pictures.map((picture) => sanitiseImage(picture)));
		watching = false;
		expect(done.map((d) => d.width)).toEqual([640, 641, 642, 643]);
		expect(most).toBe(1);
	});
});
