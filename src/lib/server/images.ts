/**
 * Uploaded pictures (easy-read survey images) are re-packed before they are stored: only PNG and
 * JPEG are accepted, recognised by their first bytes (never by file name or declared type, so an
 * SVG, HTML page or GIF renamed to .png is refused), and every metadata block is dropped so a photo
 * taken on a phone does not publish where it was taken, the camera, or an embedded thumbnail of the
 * uncropped original. Pixels are never decoded here: the compressed image data is copied whole, so
 * no native image library is needed and the picture is not re-compressed.
 */
import { ValidationError } from './errors';

export type SanitisedImage = {
	mime: 'image/png' | 'image/jpeg';
	bytes: Uint8Array;
	width: number;
	height: number;
};

/** The largest width or height accepted, in pixels. */
export const MAX_IMAGE_SIDE = 6000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The largest picture a survey may use (the survey builder's upload). */
export const PICTURE_MAX_BYTES = 2_000_000;

/**
 * Checks an uploaded picture and returns a copy without metadata.
 * Throws ValidationError 'image_too_large' (more than maxBytes), 'image_type' (not a PNG or JPEG),
 * 'image_damaged' (truncated or malformed) or 'image_dimensions' (wider or taller than 6000 px).
 */
export function sanitiseImage(bytes: Uint8Array, maxBytes = PICTURE_MAX_BYTES): SanitisedImage {
	if (bytes.length > maxBytes) {
		throw new ValidationError('image_too_large', `The picture must be smaller than ${maxBytes} bytes.`);
	}
	if (startsWith(bytes, PNG_SIGNATURE)) return sanitisePng(bytes);
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return sanitiseJpeg(bytes);
	throw new ValidationError('image_type', 'The picture must be a PNG or JPEG file.');
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function damaged(detail: string): never {
	throw new ValidationError('image_damaged', `The picture could not be read (${detail}).`);
}

function checkSize(width: number, height: number): void {
	if (width < 1 || height < 1) damaged('no size');
	if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
		throw new ValidationError(
			'image_dimensions',
			`The picture must be at most ${MAX_IMAGE_SIDE} pixels wide and high.`
		);
	}
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

// ---------------------------------------------------------------------------------------- PNG

/**
 * Chunks that decide what the picture looks like. Everything else (tEXt, zTXt, iTXt, eXIf,
 * tIME, pHYs, iCCP, APNG frames, private chunks) is dropped; an animated PNG keeps its still
 * default image.
 */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB']);

/** Allowed bit depths for each PNG colour type. */
const PNG_DEPTHS: Record<number, readonly number[]> = {
	0: [1, 2, 4, 8, 16],
	2: [8, 16],
	3: [1, 2, 4, 8],
	4: [8, 16],
	6: [8, 16]
};

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG uses it (ISO 3309), over a chunk's type and data. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function sanitisePng(bytes: Uint8Array): SanitisedImage {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const kept: Uint8Array[] = [bytes.subarray(0, 8)];
	let width = 0;
	let height = 0;
	let colourType = -1;
	let sawPalette = false;
	let sawData = false;
	let dataEnded = false;
	let at = 8;
	let first = true;

	for (;;) {
		const chunk = at;
		if (chunk + 12 > bytes.length) damaged('PNG ends early');
		const length = view.getUint32(chunk);
		if (length > 0x7fffffff || chunk + 12 + length > bytes.length) damaged('PNG ends early');
		const type = String.fromCharCode(...bytes.subarray(chunk + 4, chunk + 8));
		if (!/^[A-Za-z]{4}$/.test(type)) damaged('bad PNG chunk');
		const data = bytes.subarray(chunk + 8, chunk + 8 + length);
		at = chunk + 12 + length;

		if (first) {
			if (type !== 'IHDR' || length !== 13) damaged('PNG without IHDR');
			first = false;
			width = view.getUint32(chunk + 8);
			height = view.getUint32(chunk + 12);
			const depth = data[8];
			colourType = data[9];
			if (!(PNG_DEPTHS[colourType] ?? []).includes(depth)) damaged('bad PNG colour type');
			if (data[10] !== 0 || data[11] !== 0 || data[12] > 1) damaged('bad PNG header');
			checkSize(width, height);
		} else if (type === 'IHDR') {
			damaged('second IHDR');
		}

		// A chunk whose first letter is upper case is critical: a decoder that does not know it
		// must give up, so a file relying on one we do not know cannot be shown safely.
		const critical = type.charCodeAt(0) < 0x61;
		if (critical && !PNG_KEEP.has(type)) damaged(`unsupported PNG chunk ${type}`);

		if (type === 'IDAT') {
			if (dataEnded) damaged('PNG image data split');
			if (colourType === 3 && !sawPalette) damaged('PNG palette missing');
			sawData = true;
		} else if (sawData) {
			dataEnded = true;
		}
		if (type === 'PLTE') sawPalette = true;

		if (PNG_KEEP.has(type)) {
			// Kept chunks are copied whole, CRC included, so it only needs checking, not recomputing.
			if (crc32(bytes.subarray(chunk + 4, at - 4)) !== view.getUint32(at - 4)) {
				damaged(`PNG chunk ${type} is corrupt`);
			}
			kept.push(bytes.subarray(chunk, at));
		}

		if (type === 'IEND') break; // anything after IEND (a hidden second file) is dropped
	}
	if (!sawData) damaged('PNG without image data');
	return { mime: 'image/png', bytes: concat(kept), width, height };
}

// --------------------------------------------------------------------------------------- JPEG

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Segments needed to decode: tables (DQT, DHT, DAC), restart interval, frame and scans. */
function isStructural(marker: number): boolean {
	return (
		isStartOfFrame(marker) ||
		marker === 0xdb || // DQT
		marker === 0xc4 || // DHT
		marker === 0xcc || // DAC
		marker === 0xdd || // DRI
		marker === 0xda || // SOS
		marker === 0xdc // DNL
	);
}

function sanitiseJpeg(bytes: Uint8Array): SanitisedImage {
	const out: Uint8Array[] = [bytes.subarray(0, 2)];
	const u16 = (i: number) => (bytes[i] << 8) | bytes[i + 1];
	let width = 0;
	let height = 0;
	let orientation = 1;
	let sawFrame = false;
	let sawScan = false;
	let at = 2;

	for (;;) {
		if (at >= bytes.length || bytes[at] !== 0xff) damaged('JPEG ends early or is malformed');
		while (at < bytes.length && bytes[at] === 0xff) at++; // fill bytes before a marker
		if (at >= bytes.length) damaged('JPEG ends early');
		const marker = bytes[at++];

		if (marker === 0xd9) {
			// EOI. Anything after it (a hidden second file) is dropped.
			if (!sawFrame || !sawScan) damaged('JPEG without image data');
			out.push(Uint8Array.of(0xff, 0xd9));
			break;
		}
		if (marker === 0xd8 || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			damaged('unexpected JPEG marker');
		}
		if (at + 2 > bytes.length) damaged('JPEG ends early');
		const length = u16(at);
		if (length < 2 || at + length > bytes.length) damaged('JPEG ends early');
		const start = at - 2;
		const data = bytes.subarray(at + 2, at + length);
		at += length;

		if (marker === 0xe0) {
			// APP0: keep JFIF (pixel density) but not its optional thumbnail; drop JFXX and others.
			if (data.length >= 14 && startsWith(data, [0x4a, 0x46, 0x49, 0x46, 0x00])) {
				const jfif = Uint8Array.of(0xff, 0xe0, 0x00, 0x10, ...data.subarray(0, 14));
				jfif[16] = 0; // thumbnail width
				jfif[17] = 0; // thumbnail height
				out.push(jfif);
			}
		} else if (marker === 0xee) {
			// APP14 "Adobe": says whether the colours are YCbCr/YCCK or RGB/CMYK; fixed size.
			if (data.length >= 12 && startsWith(data, [0x41, 0x64, 0x6f, 0x62, 0x65])) {
				out.push(Uint8Array.of(0xff, 0xee, 0x00, 0x0e, ...data.subarray(0, 12)));
			}
		} else if (marker === 0xe1 && !sawFrame && orientation === 1) {
			// APP1 Exif: only the orientation survives (see orientationSegment); GPS, camera, dates,
			// thumbnails and XMP go.
			orientation = exifOrientation(data);
			if (orientation !== 1) out.push(orientationSegment(orientation));
		} else if (isStructural(marker)) {
			if (isStartOfFrame(marker)) {
				if (sawFrame) damaged('JPEG with more than one frame');
				if (data.length < 6) damaged('bad JPEG frame');
				sawFrame = true;
				height = u16(start + 5);
				width = u16(start + 7);
				checkSize(width, height);
			}
			out.push(bytes.subarray(start, at));
			if (marker === 0xda) {
				if (!sawFrame) damaged('JPEG scan before frame');
				sawScan = true;
				// Entropy-coded data runs until a marker other than a stuffed FF00 or a restart
				// marker (FFD0–FFD7); it is copied unchanged.
				const scanStart = at;
				for (;;) {
					if (at + 1 >= bytes.length) damaged('JPEG ends early');
					if (bytes[at] === 0xff) {
						const next = bytes[at + 1];
						if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
						if (next === 0xff) {
							// Fill byte: the marker proper starts at the last FF of the run.
							at++;
							continue;
						}
						at += 2;
					} else {
						at++;
					}
				}
				out.push(bytes.subarray(scanStart, at));
			}
		}
		// Everything else is dropped: APP1–APP13, APP15 (Exif, XMP, ICC profiles, maker notes,
		// Photoshop IPTC), COM comments and the reserved JPGn extensions.
	}

	// Orientations 5–8 turn the picture a quarter turn: report the size it is shown at.
	if (orientation >= 5) [width, height] = [height, width];
	return { mime: 'image/jpeg', bytes: concat(out), width, height };
}

/**
 * The Exif orientation (1–8; 1 when absent or unreadable). Browsers turn phone photos upright
 * using it, so dropping it would show portrait photos on their side.
 */
function exifOrientation(data: Uint8Array): number {
	if (!startsWith(data, [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]) || data.length < 14) return 1;
	const tiff = data.subarray(6);
	const little = tiff[0] === 0x49 && tiff[1] === 0x49;
	if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
	const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
	if (view.getUint16(2, little) !== 42) return 1;
	const ifd = view.getUint32(4, little);
	if (ifd + 2 > tiff.length) return 1;
	const count = view.getUint16(ifd, little);
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > tiff.length) return 1;
		if (view.getUint16(entry, little) !== 0x0112) continue;
		if (view.getUint16(entry + 2, little) !== 3) return 1; // must be a SHORT
		const value = view.getUint16(entry + 8, little);
		return value >= 1 && value <= 8 ? value : 1;
	}
	return 1;
}

/** A new APP1 Exif segment holding nothing but the orientation (36 bytes, big-endian). */
function orientationSegment(orientation: number): Uint8Array {
	// prettier-ignore
	return Uint8Array.of(
		0xff, 0xe1, 0x00, 0x22, // APP1, length 34
		0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
		0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, first IFD at 8
		0x00, 0x01, // one entry
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation SHORT
		0x00, 0x00, 0x00, 0x00 // no next IFD
	);
}
