/**
 * A young person's photo is re-drawn on the server before it is stored: checked to be a real PNG
 * or JPEG (by its bytes), turned the right way up, made small enough for a one-page profile, and
 * written out as a new JPEG. Re-encoding keeps only pixels, so no metadata survives: no location,
 * no camera, no date, no thumbnail of the uncropped original.
 */
import sharp from 'sharp';
import { ValidationError } from '../errors';
import { PHOTO_MAX_BYTES } from '$lib/profiles';
import { sanitiseImage } from '../images';

export { PHOTO_MAX_BYTES };
/** The stored photo fits in this many pixels each way: plenty for a printed page. */
export const PHOTO_SIDE = 480;

// One image at a time and no cache: the server runs in a small memory budget.
sharp.concurrency(1);
sharp.cache(false);

/** Checks, orients, shrinks and re-encodes an upload. Throws ValidationError ('image_*'). */
export async function processPhoto(upload: Uint8Array): Promise<{ bytes: Uint8Array; width: number; height: number }> {
	// the same checks as every picture upload: type by its bytes, size, dimensions, intact blocks
	const checked = sanitiseImage(upload, PHOTO_MAX_BYTES);
	try {
		const { data, info } = await sharp(checked.bytes, { limitInputPixels: 40_000_000, failOn: 'error' })
			.rotate() // applies the EXIF orientation, the one piece of metadata the checker keeps
			.resize(PHOTO_SIDE, PHOTO_SIDE, { fit: 'inside', withoutEnlargement: true })
			.flatten({ background: '#ffffff' }) // a transparent PNG gets a white page behind it
			.jpeg({ quality: 82, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
		return { bytes: new Uint8Array(data), width: info.width, height: info.height };
	} catch {
		throw new ValidationError('image_damaged', 'The photo could not be read.');
	}
}
