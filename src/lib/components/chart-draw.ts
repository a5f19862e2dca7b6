/**
 * Draws charts: the one script that carries Chart.js (about 60 KB gzip), fetched by
 * chart-watch.ts only once a chart comes near the screen, so a page whose charts are never
 * scrolled to never downloads it. Built on its own as a plain script (Chart.svelte imports its
 * address with `?worker&url`: Vite bundles it with its imports, hashed, like any built file), it
 * leaves `window.chorusCharts` for the watcher.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { configure, type ChartLook, type ChartSpec } from './charts';

// named here, so the bundle keeps only what our charts use
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** The page's colours and type as the chart's canvas sees them (contrast and text-size settings included). */
function lookOf(canvas: HTMLCanvasElement): ChartLook {
	const style = getComputedStyle(canvas);
	const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
	return {
		ink: colour('--ink', '#0b0c0c'),
		brand: colour('--brand', '#1d3f72'),
		grid: colour('--border', '#6f7273'),
		font: { family: style.fontFamily, size: parseFloat(style.fontSize) || 16 },
		rtl: style.direction === 'rtl',
		still: matchMedia('(prefers-reduced-motion: reduce)').matches
	};
}

/** Draws the chart whose spec is in the canvas's `data-chart`; returns what takes it away again. */
function draw(canvas: HTMLCanvasElement): () => void {
	const spec = JSON.parse(canvas.dataset.chart ?? 'null') as ChartSpec | null;
	if (!spec) return () => {};
	const chart = new Chart(canvas, configure(spec, lookOf(canvas)) as ChartConfiguration);
	canvas.dataset.chartDrawn = 'yes';
	return () => {
		chart.destroy();
		delete canvas.dataset.chartDrawn;
	};
}

(window as unknown as { chorusCharts: { draw: typeof draw } }).chorusCharts = { draw };
