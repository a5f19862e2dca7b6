// npm run bench: speed and memory figures for the foundation, each checked against a target.
// In-process: session validation (every request does one), permission checks, the audit log
// and people list at a large area's size. Over HTTP against the built app (npm run build
// first): page latency, the server's memory, and what the sign-in page costs a phone to load.
// Then the survey figures (scripts/bench-surveys.ts), the board report figures (scripts/bench-reports.ts), the outbox figures (scripts/bench-outbox.ts) and what each public page costs a phone (scripts/bench-pages.ts). Printed as a table and written to
// data/bench-results.json (BENCH_JSON to change it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDb } from '../src/lib/server/db/index';
import { auditEntry, user, userRole } from '../src/lib/server/db/schema';
import { createSession, validateSessionToken } from '../src/lib/server/auth/session';
import { can } from '../src/lib/server/permissions';
import * as audit from '../src/lib/server/audit';
import * as accounts from '../src/lib/server/accounts';
import * as board from '../src/lib/server/board';
import { boardItem, boardItemService, boardItemTopic, boardResponse, service } from '../src/lib/server/db/schema';
import { finishBench, hasBuild, startBuiltApp } from './bench-server';
import { surveyFigures } from './bench-surveys';
import { reportFigures } from './bench-reports';
import { allOutboxFigures } from './bench-outbox';
import { pageFigures } from './bench-pages';

type Row = { what: string; value: number; unit: string; target: string; ok: boolean };
const rows: Row[] = [];
const report = (what: string, value: number, unit: string, target: number, higherIsBetter: boolean) =>
	rows.push({
		what,
		value: Math.round(value * 100) / 100,
		unit,
		target: `${higherIsBetter ? '>=' : '<='} ${target}`,
		ok: higherIsBetter ? value >= target : value <= target
	});

function timeIt(iterations: number, fn: (i: number) => void): number {
	for (let i = 0; i < Math.min(200, iterations); i++) fn(i);
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) fn(i);
	return Number(process.hrtime.bigint() - start) / 1e6 / iterations; // ms per call
}

// ---- in-process
const db = createDb(':memory:');
const now = new Date();
db.$client.transaction(() => {
	for (let i = 0; i < 2000; i++) {
		const { id } = db.insert(user).values({ email: `p${i}@example.org`, name: `Person ${i}`, createdAt: now }).returning({ id: user.id }).get();
		db.insert(userRole).values({ userId: id, role: i === 0 ? 'admin' : 'parent_carer' }).run();
	}
	for (let i = 0; i < 50_000; i++) {
		db.insert(auditEntry).values({ at: new Date(now.getTime() - i * 60_000), actorId: 1, action: 'person.roles_changed', subjectType: 'user', subjectId: String(i % 2000 + 1), details: '{"before":["parent_carer"],"after":["organiser"]}' }).run();
	}
})();
const tokens = Array.from({ length: 2000 }, (_, i) => createSession(db, i + 1, now).token);
const admin = { id: 1, roles: ['admin' as const] };

const perValidate = timeIt(20_000, (i) => validateSessionToken(db, tokens[i % tokens.length], now));
report('session validations per second (one per request)', 1000 / perValidate, '/s', 20_000, true);
const perCan = timeIt(200_000, (i) => can(i % 2 ? admin : { id: 2, roles: ['parent_carer'] }, 'people.disable', { userId: 5 }));
report('permission checks per second', 1000 / perCan, '/s', 1_000_000, true);
report('audit log page, 50,000 entries (ms)', timeIt(200, (i) => audit.list(db, admin, {}, 1 + (i % 50))), 'ms', 20, false);
report('audit log filtered by person, action and dates (ms)', timeIt(200, (i) => audit.list(db, admin, { person: `p${i % 2000}@example.org`, action: 'person.roles_changed', from: '2020-01-01', to: '2100-01-01' })), 'ms', 20, false);
report('people list, 2,000 people (ms)', timeIt(20, () => accounts.listPeople(db, admin)), 'ms', 100, false);

// ---- the board at a busy area's size: 5,000 items over 30 services, 3 responses each
db.$client.transaction(() => {
	for (let s = 0; s < 30; s++) db.insert(service).values({ name: `Service ${s}`, sector: (['education', 'health', 'social_care'] as const)[s % 3], createdAt: now, updatedAt: now }).run();
	for (let i = 0; i < 5000; i++) {
		const { id } = db.insert(boardItem).values({ youSaid: `Families said thing number ${i} about waiting and letters`, voices: 1 + (i % 40), source: 'survey', status: (['heard', 'working_on_it', 'done', 'not_possible'] as const)[i % 4], heardOn: '2026-03-01', dueOn: '2026-04-26', publishedAt: now, createdAt: now, lastActivityAt: new Date(now.getTime() - i * 1000) }).returning({ id: boardItem.id }).get();
		db.insert(boardItemService).values({ itemId: id, serviceId: 1 + (i % 30) }).run();
		db.insert(boardItemTopic).values({ itemId: id, topic: `topic ${i % 12}` }).run();
		for (let r = 0; r < 3; r++) db.insert(boardResponse).values({ itemId: id, text: `We did step ${r} for ${i}`, responder: 'forum', statusBefore: 'heard', statusAfter: 'working_on_it', createdAt: now }).run();
	}
})();
report('public board page, 5,000 items, no filter (ms)', timeIt(50, () => board.listPublic(db, { page: 3 })), 'ms', 30, false);
report('public board, service + status + topic filters (ms)', timeIt(50, () => board.listPublic(db, { serviceId: 7, status: 'done', topic: 'topic 3' })), 'ms', 30, false);
report('public board, word search through items and responses (ms)', timeIt(20, () => board.listPublic(db, { q: 'step 2 for 4999' })), 'ms', 100, false);
report('board figures for a year (ms)', timeIt(50, () => board.figures(db, 2026)), 'ms', 30, false);

// ---- over HTTP against the built app
async function httpFigures() {
	if (!hasBuild()) {
		console.log('(no build/: run `npm run build` for the HTTP figures)');
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-'));
	// Started as `npm run serve` starts it (its heap size included).
	const server = await startBuiltApp(join(dir, 'bench.db'), { port: 4900 });
	const base = server.base;
	try {
		const rssOf = server.rssMb;
		report('server memory once started (MB RSS)', rssOf(), 'MB', 150, false);
		const latencies: number[] = [];
		for (let i = 0; i < 400; i++) {
			const start = performance.now();
			const res = await fetch(`${base}${['/', '/login', '/board', '/board/easy-read'][i % 4]}`);
			await res.text();
			latencies.push(performance.now() - start);
		}
		latencies.sort((a, b) => a - b);
		report('page response p50: home, sign-in, board, easy-read board (ms)', latencies[Math.floor(latencies.length * 0.5)], 'ms', 20, false);
		report('page response p95: home, sign-in, board, easy-read board (ms)', latencies[Math.floor(latencies.length * 0.95)], 'ms', 50, false);

		// 10 at a time
		const start = performance.now();
		let done = 0;
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				while (done < 1000) {
					done++;
					await (await fetch(`${base}/login`)).text();
				}
			})
		);
		report('pages per second, 10 concurrent', 1000 / ((performance.now() - start) / 1000), '/s', 200, true);

		report('server memory after 1,400 requests (MB RSS)', rssOf(), 'MB', 200, false);

		// What a phone downloads for the sign-in page: HTML, CSS, JS (gzip, as served) and one font file.
		const page = await fetch(`${base}/login`);
		const html = await page.text();
		// Stylesheets and module preloads are named in the HTML and in the Link header.
		const named = `${html} ${page.headers.get('link') ?? ''}`;
		const imports = new Set([...named.matchAll(/\.?(\/_app\/[^"\s>;]+\.(?:css|js))/g)].map((m) => m[1]));
		let total = gzipSync(html).length;
		let fonts = 0;
		for (const path of imports) {
			const body = Buffer.from(await (await fetch(base + path)).arrayBuffer());
			total += gzipSync(body).length;
			if (path.endsWith('.css')) {
				const woff = [...body.toString().matchAll(/url\(([^)]+latin-400-normal[^)]*\.woff2)\)/g)].map((m) => m[1])[0];
				if (woff) fonts += (await (await fetch(new URL(woff, base + path))).arrayBuffer()).byteLength;
			}
		}
		report(`sign-in page download, HTML+CSS+${imports.size - 1} JS files, gzip (KB)`, total / 1024, 'KB', 150, false);
		report('plus the Latin regular font file (KB)', fonts / 1024, 'KB', 60, false);
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
await httpFigures();
rows.push(...(await surveyFigures()));
rows.push(...(await reportFigures()));
rows.push(...(await allOutboxFigures()));
rows.push(...(await pageFigures()));

finishBench(rows, 'data/bench-results.json');
