/**
 * Watches a page's charts (canvases with a `data-chart` spec and a `data-chart-code` address) and
 * draws each once it comes near the screen, fetching the chart code (chart-draw.ts, with Chart.js)
 * then and only then. Used two ways, so there is one mechanism: on pages without the app,
 * chart-island.ts runs it for every chart as a small script of the page's own; in the staff area,
 * Chart.svelte's attachment runs it for its canvas. A canvas watched twice (the island saw it,
 * then the app started) is watched by the later one only.
 */
import { chartHeight, type ChartSpec } from './charts';

type Drawer = { draw(canvas: HTMLCanvasElement): () => void };
type Watched = HTMLCanvasElement & { chorusUnwatch?: () => void };

let loading: Promise<Drawer> | undefined;

/** The chart code, loaded once per page; a failed load (the network dropped) is tried again by the next chart. */
function drawer(src: string): Promise<Drawer> {
	const w = window as unknown as { chorusCharts?: Drawer };
	if (w.chorusCharts) return Promise.resolve(w.chorusCharts);
	loading ??= new Promise<Drawer>((resolve, reject) => {
		const script = document.createElement('script');
		script.src = src;
		script.async = true;
		script.onload = () => (w.chorusCharts ? resolve(w.chorusCharts) : reject(new Error('The chart code did not start')));
		script.onerror = () => {
			script.remove();
			reject(new Error('The chart code did not load'));
		};
		document.head.append(script);
	}).catch((error) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

/** Sizes the chart's box now (so nothing moves when it is drawn) and draws it when it nears the screen. Returns what stops it. */
export function watch(canvas: HTMLCanvasElement): () => void {
	const watched = canvas as Watched;
	watched.chorusUnwatch?.();
	const spec = JSON.parse(canvas.dataset.chart ?? 'null') as ChartSpec | null;
	const code = canvas.dataset.chartCode;
	if (!spec || !code) return () => {};
	// Set through the CSSOM, which the Content Security Policy allows (style attributes it does not).
	const box = canvas.parentElement;
	if (box) box.style.blockSize = `${chartHeight(spec)}rem`;
	let stopped = false;
	let undraw: (() => void) | undefined;
	const observer = new IntersectionObserver(
		(entries) => {
			if (!entries.some((e) => e.isIntersecting)) return;
			observer.disconnect();
			drawer(code).then(
				(d) => {
					if (!stopped) undraw = d.draw(canvas);
				},
				() => {
					// no chart: the table beside it has every figure
				}
			);
		},
		// a little early, so the chart is there as it is read; not a whole screen early, or the
		// first chart just below the fold would fetch Chart.js with the page
		{ rootMargin: '200px 0px' }
	);
	observer.observe(canvas);
	const stop = () => {
		stopped = true;
		observer.disconnect();
		undraw?.();
		undraw = undefined;
		if (watched.chorusUnwatch === stop) delete watched.chorusUnwatch;
	};
	watched.chorusUnwatch = stop;
	return stop;
}

/** Every chart on the page. */
export function watchAll() {
	for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) watch(canvas);
}
