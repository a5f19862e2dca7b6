import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { DisplaySettings } from '$lib/display';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** A stable code for typed domain errors, so pages can say something specific. */
			code?: string;
			/** With code `not_saved`: the form that could not be saved, to send again (operations/storage.ts). */
			kept?: { action: string; fields: [string, string][]; leftOut: boolean } | null;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			display: DisplaySettings;
			/** The database could not grow while this request was answered (operations/storage.ts). */
			notSaved?: boolean;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
