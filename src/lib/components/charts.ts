/**
 * What the charts draw: a chart is written into the page as plain data (a `ChartSpec`, JSON in the
 * canvas's `data-chart`), and drawn in the browser only when it scrolls into view, by
 * chart-draw.ts, which alone carries Chart.js (decision 0052). Here: the specs (made where the page
 * is rendered) and the pure functions from a spec and the page's look to a Chart.js configuration.
 * Types only from Chart.js.
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

/** Percentages as horizontal bars, one per label. */
type BarsSpec = { kind: 'bars'; locale: string; labels: string[]; values: number[]; label: string };

/** A trend line with its target. Values and the target come already written for tooltips ("11 days"), since the words belong to the page. */
type TrendSpec = {
	kind: 'trend';
	locale: string;
	labels: string[];
	values: (number | null)[];
	valueTexts: (string | null)[];
	seriesLabel: string;
	target: number;
	targetText: string;
	targetLabel: string;
	percent: boolean;
	/** What the vertical axis counts, when it is not percentages ("Days"). */
	axisTitle: string | null;
};

/**
 * Two percentages per label as pairs of horizontal bars (ours beside a yardstick's): the first
 * series filled, the second outlined, so they differ by more than colour, with a legend naming them.
 */
type PairedBarsSpec = { kind: 'pairedBars'; locale: string; labels: string[]; first: { label: string; values: number[] }; second: { label: string; values: number[] } };

/** What to draw, as data only: it travels in the page as JSON. */
export type ChartSpec = BarsSpec | TrendSpec | PairedBarsSpec;

/** A chart's height in rem, so its box is sized before Chart.js arrives. */
export function chartHeight(spec: ChartSpec): number {
	if (spec.kind === 'pairedBars') return spec.labels.length * REM_PER_PAIR + REM_FOR_AXIS + REM_FOR_LEGEND;
	return spec.kind === 'bars' ? spec.labels.length * REM_PER_BAR + REM_FOR_AXIS : TREND_REM;
}

/** The Chart.js configuration for a spec, given the page's look. */
export function configure(spec: ChartSpec, look: ChartLook): ChartConfiguration<'bar'> | ChartConfiguration<'line', (number | null)[]> {
	if (spec.kind === 'pairedBars') return pairedBarsConfiguration(spec, look);
	return spec.kind === 'bars' ? barsConfiguration(spec, look) : trendConfiguration(spec, look);
}

/** A percentage as the reader's language writes it ("40%", "%40"). */
function percentText(value: number, locale: string): string {
	return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

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
/** Height given to each pair of bars, and to the legend above them, in rem. */
const REM_PER_PAIR = 3.5;
const REM_FOR_LEGEND = 2.5;

const percentValues = (values: readonly number[]) => values.map((v) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0)));

/**
 * Pairs of horizontal bars of percentages, one pair per label (our share beside the local share,
 * say). Values are held to 0–100; the figures are copied now.
 */
export function pairedPercentBars(
	labels: readonly string[],
	first: { label: string; values: readonly number[] },
	second: { label: string; values: readonly number[] },
	locale: string
): ChartSpec {
	return {
		kind: 'pairedBars',
		locale,
		labels: [...labels],
		first: { label: first.label, values: percentValues(first.values) },
		second: { label: second.label, values: percentValues(second.values) }
	};
}

/** The axes of a horizontal chart of percentages: 0 to 100 along, labels down the start side (right to left mirrored). */
function percentScales(look: ChartLook, percent: (v: number | string) => string) {
	return {
		x: {
			...axis(look),
			min: 0,
			max: 100,
			reverse: look.rtl,
			ticks: { ...axis(look).ticks, callback: percent },
			grid: { color: look.grid }
		},
		y: { ...axis(look), position: look.rtl ? ('right' as const) : ('left' as const), grid: { display: false } }
	};
}

function pairedBarsConfiguration(spec: PairedBarsSpec, look: ChartLook): ChartConfiguration<'bar'> {
	const percent = (v: number | string) => percentText(Number(v), spec.locale);
	return {
		type: 'bar',
		data: {
			labels: spec.labels,
			datasets: [
				{ label: spec.first.label, data: spec.first.values, backgroundColor: look.brand, borderColor: look.ink, borderWidth: 1 },
				{ label: spec.second.label, data: spec.second.values, backgroundColor: 'transparent', borderColor: look.ink, borderWidth: 2 }
			]
		},
		options: {
			...base(look),
			indexAxis: 'y',
			scales: percentScales(look, percent),
			plugins: {
				legend: { display: true, rtl: look.rtl, labels: { color: look.ink, font: look.font } },
				tooltip: { ...tooltip(look), callbacks: { label: (item) => `${item.dataset.label}: ${percent(item.parsed.x ?? 0)}` } }
			}
		}
	};
}

/**
 * A horizontal bar chart of percentages, one bar per label. Values are held to 0–100 (anything
 * not a number is 0); the figures are copied now, so a later change draws a new chart.
 */
export function percentBars(labels: readonly string[], values: readonly number[], label: string, locale: string): ChartSpec {
	return {
		kind: 'bars',
		locale,
		labels: [...labels],
		values: values.map((v) => Math.min(100, Math.max(0, Number.isFinite(v) ? v : 0))),
		label
	};
}

function barsConfiguration(spec: BarsSpec, look: ChartLook): ChartConfiguration<'bar'> {
	const percent = (v: number | string) => percentText(Number(v), spec.locale);
	return {
		type: 'bar',
		data: {
			labels: spec.labels,
			datasets: [{ label: spec.label, data: spec.values, backgroundColor: look.brand, borderColor: look.ink, borderWidth: 1 }]
		},
		options: {
			...base(look),
			indexAxis: 'y',
			scales: percentScales(look, percent),
			plugins: {
				// One series: its name is the chart's own.
				legend: { display: false },
				tooltip: { ...tooltip(look), callbacks: { label: (item) => percent(item.parsed.x ?? 0) } }
			}
		}
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
	locale: string;
	labels: readonly string[];
	/** One value per label; null leaves a gap. */
	values: readonly (number | null)[];
	/** The legend's name for the values line. */
	seriesLabel: string;
	target: number;
	targetLabel: string;
	percent: boolean;
	/** How a value is written in tooltips ("71%", "11 days"). */
	format: (value: number) => string;
	/** What the vertical axis counts, when it is not percentages ("Days"). */
	axisTitle?: string;
}): ChartSpec {
	const values = trend.values.map((v) => (v === null || !Number.isFinite(v) ? null : v));
	return {
		kind: 'trend',
		locale: trend.locale,
		labels: [...trend.labels],
		values,
		valueTexts: values.map((v) => (v === null ? null : trend.format(v))),
		seriesLabel: trend.seriesLabel,
		target: trend.target,
		targetText: trend.format(trend.target),
		targetLabel: trend.targetLabel,
		percent: trend.percent,
		axisTitle: trend.percent ? null : (trend.axisTitle ?? null)
	};
}

function trendConfiguration(spec: TrendSpec, look: ChartLook): ChartConfiguration<'line', (number | null)[]> {
	const { labels, values, valueTexts, seriesLabel, target, targetText, targetLabel, percent, axisTitle, locale } = spec;
	const highest = Math.max(target, ...values.filter((p): p is number => p !== null));
	const tick = (v: number | string) => (percent ? percentText(Number(v), locale) : new Intl.NumberFormat(locale).format(Number(v)));
	return {
		type: 'line',
		data: {
			labels,
			datasets: [
				{
					label: seriesLabel,
					data: values,
					borderColor: look.brand,
					backgroundColor: look.brand,
					borderWidth: 3,
					pointRadius: 5,
					pointHoverRadius: 7,
					spanGaps: false
				},
				{
					label: targetLabel,
					data: labels.map(() => target),
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
					ticks: { ...axis(look).ticks, callback: tick },
					...(axisTitle ? { title: { display: true, text: axisTitle, color: look.ink, font: look.font } } : {}),
					grid: { color: look.grid }
				}
			},
			plugins: {
				legend: { rtl: look.rtl, labels: { color: look.ink, font: look.font, boxHeight: 3 } },
				tooltip: {
					...tooltip(look),
					callbacks: { label: (item) => `${item.dataset.label}: ${item.datasetIndex === 1 ? targetText : (valueTexts[item.dataIndex] ?? '')}` }
				}
			}
		}
	};
}
