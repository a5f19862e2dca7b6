import { describe, expect, it } from 'vitest';
import { chartHeight, configure, pairedPercentBars, percentBars, trendLine, type ChartLook, type ChartSpec } from './charts';

const font = { family: 'Atkinson', size: 18 };
const look: ChartLook = { ink: '#000000', brand: '#1d3f72', grid: '#6f7273', font, rtl: false, still: false };

/** The parts of a configuration the tests read, without Chart.js's deep option types. */
type Drawn = {
	type: string;
	data: { labels: string[]; datasets: { label: string; data: (number | null)[]; borderDash?: number[] }[] };
	options: {
		animation: unknown;
		indexAxis?: string;
		scales: Record<string, { min?: number; max?: number; suggestedMax?: number; reverse?: boolean; position?: string; ticks: { color: string; font: unknown; callback?: (v: number | string) => string } }>;
		plugins: { legend?: { display?: boolean; rtl?: boolean }; tooltip: { rtl: boolean; callbacks: { label: (item: unknown) => string } } };
	};
};
/** A spec as it reaches the browser: through JSON, so nothing in it may be a function. */
const drawn = (spec: ChartSpec, at: ChartLook = look) => configure(JSON.parse(JSON.stringify(spec)) as ChartSpec, at) as unknown as Drawn;

describe('a bar chart of percentages', () => {
	it('has a bar per answer, held to 0–100, and grows with its bars', () => {
		const bars = percentBars(['Yes', 'No', 'Not sure'], [62.5, 140, Number.NaN], 'Answers to question 1', 'en-GB');
		expect(chartHeight(bars)).toBe(3 * 2.5 + 3);
		const c = drawn(bars);
		expect(c.type).toBe('bar');
		expect(c.options.indexAxis).toBe('y');
		expect(c.data.labels).toEqual(['Yes', 'No', 'Not sure']);
		expect(c.data.datasets).toHaveLength(1);
		expect(c.data.datasets[0].label).toBe('Answers to question 1');
		expect(c.data.datasets[0].data).toEqual([62.5, 100, 0]);
		expect(c.options.scales.x).toMatchObject({ min: 0, max: 100, reverse: false });
		expect(c.options.scales.x.ticks.callback!(40)).toBe('40%');
		expect(c.options.plugins.tooltip.callbacks.label({ parsed: { x: 25 } })).toBe('25%');
		// One series, named by the chart itself: no legend, even after a line chart registered it.
		expect(c.options.plugins.legend?.display).toBe(false);
	});

	it('copies its figures, so a later change to them draws a new chart', () => {
		const labels = ['Yes'];
		const values = [50];
		const bars = percentBars(labels, values, 'Q1', 'en-GB');
		labels.push('No');
		values[0] = 10;
		expect(drawn(bars).data).toMatchObject({ labels: ['Yes'], datasets: [{ data: [50] }] });
	});

	it('reads right to left, in the page colours and type, and keeps still when motion is reduced', () => {
		const c = drawn(percentBars(['Evet'], [50], 'Q1', 'tr'), { ...look, rtl: true, still: true, ink: '#ffffff' });
		expect(c.options.scales.x.reverse).toBe(true);
		expect(c.options.scales.y.position).toBe('right');
		expect(c.options.plugins.tooltip.rtl).toBe(true);
		expect(c.options.animation).toBe(false);
		expect(c.options.scales.y.ticks).toEqual({ color: '#ffffff', font });
		// percentages as the reader's language writes them
		expect(c.options.scales.x.ticks.callback!(40)).toBe('%40');
	});
});

describe('a trend line', () => {
	const trend = {
		locale: 'en-GB',
		labels: ['Q1', 'Q2', 'Q3', 'Q4'],
		values: [55, null, 61, 70],
		seriesLabel: 'Figure',
		target: 75,
		targetLabel: 'Target',
		percent: true,
		format: (v: number) => `${v}%`
	};

	it('leaves a gap for a hidden value and draws the target as a dashed line', () => {
		const setup = trendLine(trend);
		expect(chartHeight(setup)).toBe(16);
		const c = drawn(setup);
		expect(c.type).toBe('line');
		const [figures, target] = c.data.datasets;
		expect(figures).toMatchObject({ label: 'Figure', data: [55, null, 61, 70] });
		expect(target).toMatchObject({ label: 'Target', data: [75, 75, 75, 75], borderDash: [8, 6] });
		expect(c.options.scales.y).toMatchObject({ min: 0, max: 100 });
		expect(c.options.scales.y.ticks.callback!('40')).toBe('40%');
		expect(c.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Figure' }, datasetIndex: 0, dataIndex: 2, parsed: { y: 61 } })).toBe('Figure: 61%');
		expect(c.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Target' }, datasetIndex: 1, dataIndex: 2, parsed: { y: 75 } })).toBe('Target: 75%');
		expect(c.options.plugins.legend).toMatchObject({ rtl: false });
		expect(c.options.animation).toEqual({ duration: 400 });
	});

	it('scales a count to a little above its highest value or target', () => {
		const days = drawn(trendLine({ ...trend, values: [30, 12, null, 11], target: 20, percent: false, format: (v) => `${v} days`, axisTitle: 'Days' }));
		expect(days.options.scales.y.max).toBeUndefined();
		expect(days.options.scales.y.suggestedMax).toBe(36);
		// the words for each value come from the page; the axis counts in plain numbers under its title
		expect(days.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Figure' }, datasetIndex: 0, dataIndex: 1, parsed: { y: 12 } })).toBe('Figure: 12 days');
		expect(days.options.scales.y.ticks.callback!(1500)).toBe('1,500');
		expect((days.options.scales.y as unknown as { title: { text: string } }).title.text).toBe('Days');
		const none = drawn(trendLine({ ...trend, values: [null, null, null, null], target: 0, percent: false }));
		expect(none.options.scales.y.suggestedMax).toBe(1);
	});
});

describe('pairs of bars', () => {
	it('draws our share filled beside the local share outlined, held to 0–100, with a legend naming both', () => {
		const spec = pairedPercentBars(['Bengali', 'English'], { label: 'Our share', values: [4, 130] }, { label: 'Local share', values: [12, 70] }, 'en-GB');
		expect(chartHeight(spec)).toBe(2 * 3.5 + 3 + 2.5);
		const c = drawn(spec, { ...look, rtl: true });
		expect(c.options.indexAxis).toBe('y');
		expect(c.data.labels).toEqual(['Bengali', 'English']);
		expect(c.data.datasets.map((d) => [d.label, d.data])).toEqual([
			['Our share', [4, 100]],
			['Local share', [12, 70]]
		]);
		expect(c.options.plugins.legend).toMatchObject({ display: true, rtl: true });
		expect(c.options.scales.x).toMatchObject({ min: 0, max: 100, reverse: true });
		expect(c.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Our share' }, parsed: { x: 4 } })).toBe('Our share: 4%');
	});
});
