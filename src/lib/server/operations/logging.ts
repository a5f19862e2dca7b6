/**
 * The app's log: one JSON object a line on standard output (pino), for a log shipper to read.
 *
 * Fields: `time` (ISO), `level` (a word), `msg`, and for requests `reqId`, `method`, `route` (the
 * route id, such as /surveys/[surveyId], never the address asked for: an address can hold a
 * resume token or an unsubscribe key), `status` and `ms`. Never a token, password, code, email
 * address or anything a person wrote: only these fields and fixed words are logged, and an
 * error is logged by its name and code (an error's message can quote what was typed).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

/** The levels LOG_LEVEL may name, quietest last. */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** A logger writing JSON lines to `destination` (standard output by default). */
export function makeLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL): Logger {
	const options = {
		level: level && LEVELS.includes(level) ? level : 'info',
		// no pid or hostname on every line: one process per area, and the host is the shipper's to add
		base: undefined,
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label: string) => ({ level: label }) }
	};
	return destination ? pino(options, destination) : pino(options);
}

let logger: Logger | undefined;

/** The app's logger, made on first use. */
export function log(): Logger {
	logger ??= makeLogger();
	return logger;
}

/** Puts `replacement` in the app logger's place (a spec reading what is logged); undefined: the default again. */
export function replaceLogger(replacement: Logger | undefined): void {
	logger = replacement;
}

/** What an error may say in the log: its kind and code, never its message (which can quote input). */
export function errorFields(error: unknown): { err: { name: string; code?: string } } {
	if (!(error instanceof Error)) return { err: { name: typeof error } };
	const code = (error as { code?: unknown }).code;
	return { err: { name: error.name, ...(typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code) ? { code } : {}) } };
}
