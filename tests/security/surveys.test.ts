/**
 * Attacks on surveys, black-box against the built app as a browser without JavaScript would make
 * them: switching a survey's anonymity after people started, guessing receipt codes, starting
 * surveys in bulk, working out small groups from filtered results, the service lead's CSV file,
 * and subtracting two overlapping periods in explore.
 *
 * The server takes the client's address from X-Forwarded-For (one proxy), so every client here
 * says which address it comes from (documentation addresses, RFC 5737).
 */
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { DEMO_PASSWORD } from '../app-server';
import { attack, useApp } from './harness';
import { Client, type Answer } from './http';

const ORGANISER = 'organiser@example.org';
const LEAD = 'service.lead@example.org'; // speech and language therapy
const PARENTS_SURVEY = 1; // "How are services working for your family?", about speech and language therapy
/** A browser posting a form without JavaScript: Kit answers with its redirect or page. */
const HTML = { accept: 'text/html' };
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const HIDDEN_IN_CSV = 'hidden (small group)';

let addresses = 0;
/** A fresh client address for each use: 198.51.100.x, then 203.0.113.x. */
const nextAddress = () => (++addresses <= 250 ? `198.51.100.${addresses}` : `203.0.113.${addresses - 250}`);

/** The text of an HTML page without its tags, spaces collapsed (for what a reader sees). */
const visible = (html: string) =>
	html
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');

describe('surveys', () => {
	const app = useApp({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });

	async function signedIn(email: string): Promise<Client> {
		const client = new Client(app().url, nextAddress());
		const answer = await client.post('/login', { email, password: DEMO_PASSWORD }, HTML);
		expect(answer.status, `signing in as ${email}`).toBe(303);
		return client;
	}

	/** As an organiser: a published survey with a yes / no question and the given "about you" questions. Returns its id. */
	async function publishedSurvey(org: Client, title: string, anonymous: boolean, aboutYou: string[] = []): Promise<number> {
		const created = await org.post(
			'/manage/surveys/new',
			{ title, intro: '', audience: 'parent_carers', anonymity: anonymous ? 'anonymous' : 'named', opensOn: '2020-01-01', closesOn: '' },
			HTML
		);
		expect(created.status).toBe(303);
		const id = Number(created.location!.match(/\/manage\/surveys\/(\d+)/)![1]);
		expect((await org.post(`/manage/surveys/${id}?/add`, { kind: 'yes_no', text: 'Is it good?' }, HTML)).status).toBe(303);
		for (const which of aboutYou) expect((await org.post(`/manage/surveys/${id}?/aboutYou`, { which }, HTML)).status).toBe(303);
		expect((await org.post(`/manage/surveys/${id}?/publish`, {}, HTML)).status).toBe(303);
		return id;
	}

	/** Starts a response; returns its token (from the link the app sends the browser to). */
	async function start(client: Client, surveyId: number): Promise<string> {
		const started = await client.post(`/surveys/${surveyId}?/start`, { locale: 'en' }, HTML);
		expect(started.status, visible(started.text).slice(0, 300)).toBe(303);
		return started.location!.match(/\/answer\/([a-z2-7]+)\//)![1];
	}

	/** The receipt code a draft's pages show. */
	async function receiptOf(client: Client, surveyId: number, token: string): Promise<string> {
		const page = await client.get(`/surveys/${surveyId}/answer/${token}/1`);
		return page.text.match(/class="receipt[^"]*">([^<]+)</)![1].trim();
	}

	/** Answers every question of a draft, choosing by the answers' words (none: skipped), and sends it. */
	async function answerAndSend(client: Client, surveyId: number, token: string, choose: (labels: string[]) => string | null) {
		for (let step = 1; ; step++) {
			const page = await client.get(`/surveys/${surveyId}/answer/${token}/${step}`);
			if (page.status !== 200) break;
			// an option's words, after Svelte's block markers (`<!--[-->`) where the page chose how to show them
			const options = [...page.text.matchAll(/<span id="option-(\d+)">(?:<!--[^>]*-->)*([^<]*)/g)].map((m) => ({ id: m[1], label: m[2] }));
			const wanted = choose(options.map((o) => o.label));
			const chosen = options.find((o) => o.label === wanted);
			const saved = await client.post(`/surveys/${surveyId}/answer/${token}/${step}`, chosen ? { answer: chosen.id } : {}, HTML);
			expect(saved.status).toBe(303);
			if (saved.location!.endsWith('/check')) break;
		}
		const sent = await client.post(`/surveys/${surveyId}/answer/${token}/check`, {}, HTML);
		expect(sent.location).toMatch(/\/sent$/);
	}

	/** The survey row as stored (the database opened read-only, to look). */
	function stored(surveyId: number): { anonymous: number } {
		const db = new Database(app().databasePath, { readonly: true, fileMustExist: true });
		try {
			return db.prepare('select anonymous from survey where id = ?').get(surveyId) as { anonymous: number };
		} finally {
			db.close();
		}
	}

	async function switchAnonymity(org: Client, surveyId: number, title: string, anonymous: boolean): Promise<Answer> {
		return org.post(
			`/manage/surveys/${surveyId}?/details`,
			{ title, intro: '', audience: 'parent_carers', anonymity: anonymous ? 'anonymous' : 'named', opensOn: '2020-01-01', closesOn: '' },
			HTML
		);
	}

	attack(
		'Make a named survey anonymous after someone has started answering it (their draft names them)',
		'refused (409) with a plain message in the survey form; the survey stays named',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const title = 'Named then anonymous';
			const id = await publishedSurvey(org, title, false);
			// The organiser starts answering it themselves (a named survey needs someone signed in).
			await start(org, id);
			const answer = await switchAnonymity(org, id, title, true);
			const said = visible(answer.text).includes('People have started answering this survey, so it cannot change between anonymous and named');
			observe(`status ${answer.status}; message in the form: ${said}; stored anonymous = ${stored(id).anonymous}`);
			expect(answer.status).toBe(409);
			expect(said).toBe(true);
			expect(stored(id).anonymous).toBe(0);
		}
	);

	attack(
		'Make an anonymous survey named after a visitor has started a draft (they were promised anonymity)',
		'refused (409); the survey stays anonymous',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const title = 'Anonymous then named';
			const id = await publishedSurvey(org, title, true);
			const before = await switchAnonymity(org, id, title, true);
			await start(new Client(app().url, nextAddress()), id);
			const answer = await switchAnonymity(org, id, title, false);
			observe(`saving with no change: ${before.status}; switching after a draft: status ${answer.status}; stored anonymous = ${stored(id).anonymous}`);
			expect(answer.status).toBe(409);
			expect(stored(id).anonymous).toBe(1);
		}
	);

	attack(
		"Carry on with someone else's answers to a named survey through the home page's \"Carry on\" form",
		'no link to their answers: back to the survey page (303), a visitor to sign in; their own link still opens their draft',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const id = await publishedSurvey(org, 'Named, started by a parent', false);
			const parent = await signedIn('parent@example.org');
			const token = await start(parent, id);
			const other = await org.post(`/surveys/${id}?/continue`, {}, HTML);
			const visitor = await new Client(app().url, nextAddress()).post(`/surveys/${id}?/continue`, {}, HTML);
			const theirs = await parent.get(`/surveys/${id}/answer/${token}/1`);
			const own = await parent.post(`/surveys/${id}?/continue`, {}, HTML);
			observe(`someone else: ${other.status} to ${other.location}; a visitor: ${visitor.status} to ${visitor.location}; the parent's link: ${theirs.status}; the parent carrying on: ${own.status} to ${own.location?.replace(/answer\/[a-z2-7]+/, 'answer/<new link>')}`);
			expect(other.status).toBe(303);
			expect(other.location).toBe(`/surveys/${id}`);
			expect(visitor.status).toBe(303);
			expect(visitor.location).toMatch(/^\/login\?next=/);
			expect(theirs.status).toBe(200);
			expect(own.location).toMatch(new RegExp(`^/surveys/${id}/answer/[a-z2-7]+\\?resumed$`));
			expect(own.location).not.toContain(token);
		}
	);

	attack('Read a receipt code and count its chances', 'codes of 12 characters of 32 (60 bits), all different', async (observe) => {
		const codes: string[] = [];
		for (let i = 0; i < 30; i++) {
			const visitor = new Client(app().url, nextAddress());
			codes.push(await receiptOf(visitor, PARENTS_SURVEY, await start(visitor, PARENTS_SURVEY)));
		}
		const alphabet = new Set(codes.join('').replaceAll('-', ''));
		const bits = 12 * Math.log2(32);
		observe(`e.g. ${codes[0]}; ${codes.filter((c) => CODE.test(c)).length}/30 of the form XXXX-XXXX-XXXX from 32 characters (${bits} bits); ${new Set(codes).size} different; ${alphabet.size} characters seen`);
		for (const code of codes) expect(code).toMatch(CODE);
		expect(new Set(codes).size).toBe(codes.length);
		expect(bits).toBeGreaterThanOrEqual(60);
	});

	attack(
		'Guess receipt codes: many wrong codes from one address',
		'refused (429) after 30 wrong codes, even the right code, with a kind message that keeps what was typed; another address is not held up',
		async (observe) => {
			const owner = new Client(app().url, nextAddress());
			const code = await receiptOf(owner, PARENTS_SURVEY, await start(owner, PARENTS_SURVEY));
			const guesser = new Client(app().url, nextAddress());
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++) {
				statuses.push((await guesser.post(`/surveys/${PARENTS_SURVEY}?/resume`, { code: `ZZZZ-ZZZZ-${String(1000 + i)}` }, HTML)).status);
			}
			const refused = await guesser.post(`/surveys/${PARENTS_SURVEY}?/resume`, { code: 'ZZZZ-ZZZZ-2000' }, HTML);
			const rightButRefused = await guesser.post(`/surveys/${PARENTS_SURVEY}?/resume`, { code }, HTML);
			const kind = visible(rightButRefused.text).includes('You have tried a lot of codes. Please wait 1 minute, then try again.');
			const kept = rightButRefused.text.includes(`value="${code}"`);
			const elsewhere = await new Client(app().url, nextAddress()).post(`/surveys/${PARENTS_SURVEY}?/resume`, { code }, HTML);
			observe(
				`30 wrong: ${[...new Set(statuses)].join(', ')}; 31st: ${refused.status} (Retry-After ${refused.headers.get('retry-after')} s); the right code from there: ${rightButRefused.status}, kind message ${kind}, code kept ${kept}; the right code from another address: ${elsewhere.status}`
			);
			expect(statuses.every((s) => s === 400)).toBe(true);
			expect(refused.status).toBe(429);
			expect(rightButRefused.status).toBe(429);
			expect(kind && kept).toBe(true);
			expect(elsewhere.status).toBe(303);
		}
	);

	attack('Guess one receipt code from many addresses', 'refused (429) after 5 tries of that code, whatever the address', async (observe) => {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			statuses.push((await new Client(app().url, nextAddress()).post(`/surveys/${PARENTS_SURVEY}?/resume`, { code: 'zzzz zzzz 0042' }, HTML)).status);
		}
		observe(`tries from 6 addresses: ${statuses.join(', ')}`);
		expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
	});

	attack(
		'Start a survey again and again from one address (filling the database with drafts)',
		'the first 100 in an hour start; the next is refused (429) with a kind message; another address still starts',
		async (observe) => {
			const run = async () => {
				const hour = new Date().toISOString().slice(0, 13);
				const flooder = new Client(app().url, nextAddress());
				const statuses: number[] = [];
				for (let i = 0; i < 101; i++) statuses.push((await flooder.post(`/surveys/${PARENTS_SURVEY}?/start`, { locale: 'en' }, HTML)).status);
				return { hour, same: hour === new Date().toISOString().slice(0, 13), statuses, last: await flooder.post(`/surveys/${PARENTS_SURVEY}?/start`, { locale: 'tr' }, HTML) };
			};
			let tried = await run();
			// Counts are per clock hour: a run across the hour's end starts a new count, so run again.
			if (!tried.same) tried = await run();
			const { statuses, last } = tried;
			const other = await new Client(app().url, nextAddress()).post(`/surveys/${PARENTS_SURVEY}?/start`, { locale: 'en' }, HTML);
			const kind = visible(last.text).includes('Sorry, a lot of people have started surveys from this internet connection just now.');
			// Asked in Turkish: said in Turkish too, with Turkish still chosen.
			const turkish = visible(last.text).includes('az önce bu internet bağlantısından çok kişi anket başlattı') && /value="tr" checked/.test(last.text);
			observe(
				`first 100: ${statuses.slice(0, 100).every((s) => s === 303) ? 'all started' : statuses.slice(0, 100).join(',')}; 101st: ${statuses[100]}; then ${last.status} with a kind message ${kind} (in Turkish as chosen: ${turkish}); another address: ${other.status}`
			);
			expect(statuses.slice(0, 100).every((s) => s === 303)).toBe(true);
			expect(statuses[100]).toBe(429);
			expect(last.status).toBe(429);
			expect(kind && turkish).toBe(true);
			expect(other.status).toBe(303);
		},
		120_000
	);

	attack(
		'Differencing: compare filtered results whose groups differ by one person (19 parents and 1 worker in the North, 30 in the South)',
		'no two views shown whose groups differ by fewer than 10 people; the refused view shows "Too few to show" and no figure',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const id = await publishedSurvey(org, 'Differencing', true, ['who', 'area']);
			const answerAs = async (who: string, area: string) => {
				const visitor = new Client(app().url, nextAddress());
				await answerAndSend(visitor, id, await start(visitor, id), (labels) => (labels.includes(who) ? who : labels.includes(area) ? area : labels.includes('Yes') ? 'Yes' : null));
			};
			for (let i = 0; i < 19; i++) await answerAs('A parent or carer', 'North');
			await answerAs('Someone who works with children', 'North');
			for (let i = 0; i < 30; i++) await answerAs('A parent or carer', 'South');
			const page = await org.get(`/manage/surveys/${id}/results`);
			const option = (label: string) => page.text.match(new RegExp(`<option value="(\\d+)"[^>]*>${label}(?:<!--[^>]*-->)*</option>`))![1];
			const [north, parent] = [option('North'), option('A parent or carer')];
			const views: [string, string, number | null][] = [];
			for (const [name, query] of [
				['everyone', ''],
				['North', `?o=${north}`],
				['parents', `?o=${parent}`],
				['North parents', `?o=${north}&o=${parent}`],
				['parent carers (group)', '?group=parent_carer']
			] as const) {
				const text = visible((await org.get(`/manage/surveys/${id}/results${query}`)).text);
				const shown = text.match(/(\d+) of \d+ responses match these filters/);
				const all = text.match(/(\d+) responses /);
				const count = query ? (shown ? Number(shown[1]) : null) : Number(all![1]);
				if (count === null) expect(text).toContain('Too few to show');
				if (count === null) expect(text).not.toMatch(/responses match|people answered/);
				views.push([name, query, count]);
			}
			const sizes = views.filter(([, , n]) => n !== null).map(([, , n]) => n!);
			const smallestDifference = Math.min(...sizes.flatMap((a) => sizes.map((b) => Math.abs(a - b)).filter((d) => d > 0)));
			observe(views.map(([name, , n]) => `${name}: ${n === null ? 'too few to show' : n}`).join('; ') + `; smallest difference between views shown: ${smallestDifference}`);
			expect(smallestDifference).toBeGreaterThanOrEqual(10);
		},
		180_000
	);

	attack(
		"Download a service lead's CSV of the demo parent carer survey and look for small groups",
		"the month, not the day; every row looks exactly like at least 9 others in month, language, paper, group and 'about you' answers; written answers of anyone whose 'about you' answers are shared by fewer than 10 are left out",
		async (observe) => {
			const lead = await signedIn(LEAD);
			const answer = await lead.get(`/manage/surveys/${PARENTS_SURVEY}/export.csv`);
			expect(answer.status).toBe(200);
			const [header, ...rows] = parseCsv(answer.text);
			const about = ['Who is answering?', 'How old is your child (or how old are you)?', 'Which part of the area do you live in?', 'What language do you speak most at home?'].map((t) => header.indexOf(t));
			const written = header.indexOf('What is one thing that would make services better for your family?');
			expect(about.every((i) => i > 0) && written > 0).toBe(true);
			const alike = new Map<string, number>();
			for (const r of rows) {
				const key = [r[1], r[2], r[3], r[4], ...about.map((i) => r[i])].join('|');
				alike.set(key, (alike.get(key) ?? 0) + 1);
			}
			const smallest = Math.min(...alike.values());
			const days = rows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[1])).length;
			const hiddenCells = rows.reduce((n, r) => n + about.filter((i) => r[i] === HIDDEN_IN_CSV).length, 0);
			// The truth, from the organiser's complete file: whose "about you" answers are shared by fewer than 10.
			const [, ...truth] = parseCsv((await (await signedIn(ORGANISER)).get(`/manage/surveys/${PARENTS_SURVEY}/export.csv`)).text);
			const aboutOf = new Map(truth.map((r) => [r[0], about.map((i) => r[i]).join('|')]));
			const together = new Map<string, number>();
			for (const key of aboutOf.values()) together.set(key, (together.get(key) ?? 0) + 1);
			const smallGroupTexts = rows.filter((r) => together.get(aboutOf.get(r[0])!)! < 10 && truth.find((t) => t[0] === r[0])![written] !== '');
			const leaked = smallGroupTexts.filter((r) => r[written] !== HIDDEN_IN_CSV).length;
			const keptTexts = rows.filter((r) => r[written] !== '' && r[written] !== HIDDEN_IN_CSV).length;
			observe(
				`header "${header[1]}"; ${rows.length} rows in ${alike.size} look-alike sets, the smallest of ${smallest}; ${hiddenCells} "about you" answers hidden; rows with a day: ${days}; written answers of small groups: ${smallGroupTexts.length}, of which shown: ${leaked}; other written answers kept: ${keptTexts}; the organiser's file has days (${truth[0][1]})`
			);
			expect(header[1]).toBe('Sent in (month)');
			expect(days).toBe(0);
			expect(smallest).toBeGreaterThanOrEqual(10);
			expect(smallGroupTexts.length).toBeGreaterThan(0);
			expect(leaked).toBe(0);
			expect(truth[0][1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	);

	attack(
		"Download a service lead's CSV of a survey with only 3 responses (a small group on its own)",
		'no file: back to the results page, which says the download comes with 10 responses',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const form = (await org.get('/manage/surveys/new')).text;
			// The lead's service, as the form offers it.
			const salt = form.match(/value="(\d+)"[^>]*>(?:\s|<!--[^>]*-->)*<label[^>]*>Speech and language therapy</)![1];
			const created = await org.post(
				'/manage/surveys/new',
				{ title: 'Three answers', intro: '', audience: 'parent_carers', anonymity: 'anonymous', opensOn: '2020-01-01', closesOn: '', serviceIds: salt },
				HTML
			);
			const id = Number(created.location!.match(/\/manage\/surveys\/(\d+)/)![1]);
			await org.post(`/manage/surveys/${id}?/add`, { kind: 'long_text', text: 'Tell us anything' }, HTML);
			await org.post(`/manage/surveys/${id}?/publish`, {}, HTML);
			for (let i = 0; i < 3; i++) {
				const visitor = new Client(app().url, nextAddress());
				const token = await start(visitor, id);
				await visitor.post(`/surveys/${id}/answer/${token}/1`, { text: `My son at Oak School, number ${i}` }, HTML);
				await visitor.post(`/surveys/${id}/answer/${token}/check`, {}, HTML);
			}
			const lead = await signedIn(LEAD);
			const answer = await lead.get(`/manage/surveys/${id}/export.csv`);
			const results = await lead.get(answer.location ?? '/');
			const question = results.text.match(/id="question-(\d+)"/)![1];
			const texts = await lead.get(`/manage/surveys/${id}/results/answers/${question}`);
			const said = visible(results.text).includes('You can download the responses once the survey has at least 10 of them.');
			const textsRefused = visible(texts.text).includes('Too few to show') && !texts.text.includes('Oak School');
			observe(`status ${answer.status} to ${answer.location}; the page says so: ${said}; written answers on the results page: ${results.text.includes('Oak School')}; the written answers page: ${texts.status}, too few to show ${textsRefused}`);
			expect(answer.status).toBe(303);
			expect(answer.location).toBe(`/manage/surveys/${id}/results?download=too-few`);
			expect(said).toBe(true);
			expect(results.text).not.toContain('Oak School');
			expect(textsRefused).toBe(true);
		}
	);

	attack(
		'Explore: subtract two custom periods a day apart (1st to 19th and 1st to 20th of a month) to isolate who answered on the 20th',
		'both widened to the whole month: the same table twice, and the page says so',
		async (observe) => {
			const org = await signedIn(ORGANISER);
			const page = await org.get('/manage/explore');
			const standard = page.text.match(/<option value="(\d+)"/)![1];
			// A month of the last whole quarter, which the demo data fills.
			const now = new Date();
			const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - 3, 1));
			const month = quarterStart.toISOString().slice(0, 7);
			const table = async (end: string) => {
				const answer = await org.get(`/manage/explore?standard=${standard}&by=area&start=${month}-01&end=${month}-${end}`);
				return { html: answer.text.match(/<table[\s\S]*?<\/table>/)?.[0] ?? '', fields: [...answer.text.matchAll(/name="(start|end)"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="(start|end)"/g)].map((m) => m[2] ?? m[3]), says: visible(answer.text).includes('Periods run in whole months') };
			};
			const a = await table('19');
			const b = await table('20');
			observe(`periods shown: ${a.fields.join(' to ')} and ${b.fields.join(' to ')}; tables identical: ${a.html === b.html && a.html !== ''}; the page says it: ${a.says && b.says}`);
			expect(a.html).not.toBe('');
			expect(a.html).toBe(b.html);
			expect(a.fields[0]).toBe(`${month}-01`);
			expect(a.fields[1]).toMatch(new RegExp(`^${month}-(28|29|30|31)$`));
			expect(a.says && b.says).toBe(true);
		}
	);
});

/** Reads an RFC 4180 CSV (a byte-order mark first) into cells. */
function parseCsv(csv: string): string[][] {
	const text = csv.replace(/^\uFEFF/, '');
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	if (cell || row.length) rows.push([...row, cell]);
	return rows;
}
