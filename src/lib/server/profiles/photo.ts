/**
 * A young person's photo is re-drawn on the server before it is stored, like every uploaded
 * picture (see ../images): checked to be a real PNG or JPEG (by its bytes), turned the right way
 * up, made small enough for a one-page profile, and written out as a new JPEG on white. Only
 * pixels survive: no location, no camera, no date, no thumbnail of the uncropped original.
 */
import { PHOTO_MAX_BYTES } from '$lib/features/profiles/model';
import { sanitiseImage } from '../images';

export { PHOTO_MAX_BYTES };
/** The stored photo fits in this many pixels each way: plenty for a printed page. */
export const PHOTO_SIDE = 480;

/** Checks, orients, shrinks and re-encodes an upload. Throws ValidationError ('image_*'). */
export async function processPhoto(upload: Uint8Array): Promise<{ bytes: Uint8Array; width: number; height: number }> {
	const { bytes, width, height } = await sanitiseImage(upload, { maxBytes: PHOTO_MAX_BYTES, fitInside: PHOTO_SIDE, jpeg: true });
	return { bytes, width, height };
}
