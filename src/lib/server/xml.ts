import { normaliseText } from '$lib/text';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text for XML (the board's Atom feed), as element content or an attribute value: normalised first
 * (normaliseText), so nothing saved before the boundary rule, such as a NUL, a vertical tab from
 * Word or a lone surrogate, can make the document invalid, then the five special characters escaped.
 */
export function xmlText(text: string): string {
	return normaliseText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
