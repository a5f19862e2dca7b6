import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { errorFields, makeLogger } from './logging';

function collect() {
	const lines: Record<string, unknown>[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
			done();
		}
	});
	return { lines, stream };
}

describe('the log', () => {
	it('writes one JSON object a line with an ISO time and the level as a word', () => {
		const { lines, stream } = collect();
		makeLogger(stream, 'info').info({ reqId: 'r1', route: '/feedback', status: 303, ms: 4.2 }, 'request');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 'info', reqId: 'r1', route: '/feedback', status: 303, ms: 4.2, msg: 'request' });
		expect(String(lines[0].time)).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(lines[0]).not.toHaveProperty('pid');
	});
	it('keeps below the level quiet', () => {
		const { lines, stream } = collect();
		makeLogger(stream, 'warn').info({}, 'not shown');
		expect(lines).toHaveLength(0);
	});
	it('logs an error by name and code, never by its message (which can quote what was typed)', () => {
		const error = Object.assign(new Error('UNIQUE failed for parent@example.org'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
		expect(errorFields(error)).toEqual({ err: { name: 'Error', code: 'SQLITE_CONSTRAINT_UNIQUE' } });
		expect(JSON.stringify(errorFields(Object.assign(new Error('x'), { code: 'typed by someone: secret' })))).not.toContain('secret');
	});
});
