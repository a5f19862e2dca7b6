import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, displayClasses, parseDisplay, serialiseDisplay } from './display';

describe('display settings cookie', () => {
	it('round-trips every setting', () => {
		const chosen = { textSize: 'largest', font: 'system', contrast: 'high', symbols: 'off' } as const;
		expect(parseDisplay(serialiseDisplay(chosen))).toEqual(chosen);
		expect(displayClasses(chosen)).toBe('text-largest font-system contrast-high symbols-off');
	});

	it('falls back to the defaults for a missing or tampered cookie', () => {
		expect(parseDisplay(undefined)).toEqual(DEFAULT_DISPLAY);
		expect(parseDisplay('huge."><script>.high')).toEqual({ ...DEFAULT_DISPLAY, contrast: 'high' });
	});
});
