/**
 * Every picture a person uploads (a survey's easy-read pictures, a young person's photo) comes
 * through here before it is stored. Uploads are untrusted, so:
 * - only PNG and JPEG are accepted, recognised by their first bytes (never by file name or declared
 *   type), so an SVG, HTML page, GIF or WebP renamed to .png is refused before any decoder sees it;
 * - the size in bytes and the width and height (read from the header) are checked before decoding;
 * - the picture is decoded by sharp (libvips) and drawn anew, turned the way its EXIF orientation
 *   says. Only pixels survive: no location, camera, date, text chunk, colour profile, embedded
 *   thumbnail of the uncropped original, nor anything hidden after the end of the file.
 */
import sharp from 'sharp';
import { ValidationError } from './errors';

export type SanitisedImage = {
	mime: 'image/png' | 'image/jpeg';
	bytes: Uint8Array;
	width: number;
	height: number;
};

export type SanitiseOptions = {
	/** Refuse an upload larger than this many bytes. */
	maxBytes?: number;
	/** Shrink the picture to fit inside a square this many pixels wide (never enlarged). */
	fitInside?: number;
	/** Always write a JPEG on a white background; otherwise a PNG stays a PNG (line art, transparency). */
	jpeg?: boolean;
};

/** The largest width or height accepted, in pixels. */
export const MAX_IMAGE_SIDE = 6000;

/** The largest picture a survey may use (the survey builder's upload). */
export const PICTURE_MAX_BYTES = 2_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_START = [0xff, 0xd8, 0xff];

// The server runs in a small memory budget (node --max-old-space-size=192, and libvips' pixels
// come on top of it): a 6000×6000 picture decodes to up to 144 MB. So libvips uses one thread and
// keeps no cache, and uploads wait their turn (`oneAtATime`) to be decoded one at a time.
sharp.concurrency(1);
sharp.cache(false);
// Whatever the bytes claim, libvips may run no decoder but the two we accept (no SVG, TIFF, HEIF...).
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({ operation: ['VipsForeignLoadPngBuffer', 'VipsForeignLoadJpegBuffer'] });

let queue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
	const turn = queue.then(job, job);
	queue = turn.catch(() => undefined);
	return turn;
}

/**
 * Checks an uploaded picture and returns it drawn anew, with nothing but its pixels.
 * Throws ValidationError 'image_too_large' (more than maxBytes), 'image_type' (not a PNG or JPEG),
 * 'image_damaged' (truncated or malformed) or 'image_dimensions' (wider or taller than 6000 px).
 */
export async function sanitiseImage(upload: Uint8Array, options: SanitiseOptions = {}): Promise<SanitisedImage> {
	const maxBytes = options.maxBytes ?? PICTURE_MAX_BYTES;
	if (upload.length > maxBytes) {
		throw new ValidationError('image_too_large', `The picture must be smaller than ${maxBytes} bytes.`);
	}
	const format = startsWith(upload, PNG_SIGNATURE) ? 'png' : startsWith(upload, JPEG_START) ? 'jpeg' : null;
	if (!format) throw new ValidationError('image_type', 'The picture must be a PNG or JPEG file.');
	return oneAtATime(() => redraw(upload, format, options));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function damaged(): never {
	throw new ValidationError('image_damaged', 'The picture could not be read.');
}

async function redraw(upload: Uint8Array, format: 'png' | 'jpeg', options: SanitiseOptions): Promise<SanitisedImage> {
	const input = () => sharp(upload, { failOn: 'error', limitInputPixels: MAX_IMAGE_SIDE * MAX_IMAGE_SIDE });
	// The header alone: the size is known before any pixel is decoded.
	const header = await input().metadata().catch(damaged);
	if (header.format !== format) damaged();
	if (header.width > MAX_IMAGE_SIDE || header.height > MAX_IMAGE_SIDE) {
		throw new ValidationError('image_dimensions', `The picture must be at most ${MAX_IMAGE_SIDE} pixels wide and high.`);
	}
	let image = input().autoOrient();
	if (options.fitInside) image = image.resize(options.fitInside, options.fitInside, { fit: 'inside', withoutEnlargement: true });
	const asJpeg = options.jpeg || format === 'jpeg';
	image = asJpeg
		? image.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true })
		: // a picture drawn with a palette (most line art) keeps one, so it stays small
			image.png({ compressionLevel: 9, palette: header.isPalette, quality: 100, dither: 0 });
	const { data, info } = await image.toBuffer({ resolveWithObject: true }).catch(damaged);
	return { mime: asJpeg ? 'image/jpeg' : 'image/png', bytes: new Uint8Array(data), width: info.width, height: info.height };
}
