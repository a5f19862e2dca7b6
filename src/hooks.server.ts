import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { textDirection } from '$lib/i18n';
import { DISPLAY_COOKIE, displayClasses, parseDisplay } from '$lib/display';
import { capPages, databasePath, db, demoEnabled } from '$lib/server/db/app';
import { closeReaders } from '$lib/server/db/reader';
import * as operations from '$lib/server/operations';
import { m } from '$lib/paraglide/messages';
import { isEmpty, seedDemo } from '$lib/server/seed';
import {
	SESSION_COOKIE,
	deleteExpiredSessions,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { forgetOldFailures } from '$lib/server/auth/throttle';
import { secretKey } from '$lib/server/auth/secret-key';
import { deleteStaleDrafts } from '$lib/server/surveys';
import { loadOverrides } from '$lib/server/translations';
import { remindAboutItems } from '$lib/server/board';
import { remindAboutFlags } from '$lib/server/safeguarding';
import { scheduleDaily as scheduleRetention } from '$lib/server/retention';
import { forgetOldDeliveries, smtpSender, startWorker } from '$lib/server/outbox';
import { EVENT_KINDS } from '$lib/server/registry';
import { addressBook, UNSUBSCRIBE_PATH } from '$lib/server/subscriptions';
import { DomainError } from '$lib/server/errors';
import { isCrossSiteFormPost, publicOrigin, servedOverHttps } from '$lib/server/origin';
import { limitBody, unreadableBody } from '$lib/server/request-limits';
import { isFormPost, normaliseFormPost, normaliseQuery } from '$lib/server/form-text';
import { keepOutOfCaches, mustNotBeKept, strictTransportSecurity } from '$lib/server/caching';
import { compressed, shouldCompress } from '$lib/server/compression';

/** Stops the start with one clear line and an exit code, before the server listens (never half-started). */
function refuseToStart(problem: operations.StartProblem): never {
	operations.log().fatal({ exitCode: problem.exitCode }, problem.message);
	process.exit(problem.exitCode);
}

/** On start: check, open and migrate the database, load demo data into an empty one, tidy old rows. */
export const init: ServerInit = async () => {
	const problem = operations.checkDatabaseAtStart(databasePath());
	if (problem) refuseToStart(problem);
	let database: ReturnType<typeof db>;
	try {
		database = db();
	} catch (error) {
		refuseToStart({
			exitCode: operations.EXIT.migrations,
			message: `The database ${databasePath()} could not be opened and migrated (${operations.errorFields(error).err.code ?? (error as Error).name}): nothing was started. Restore the backup taken before the upgrade (docs/operations.md).`
		});
	}
	// the community's uploaded texts, consulted before the compiled ones (decision 0058)
	loadOverrides(database);
	// the key for secrets at rest: read now (or, on a laptop without CHORUS_SECRET_KEY, made now)
	secretKey();
	if (demoEnabled() && isEmpty(database)) {
		const added = await seedDemo(database);
		operations.log().info(added, 'demo data loaded');
	}
	const tidy = () => {
		try {
			deleteExpiredSessions(database);
			forgetOldFailures(database);
			deleteStaleDrafts(database);
			forgetOldDeliveries(database);
			// reminders found by looking (each emitted once): answers due or late, flags overdue
			remindAboutItems(database);
			remindAboutFlags(database);
		} catch (error) {
			// a full disk must not stop the start or crash the timer: /readyz says so, and the next tidy catches up
			if (!operations.isStorageFull(error)) throw error;
			operations.storageWasFull();
			operations.log().warn(operations.errorFields(error), 'tidying skipped: the database could not grow');
		}
	};
	tidy();
	setInterval(tidy, 60 * 60 * 1000).unref();
	// a full disk on purpose, for the fault tests and drills (decision 0051)
	capPages(database, process.env.CHORUS_MAX_PAGE_COUNT);
	// Personal data past its retention period goes a minute after start, then daily.
	scheduleRetention(db, { log: (line: string) => operations.log().info(line), error: (line: string) => operations.log().error(line) });
	// Emails about what happened (decision 0048): only when SMTP is set up; until then events wait.
	const sender = smtpSender();
	const worker = sender ? startWorker(database, { kinds: EVENT_KINDS, subscribers: addressBook, send: sender.send, origin: publicOrigin() }, Number(process.env.CHORUS_OUTBOX_EVERY_MS ?? 5000)) : null;
	// Daily checked backups when CHORUS_BACKUP_DIR is set (beside Litestream's continuous copy).
	operations.scheduleBackups(() => database.$client, (ok) => operations.appMetrics().backup(ok));
	// SIGTERM: requests in flight finish (adapter-node), then this, then exit (decision 0051).
	operations.exitGracefully([
		() => worker?.stop(),
		() => closeReaders(),
		() => database.$client.close()
	]);
	operations.log().info({ database: databasePath(), replica: Boolean(process.env.CHORUS_REPLICA) }, 'ready');
};

/** Public pages, feeds and CSV gzipped for a browser that takes it; never an answer marked no-store (src/lib/server/compression.ts). Outermost, so it sees the final headers. */
const compression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return shouldCompress(event.request, response) ? compressed(response) : response;
};

/** Refuses form posts from other sites (cross-site request forgery). */
const sameSiteForms: Handle = ({ event, resolve }) => {
	// a mail program's one-click unsubscribe (RFC 8058) posts from its own servers with no Origin:
	// the link's own key authorises it, never a cookie, so a forged post can do nothing a link cannot
	if (isCrossSiteFormPost(event.request, event.url) && event.url.pathname !== UNSUBSCRIBE_PATH) {
		return new Response('Cross-site form submissions are not allowed.', { status: 403, headers: { 'content-type': 'text/plain' } });
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// The Content Security Policy itself comes from kit.csp in svelte.config.js.
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// a page may ask for less (a shared profile sends no referrer at all)
	if (!response.headers.has('Referrer-Policy')) response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set(
		'Permissions-Policy',
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
	);
	return response;
};

/** Over https, tells browsers to use nothing else here (never over plain http: it would lock a laptop's `npm start` out). */
const httpsOnly: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const value = strictTransportSecurity(event.url);
	if (value) response.headers.set('Strict-Transport-Security', value);
	return response;
};

/** Personal data is never kept by browsers or proxies (src/lib/server/caching.ts). After authentication. */
const noStoreForPersonalData: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (mustNotBeKept(event)) keepOutOfCaches(response.headers);
	return response;
};

/** Each request body held to its own limit, 64 KB but for uploads (src/lib/server/request-limits.ts). After authentication. */
const requestSizeLimit: Handle = async ({ event, resolve }) => (await limitBody(event)) ?? resolve(event);

/** Every text of a form post and of the query normalised before any page sees it (src/lib/server/form-text.ts). */
const normaliseText: Handle = async ({ event, resolve }) => {
	normaliseQuery(event.url);
	if (isFormPost(event.request)) {
		try {
			event.request = await normaliseFormPost(event.request);
		} catch (error) {
			return unreadableBody(event, error);
		}
		// kept until the answer, to give back what was typed if it cannot be saved (a full disk)
		operations.rememberForm(event);
	}
	return resolve(event);
};

const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale))
		});
	});

const display: Handle = ({ event, resolve }) => {
	event.locals.display = parseDisplay(event.cookies.get(DISPLAY_COOKIE));
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%chorus.display%', displayClasses(event.locals.display))
	});
};

const authentication: Handle = ({ event, resolve }) => {
	const secure = servedOverHttps(event.url);
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const found = validateSessionToken(db(), token);
		if (found) {
			event.locals.user = found.user;
			event.locals.session = found.session;
			setSessionCookie(event.cookies, token, found.session, secure);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

export const handle = sequence(
	operations.observeRequests,
	compression,
	operations.answerNotSaved,
	securityHeaders,
	httpsOnly,
	sameSiteForms,
	language,
	display,
	authentication,
	noStoreForPersonalData,
	requestSizeLimit,
	normaliseText
);

export const handleError: HandleServerError = async ({ error, event, status, message }) => {
	if (error instanceof DomainError) return { message: error.message, code: error.code };
	// the database could not grow (a full disk): one answer for every page, with what was typed kept
	const notSaved = await operations.notSavedError(error, event, m.site_not_saved_body());
	if (notSaved) {
		operations.log().warn({ route: event.route.id, ...operations.errorFields(error) }, 'not saved: the database could not grow');
		return notSaved;
	}
	// by name, code and where: an error's message can quote what was typed
	if (status >= 500) operations.log().error({ route: event.route.id, ...operations.errorFields(error), at: stackFrames(error) }, 'server error');
	return { message };
};

/** An error's stack without its first line (the message). */
function stackFrames(error: unknown): string | undefined {
	return error instanceof Error ? error.stack?.split('\n').slice(1, 8).join('\n') : undefined;
}
