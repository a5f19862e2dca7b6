import { existsSync } from 'node:fs';

/**
 * The Chromium the tests drive: Debian's, since Playwright cannot download browsers here (0011).
 * Its old headless shell (`apt-get install chromium-headless-shell`) when installed: the same
 * Chromium build (Blink, V8, the same version as the `chromium` package) without the browser
 * around it, which is what Playwright itself runs for headless tests. It used a third less CPU
 * than full Chromium's new headless mode on the board tests (68 s against 99 to 108 s, 2026-12-07),
 * and CPU is what the end-to-end tests wait on on two cores. Full Chromium otherwise.
 */
export const CHROMIUM = existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium';

/**
 * `--no-sandbox`: Chromium refuses its sandbox as root, and CI runs as root; `--disable-gpu`: no
 * GPU. The rest make Chromium send no requests of its own, so the test that no request leaves the
 * site sees only the app's, and nothing waits on a network that is not there (0011).
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
