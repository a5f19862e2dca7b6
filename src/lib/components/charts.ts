/**
 * What the charts draw (Chart.svelte draws them): pure functions from figures to a Chart.js
 * configuration, given the page's look. Types only from Chart.js here: the library itself is
 * loaded by Chart.svelte, and only where a chart is on the page.
 */
import type { ChartConfiguration } from 'chart.js';

type Font = { family: string; size: number };

/** The page's own colours and type, read when the chart is drawn, so the contrast and text-size settings apply to it too. */
export type ChartLook = {
	ink: string;
	brand: string;
	grid: string;
	font: Font;
	rtl: boolean;
	/** No animation (prefers-reduced-motion). */
	still: boolean;
};

/** What to draw: its height in rem, and its Chart.js configuration given the page's look. */
export type ChartSetup = {
	height: number;
	configure: (look: ChartLook) => ChartConfiguration<'bar'> | ChartConfiguration<'line', (number | null)[]>;
};

/** Options every chart starts from: sized by its box, in the page's colours and type, still when motion is reduced. */
function base(look: ChartLook) {
	return {
		responsive: true,
		maintainAspectRatio: false,
		animation: look.still ? (false as const) : { duration: 400 },
		color: look.ink,
		font: look.font
	};
}

/** An axis's ticks and line in ink, in the page's type. */
function axis(look: ChartLook) {
	return { ticks: { color: look.ink, font: look.font }, border: { color: look.ink } };
}

/** A tooltip in the page's type and direction. */
function tooltip(look: ChartLook) {
	return { rtl: look.rtl, bodyFont: look.font, titleFont: look.font };
}

/** Height given to each bar, in rem, plus room for the axis. */
const REM_PER_BAR = 2.5;
const REM_FOR_AXIS = 3;

/**
 * A horizontal bar chart of percentages, one bar per label. Values are held to 0–100 (anything
 * not a number is 0); the figures are copied now, so a later change draws a new chart.
 */
export function percentBars(labels: readonly string[], values: readonly number[], label: string): ChartSetup {
	const names = [...labels];
	const percentages = values.map((v) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0)));
	const percent = (v: number | string) => `${v}%`;
	return {
		height: names.length * REM_PER_BAR + REM_FOR_AXIS,
		configure: (look) => ({
			type: 'bar',
			data: {
				labels: names,
				datasets: [{ label, data: percentages, backgroundColor: look.brand, borderColor: look.ink, borderWidth: 1 }]
			},
			options: {
				...base(look),
				indexAxis: 'y',
				scales: {
					x: {
						...axis(look),
						min: 0,
						max: 100,
						reverse: look.rtl,
						ticks: { ...axis(look).ticks, callback: percent },
						grid: { color: look.grid }
					},
					y: { ...axis(look), position: look.rtl ? 'right' : 'left', grid: { display: false } }
				},
				plugins: {
					// One series: its name is the chart's own.
					legend: { display: false },
					tooltip: { ...tooltip(look), callbacks: { label: (item) => percent(item.parsed.x ?? 0) } }
				}
			}
		})
	};
}

/** Height of a trend chart, in rem. */
const TREND_REM = 16;

/**
 * A trend as a line, with its target as a dashed line. A missing or hidden value (null) is a gap
 * in the line, never a zero. Percentages run from 0 to 100; anything else from 0 to a little
 * above the highest value or the target.
 */
export function trendLine(trend: {
	labels: readonly string[];
	/** One value per label; null leaves a gap. */
	values: readonly (number | null)[];
	/** The legend's name for the values line. */
	seriesLabel: string;
	target: number;
	targetLabel: string;
	percent: boolean;
	/** How a value is written on the axis and in tooltips ("71%", "11 days"). */
	format: (value: number) => string;
}): ChartSetup {
	const names = [...trend.labels];
	const points = trend.values.map((v) => (v === null || !Number.isFinite(v) ? null : v));
	const { seriesLabel, target, targetLabel, percent, format } = trend;
	const highest = Math.max(target, ...points.filter((p): p is number => p !== null));
	return {
		height: TREND_REM,
		configure: (look) => ({
			type: 'line',
			data: {
				labels: names,
				datasets: [
					{
						label: seriesLabel,
						data: points,
						borderColor: look.brand,
						backgroundColor: look.brand,
						borderWidth: 3,
						pointRadius: 5,
						pointHoverRadius: 7,
						spanGaps: false
					},
					{
						label: targetLabel,
						data: names.map(() => target),
						borderColor: look.ink,
						backgroundColor: look.ink,
						borderWidth: 2,
						borderDash: [8, 6],
						pointRadius: 0,
						pointHoverRadius: 0
					}
				]
			},
			options: {
				...base(look),
				scales: {
					x: { ...axis(look), reverse: look.rtl, grid: { display: false } },
					y: {
						...axis(look),
						position: look.rtl ? 'right' : 'left',
						min: 0,
						...(percent ? { max: 100 } : { suggestedMax: Math.ceil(highest * 1.2) || 1 }),
						ticks: { ...axis(look).ticks, callback: (v: number | string) => format(Number(v)) },
						grid: { color: look.grid }
					}
				},
				plugins: {
					legend: { rtl: look.rtl, labels: { color: look.ink, font: look.font, boxHeight: 3 } },
					tooltip: { ...tooltip(look), callbacks: { label: (item) => `${item.dataset.label}: ${format(item.parsed.y ?? 0)}` } }
				}
			}
		})
	};
}
