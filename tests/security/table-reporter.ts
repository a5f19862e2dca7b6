/**
 * Prints every attack of the security suite as one table (attack, expected, observed, result)
 * after the run, and writes it to .ci-out/security-table.md for the closing note of a change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export default class SecurityTableReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
		const rows: string[] = [];
		for (const module of testModules) {
			for (const testCase of module.children.allTests()) {
				const attack = testCase.meta().attack;
				if (!attack) continue;
				const state = testCase.result().state;
				const result = state === 'passed' ? 'held' : state === 'failed' ? '**FAILED**' : state;
				rows.push(`| ${cell(testCase.name)} | ${cell(attack.expected)} | ${cell(attack.observed)} | ${result} |`);
			}
		}
		const table = ['| attack | expected | observed | result |', '| --- | --- | --- | --- |', ...rows].join('\n');
		console.log(`\nSecurity: ${rows.length} attacks\n\n${table}\n`);
		mkdirSync('.ci-out', { recursive: true });
		writeFileSync('.ci-out/security-table.md', table + '\n');
	}
}
