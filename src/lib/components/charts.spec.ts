import { describe, expect, it } from 'vitest';
import { percentBars, trendLine, type ChartLook } from './charts';

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
const drawn = (c: unknown) => c as Drawn;

describe('a bar chart of percentages', () => {
	it('has a bar per answer, held to 0–100, and grows with its bars', () => {
		const bars = percentBars(['Yes', 'No', 'Not sure'], [62.5, 140, Number.NaN], 'Answers to question 1');
		expect(bars.height).toBe(3 * 2.5 + 3);
		const c = drawn(bars.configure(look));
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
		const bars = percentBars(labels, values, 'Q1');
		labels.push('No');
		values[0] = 10;
		expect(drawn(bars.configure(look)).data).toMatchObject({ labels: ['Yes'], datasets: [{ data: [50] }] });
	});

	it('reads right to left, in the page colours and type, and keeps still when motion is reduced', () => {
		const c = drawn(percentBars(['Evet'], [50], 'Q1').configure({ ...look, rtl: true, still: true, ink: '#ffffff' }));
		expect(c.options.scales.x.reverse).toBe(true);
		expect(c.options.scales.y.position).toBe('right');
		expect(c.options.plugins.tooltip.rtl).toBe(true);
		expect(c.options.animation).toBe(false);
		expect(c.options.scales.y.ticks).toEqual({ color: '#ffffff', font });
	});
});

describe('a trend line', () => {
	const trend = {
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
		expect(setup.height).toBe(16);
		const c = drawn(setup.configure(look));
		expect(c.type).toBe('line');
		const [figures, target] = c.data.datasets;
		expect(figures).toMatchObject({ label: 'Figure', data: [55, null, 61, 70] });
		expect(target).toMatchObject({ label: 'Target', data: [75, 75, 75, 75], borderDash: [8, 6] });
		expect(c.options.scales.y).toMatchObject({ min: 0, max: 100 });
		expect(c.options.scales.y.ticks.callback!('40')).toBe('40%');
		expect(c.options.plugins.tooltip.callbacks.label({ dataset: { label: 'Figure' }, parsed: { y: 61 } })).toBe('Figure: 61%');
		expect(c.options.plugins.legend).toMatchObject({ rtl: false });
		expect(c.options.animation).toEqual({ duration: 400 });
	});

	it('scales a count to a little above its highest value or target', () => {
		const days = drawn(trendLine({ ...trend, values: [30, 12, null, 11], target: 20, percent: false, format: (v) => `${v} days` }).configure(look));
		expect(days.options.scales.y.max).toBeUndefined();
		expect(days.options.scales.y.suggestedMax).toBe(36);
		const none = drawn(trendLine({ ...trend, values: [null, null, null, null], target: 0, percent: false }).configure(look));
		expect(none.options.scales.y.suggestedMax).toBe(1);
	});
});
