import { describe, expect, it } from 'vitest';
import { cycles, partGraph } from './check-cycles';

const graphOf = (edges: Record<string, string[]>) =>
	new Map(Object.entries(edges).map(([from, tos]) => [from, new Map(tos.map((to) => [to, [`${from} -> ${to}`]]))]));

describe('the cycle check of src/lib/server', () => {
	it('finds parts that depend on each other in a circle, however long', () => {
		expect(cycles(graphOf({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]);
		expect(cycles(graphOf({ surveys: ['reports'], reports: ['standards'], standards: ['surveys'], db: [] }))).toEqual([['reports', 'standards', 'surveys']]);
	});

	it('passes a one-way graph', () => {
		expect(cycles(graphOf({ reports: ['surveys', 'standards'], standards: ['surveys'], surveys: ['db'] }))).toEqual([]);
	});

	it('finds no cycle in the code today, and would find the one surveys importing reports made', () => {
		const graph = partGraph();
		expect(cycles(graph)).toEqual([]);
		expect(graph.get('reports')?.has('surveys')).toBe(true);
		graph.get('surveys')?.set('reports', ['src/lib/server/surveys/standards.ts -> src/lib/server/reports/recent.ts']);
		expect(cycles(graph).flat()).toEqual(expect.arrayContaining(['reports', 'surveys']));
	});
});
