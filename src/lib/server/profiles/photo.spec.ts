import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { PHOTO_MAX_BYTES, PHOTO_SIDE, processPhoto } from './photo';

/*
 * A young person's photo must reach the database small and with nothing but pixels: no place it
 * was taken, no camera, no hidden words. These tests build real images carrying such details
 * with sharp itself and look for them, byte by byte, in what processPhoto returns.
 */

const SECRETS = ['SecretCopyright', 'SecretCameraMake', 'SecretCaption', 'SecretXmpCreator', 'SecretPngComment'];

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

async function codeOf(upload: Uint8Array): Promise<string> {
	try {
		await processPhoto(upload);
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return (error as ValidationError).code;
	}
	throw new Error('expected a ValidationError');
}

/** A 1200×800 phone-style JPEG with EXIF (camera, copyright, GPS position) and XMP. */
async function jpegWithLocation(): Promise<Buffer> {
	return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#88aaff' } })
		.jpeg()
		.withExif({
			IFD0: { Copyright: 'SecretCopyright', Make: 'SecretCameraMake', ImageDescription: 'SecretCaption' },
			// IFD3 is the GPS directory: 51°30'12.34" N, 0°7'0" W
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' }
		})
		.withXmp(
			'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
				'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>SecretXmpCreator</dc:creator>' +
				'</rdf:Description></rdf:RDF></x:xmpmeta>'
		)
		.toBuffer();
}

/** A PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Uint8Array): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** A 700×1000 PNG with a tEXt comment chunk right after its header. */
async function pngWithText(): Promise<Buffer> {
	const plain = await sharp({ create: { width: 700, height: 1000, channels: 4, background: '#ff8800' } }).png().toBuffer();
	const afterHeader = 8 + 12 + plain.readUInt32BE(8); // signature, then the IHDR chunk
	const text = pngChunk('tEXt', Buffer.from('Comment\0SecretPngComment', 'latin1'));
	return Buffer.concat([plain.subarray(0, afterHeader), text, plain.subarray(afterHeader)]);
}

describe('processPhoto', () => {
	it('turns a large JPEG with a GPS position into a small JPEG with no metadata at all', async () => {
		const upload = await jpegWithLocation();
		// the fixture really carries what we look for
		const before = await sharp(upload).metadata();
		expect(before.exif).toBeDefined();
		expect(contains(upload, 'SecretCopyright')).toBe(true);
		expect(contains(upload, 'SecretXmpCreator')).toBe(true);

		const { bytes, width, height } = await processPhoto(upload);

		expect(Math.max(width, height)).toBeLessThanOrEqual(PHOTO_SIDE);
		expect([width, height]).toEqual([480, 320]);
		const after = await sharp(bytes).metadata();
		expect(after.format).toBe('jpeg');
		expect([after.width, after.height]).toEqual([width, height]);
		expect(after.exif).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		for (const secret of SECRETS) expect(contains(bytes, secret), secret).toBe(false);
		// no EXIF or XMP block of any kind, so no GPS directory either
		expect(contains(bytes, 'Exif\0\0')).toBe(false);
		expect(contains(bytes, 'http://ns.adobe.com/xap/1.0/')).toBe(false);
	});

	it('turns a PNG with a text chunk into a small JPEG without the words', async () => {
		const upload = await pngWithText();
		expect(contains(upload, 'SecretPngComment')).toBe(true);
		expect((await sharp(upload).metadata()).format).toBe('png');

		const { bytes, width, height } = await processPhoto(upload);

		expect([width, height]).toEqual([336, 480]);
		const after = await sharp(bytes).metadata();
		expect(after.format).toBe('jpeg');
		expect(after.hasAlpha).toBe(false);
		for (const secret of SECRETS) expect(contains(bytes, secret), secret).toBe(false);
		expect(contains(bytes, 'tEXt')).toBe(false);
	});

	it('keeps a photo already small at its own size', async () => {
		const small = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#00ff00' } }).png().toBuffer();
		const { bytes, width, height } = await processPhoto(small);
		expect([width, height]).toEqual([2, 2]);
		expect((await sharp(bytes).metadata()).format).toBe('jpeg');
	});

	it('refuses a GIF, an SVG or a text file, whatever it is called', async () => {
		const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
		const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
		const text = Buffer.from('Just some words in a file named photo.jpg\n');
		expect(await codeOf(gif)).toBe('image_type');
		expect(await codeOf(svg)).toBe('image_type');
		expect(await codeOf(text)).toBe('image_type');
		expect(await codeOf(new Uint8Array(0))).toBe('image_type');
	});

	it('refuses an upload over the size limit before looking inside it', async () => {
		const huge = new Uint8Array(PHOTO_MAX_BYTES + 1);
		huge.set([0xff, 0xd8, 0xff]);
		expect(await codeOf(huge)).toBe('image_too_large');
	});

	it('refuses a JPEG cut short', async () => {
		const upload = await jpegWithLocation();
		expect(await codeOf(upload.subarray(0, Math.floor(upload.length / 2)))).toBe('image_damaged');
	});
});
