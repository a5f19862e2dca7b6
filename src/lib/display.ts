/**
 * Display settings a person chooses on the settings page. They live in a cookie and are
 * applied on the server as classes on <html>, so they work without JavaScript and on the
 * very first paint.
 */
export const TEXT_SIZES = ['standard', 'large', 'largest'] as const;
export const FONTS = ['atkinson', 'system'] as const;
export const CONTRASTS = ['standard', 'high'] as const;
export const SYMBOLS = ['on', 'off'] as const;

export type DisplaySettings = {
	textSize: (typeof TEXT_SIZES)[number];
	font: (typeof FONTS)[number];
	contrast: (typeof CONTRASTS)[number];
	symbols: (typeof SYMBOLS)[number];
};

export const DEFAULT_DISPLAY: DisplaySettings = {
	textSize: 'standard',
	font: 'atkinson',
	contrast: 'standard',
	symbols: 'on'
};

export const DISPLAY_COOKIE = 'chorus_display';

function pick<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
	return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Reads settings from the cookie value ("textSize.font.contrast.symbols"); anything unknown falls back to the default. */
export function parseDisplay(value: string | undefined): DisplaySettings {
	const [textSize, font, contrast, symbols] = (value ?? '').split('.');
	return {
		textSize: pick(TEXT_SIZES, textSize, DEFAULT_DISPLAY.textSize),
		font: pick(FONTS, font, DEFAULT_DISPLAY.font),
		contrast: pick(CONTRASTS, contrast, DEFAULT_DISPLAY.contrast),
		symbols: pick(SYMBOLS, symbols, DEFAULT_DISPLAY.symbols)
	};
}

export function serialiseDisplay(s: DisplaySettings): string {
	return [s.textSize, s.font, s.contrast, s.symbols].join('.');
}

/** Classes for <html>: the stylesheet keys every setting off these. */
export function displayClasses(s: DisplaySettings): string {
	return [`text-${s.textSize}`, `font-${s.font}`, `contrast-${s.contrast}`, `symbols-${s.symbols}`].join(' ');
}
