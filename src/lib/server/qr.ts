/**
 * QR codes for printed posters and letters ("scan to answer the survey"), drawn on the server as
 * a standalone SVG so they need no JavaScript and print sharply at any size.
 */
import { encode } from 'uqr';

/** Blank modules around the code: the QR specification asks for at least four. */
export const QUIET_ZONE = 4;

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/**
 * An accessible SVG (role="img", titled with `label`) of a QR code for `text`: black modules on
 * white, one path, a 4-module quiet zone, a viewBox in modules. Medium error correction, so a
 * scuffed poster still scans. Throws RangeError if the text is too long for any QR code.
 */
export function qrSvg(text: string, label: string): string {
	const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE });
	let d = '';
	for (let y = 0; y < size; y++) {
		const row = data[y];
		for (let x = 0; x < size; ) {
			if (!row[x]) {
				x++;
				continue;
			}
			let end = x + 1;
			while (end < size && row[end]) end++;
			// One run of dark modules in this row: a rectangle one module high.
			d += `M${x} ${y}h${end - x}v1h-${end - x}z`;
			x = end;
		}
	}
	return (
		// The name is given twice on purpose: aria-label for inline use (no id to clash when a page
		// shows several codes), <title> for the SVG opened on its own and as a tooltip.
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" ` +
		`aria-label="${escapeXml(label)}" shape-rendering="crispEdges">` +
		`<title>${escapeXml(label)}</title>` +
		`<rect width="${size}" height="${size}" fill="#fff"/>` +
		`<path fill="#000" d="${d}"/>` +
		`</svg>`
	);
}
