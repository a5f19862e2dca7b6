import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { crc32, sanitiseImage } from './images';

const ascii = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (Uint8Array | number[])[]) =>
	Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const contains = (haystack: Uint8Array, needle: Uint8Array | string) =>
	Buffer.from(haystack).includes(typeof needle === 'string' ? Buffer.from(needle) : Buffer.from(needle));

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).code;
	}
	throw new Error('expected a ValidationError');
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

/** The chunk types of a PNG, in order. */
function chunkTypes(bytes: Uint8Array): string[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const types: string[] = [];
	for (let at = 8; at < bytes.length; at += 12 + view.getUint32(at)) {
		types.push(String.fromCharCode(...bytes.subarray(at + 4, at + 8)));
	}
	return types;
}

function idatPixels(bytes: Uint8Array): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (let at = 8; at < bytes.length; at += 12 + view.getUint32(at)) {
		if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'IDAT') {
			return inflateSync(bytes.subarray(at + 8, at + 8 + view.getUint32(at)));
		}
	}
	throw new Error('no IDAT');
}

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

// ----------------------------------------------------------------------------------------- PNG

describe('sanitiseImage: PNG', () => {
	it('drops text, Exif, time and other metadata chunks and keeps the picture', () => {
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

		const out = sanitiseImage(input);

		expect(out).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
		expect(Array.from(out.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
		expect(chunkTypes(out.bytes)).toEqual(['IHDR', 'sRGB', 'gAMA', 'IDAT', 'IEND']);
		for (const gone of ['GPSLatitude', 'Jane', 'Acacia', 'Phone', 'tEXt', 'eXIf', 'tIME', 'After']) {
			expect(contains(out.bytes, gone), gone).toBe(false);
		}
		// The pixels are untouched and every kept chunk still carries a valid CRC.
		expect(Array.from(idatPixels(out.bytes))).toEqual([0, 0xff, 0x80, 0x00]);
		expect(sanitiseImage(out.bytes).bytes).toEqual(out.bytes);
	});

	it('keeps a palette and its transparency, and reports the size from IHDR', () => {
		const pixels = deflateSync(Uint8Array.of(0, 0, 0, 0, 0, 0, 0)); // 3x2, 8-bit indices
		const input = bytesOf(
			PNG_SIGNATURE,
			ihdr(3, 2, 8, 3),
			chunk('PLTE', [0, 0, 0, 255, 255, 255]),
			chunk('tRNS', [0]),
			chunk('tEXt', ascii('Software\0Secret Editor')),
			chunk('IDAT', pixels),
			chunk('IEND')
		);
		const out = sanitiseImage(input);
		expect(out).toMatchObject({ width: 3, height: 2 });
		expect(chunkTypes(out.bytes)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
	});

	it('drops anything hidden after IEND', () => {
		const input = bytesOf(png(), ascii('<script>alert(1)</script>'));
		const out = sanitiseImage(input);
		expect(contains(out.bytes, '<script>')).toBe(false);
		expect(out.bytes).toEqual(png());
	});

	it('refuses a truncated PNG', () => {
		const whole = png();
		expect(codeOf(() => sanitiseImage(whole.subarray(0, whole.length - 12)))).toBe('image_damaged');
		expect(codeOf(() => sanitiseImage(whole.subarray(0, 20)))).toBe('image_damaged');
		expect(codeOf(() => sanitiseImage(whole.subarray(0, 8)))).toBe('image_damaged');
	});

	it('refuses a PNG whose image data is corrupt', () => {
		const input = png();
		const idat = Buffer.from(input).indexOf('IDAT');
		input[idat + 5] ^= 0xff;
		expect(codeOf(() => sanitiseImage(input))).toBe('image_damaged');
	});

	it('refuses a PNG without IHDR first, without image data, or with an unknown critical chunk', () => {
		const pixels = chunk('IDAT', deflateSync(Uint8Array.of(0, 1, 2, 3)));
		expect(codeOf(() => sanitiseImage(bytesOf(PNG_SIGNATURE, pixels, chunk('IEND'))))).toBe('image_damaged');
		expect(codeOf(() => sanitiseImage(bytesOf(PNG_SIGNATURE, ihdr(1, 1), chunk('IEND'))))).toBe(
			'image_damaged'
		);
		expect(codeOf(() => sanitiseImage(png([chunk('CgBI', [0, 0, 0, 0])])))).toBe('image_damaged');
		// A palette image without its palette.
		expect(
			codeOf(() => sanitiseImage(bytesOf(PNG_SIGNATURE, ihdr(1, 1, 8, 3), pixels, chunk('IEND'))))
		).toBe('image_damaged');
		// A bit depth that does not exist for RGB.
		expect(
			codeOf(() => sanitiseImage(bytesOf(PNG_SIGNATURE, ihdr(1, 1, 4, 2), pixels, chunk('IEND'))))
		).toBe('image_damaged');
	});

	it('refuses a PNG wider or taller than 6000 pixels', () => {
		const huge = (w: number, h: number) => bytesOf(PNG_SIGNATURE, ihdr(w, h), chunk('IEND'));
		expect(codeOf(() => sanitiseImage(huge(6001, 10)))).toBe('image_dimensions');
		expect(codeOf(() => sanitiseImage(huge(10, 6001)))).toBe('image_dimensions');
		expect(codeOf(() => sanitiseImage(huge(0xffffffff, 1)))).toBe('image_dimensions');
	});
});

// ---------------------------------------------------------------------------------------- JPEG

describe('sanitiseImage: JPEG', () => {
	it('drops Exif with GPS, XMP, ICC, comments and the JFIF thumbnail, and keeps the picture', () => {
		const input = jpeg(jfifWithThumbnail, exif(), xmp, icc, adobe, comment);
		expect(contains(input, 'GPSLatitude')).toBe(true);

		const out = sanitiseImage(input);

		expect(out).toMatchObject({ mime: 'image/jpeg', width: 1, height: 1 });
		expect(Array.from(out.bytes.subarray(0, 2))).toEqual(SOI);
		expect(Array.from(out.bytes.subarray(-2))).toEqual(EOI);
		// JFIF, Adobe, DQT, SOF0, DHT, DHT, SOS, EOI: no APP1, APP2 or COM.
		expect(markers(out.bytes)).toEqual([0xe0, 0xee, 0xdb, 0xc0, 0xc4, 0xc4, 0xda, 0xd9]);
		for (const gone of ['GPSLatitude', 'Exif', 'Jane', 'iPhone', 'Acacia', 'ICC_PROFILE']) {
			expect(contains(out.bytes, gone), gone).toBe(false);
		}
		// The JFIF header survives with a zero-size thumbnail and without the thumbnail's pixels.
		expect(Array.from(out.bytes.subarray(2, 20))).toEqual([
			0xff, 0xe0, 0, 16, ...ascii('JFIF\0'), 1, 2, 0, 0, 72, 0, 72, 0, 0
		]);
		expect(contains(out.bytes, [0xaa, 0xbb, 0xcc] as unknown as Uint8Array)).toBe(false);
		// The tables, frame, scan and entropy-coded data are byte for byte the original ones.
		const { tables, scan } = jpegCore();
		expect(contains(out.bytes, bytesOf(tables, scan, EOI))).toBe(true);
		expect(sanitiseImage(out.bytes).bytes).toEqual(out.bytes);
	});

	it('keeps only the orientation from Exif, and reports the size the picture is shown at', () => {
		const { tables, scan } = jpegCore(40, 30);
		const out = sanitiseImage(bytesOf(SOI, exif(6), tables, scan, EOI));
		expect(contains(out.bytes, 'GPSLatitude')).toBe(false);
		expect(markers(out.bytes)).toEqual([0xe1, 0xdb, 0xc0, 0xc4, 0xc4, 0xda, 0xd9]);
		// A fresh 36-byte big-endian Exif segment whose one entry is Orientation = 6.
		const app1 = out.bytes.subarray(2, 38);
		expect(Array.from(app1.subarray(0, 4))).toEqual([0xff, 0xe1, 0, 34]);
		expect(Array.from(app1.subarray(4, 18))).toEqual([...ascii('Exif\0\0MM\0*'), 0, 0, 0, 8]);
		expect(Array.from(app1.subarray(32))).toEqual([0, 0, 0, 0]);
		expect(Array.from(app1.subarray(20, 30))).toEqual([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6]);
		expect(out).toMatchObject({ width: 30, height: 40 });

		const upright = sanitiseImage(bytesOf(SOI, exif(1), tables, scan, EOI));
		expect(markers(upright.bytes)[0]).toBe(0xdb); // orientation 1 needs no Exif at all
		expect(upright).toMatchObject({ width: 40, height: 30 });
	});

	it('copies entropy-coded data with stuffed bytes and restart markers unchanged, across scans', () => {
		const { tables } = jpegCore();
		const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
		const data1 = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];
		const data2 = [0x78, 0xff, 0x00, 0xff, 0xd1, 0x9a];
		const input = bytesOf(SOI, tables, sos, data1, comment, sos, data2, [0xff], EOI, ascii('trailer'));
		const out = sanitiseImage(input);
		expect(out.bytes).toEqual(bytesOf(SOI, tables, sos, data1, sos, data2, [0xff], EOI));
	});

	it('refuses a truncated JPEG', () => {
		const whole = jpeg(exif());
		expect(codeOf(() => sanitiseImage(whole.subarray(0, whole.length - 2)))).toBe('image_damaged');
		expect(codeOf(() => sanitiseImage(whole.subarray(0, 40)))).toBe('image_damaged');
		expect(codeOf(() => sanitiseImage(Uint8Array.of(0xff, 0xd8, 0xff)))).toBe('image_damaged');
	});

	it('refuses a JPEG without a frame or scan', () => {
		expect(codeOf(() => sanitiseImage(bytesOf(SOI, exif(), EOI)))).toBe('image_damaged');
		const { scan } = jpegCore();
		expect(codeOf(() => sanitiseImage(bytesOf(SOI, scan, EOI)))).toBe('image_damaged');
	});

	it('refuses a JPEG wider or taller than 6000 pixels', () => {
		const wide = jpegCore(6001, 1);
		expect(codeOf(() => sanitiseImage(bytesOf(SOI, wide.tables, wide.scan, EOI)))).toBe('image_dimensions');
		const tall = jpegCore(1, 6001);
		expect(codeOf(() => sanitiseImage(bytesOf(SOI, tall.tables, tall.scan, EOI)))).toBe('image_dimensions');
		const edge = jpegCore(6000, 6000);
		expect(sanitiseImage(bytesOf(SOI, edge.tables, edge.scan, EOI))).toMatchObject({ width: 6000, height: 6000 });
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
	])('refuses %s', (_name, bytes) => {
		expect(codeOf(() => sanitiseImage(bytes))).toBe('image_type');
	});

	it('refuses a file over the byte limit before looking inside', () => {
		expect(codeOf(() => sanitiseImage(new Uint8Array(2_000_001)))).toBe('image_too_large');
		expect(codeOf(() => sanitiseImage(png(), 10))).toBe('image_too_large');
		expect(sanitiseImage(png(), png().length).mime).toBe('image/png');
	});

	it('gives a ValidationError with status 400', () => {
		try {
			sanitiseImage(ascii('GIF89a'));
		} catch (error) {
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).status).toBe(400);
			return;
		}
		throw new Error('expected a refusal');
	});
});

it('crc32 matches the PNG specification check value', () => {
	expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
	expect(crc32(ascii('IEND'))).toBe(0xae426082);
});
