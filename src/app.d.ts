import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { DisplaySettings } from '$lib/display';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** A stable code for typed domain errors, so pages can say something specific. */
			code?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			display: DisplaySettings;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
