/**
 * Fails when the server's parts depend on each other in a circle.
 *
 * A part is a folder under src/lib/server/ (a feature such as surveys, or a core folder such as
 * db, auth or http) or a file directly in it (permissions.ts, errors.ts ...). Part A depends on
 * part B when a file of A (not a spec) imports a file of B. The one exception: a feature's
 * schema.ts may name another feature's table in a foreign key (schema to schema imports are left
 * out). Features must form a one-way graph, so a change to one never needs a change to the
 * features it is used by, and each can be read and tested from the bottom up.
 *
 * Run: tsx scripts/check-cycles.ts (part of `npm run lint`). Prints each cycle with the imports
 * that make it, and exits 1 if there is one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = 'src/lib/server';
const IMPORT = /(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The part a server file belongs to: its folder under src/lib/server, or the file itself. */
export function partOf(file: string): string {
	const rest = path.relative(SERVER, file).split(path.sep);
	return rest[0];
}

function resolve(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = path.join('src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = path.join(path.dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

function serverFiles(dir = SERVER): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(full);
		return entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name) && entry.name !== 'testing.ts' ? [full] : [];
	});
}

export type PartGraph = Map<string, Map<string, string[]>>;

/** Every dependency between parts, with the imports that make it. */
export function partGraph(files = serverFiles()): PartGraph {
	const graph: PartGraph = new Map();
	for (const file of files) {
		const source = readFileSync(file, 'utf8');
		for (const match of source.matchAll(IMPORT)) {
			const target = resolve(file, match[1] ?? match[2]);
			if (!target || !target.startsWith(SERVER + path.sep)) continue;
			const [from, to] = [partOf(file), partOf(target)];
			if (from === to) continue;
			if (path.basename(file) === 'schema.ts' && path.basename(target) === 'schema.ts') continue;
			if (!graph.has(from)) graph.set(from, new Map());
			const edges = graph.get(from)!;
			if (!edges.has(to)) edges.set(to, []);
			edges.get(to)!.push(`${file} -> ${target}`);
		}
	}
	return graph;
}

/** The groups of parts that depend on each other in a circle (Tarjan's strongly connected components). */
export function cycles(graph: PartGraph): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let next = 0;
	const visit = (v: string) => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v)?.keys() ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const group: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				group.push(w);
			} while (w !== v);
			if (group.length > 1) found.push(group.sort());
		}
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const graph = partGraph();
	const found = cycles(graph);
	for (const group of found) {
		console.error(`These parts of src/lib/server depend on each other in a circle: ${group.join(', ')}`);
		for (const from of group)
			for (const [to, imports] of graph.get(from) ?? []) if (group.includes(to)) for (const line of imports) console.error(`  ${line}`);
	}
	if (found.length > 0) process.exit(1);
	console.log(`No cycles between the ${graph.size} parts of src/lib/server that import others.`);
}
