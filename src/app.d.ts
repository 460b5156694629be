// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser, SessionInfo } from '$lib/server/auth/session.service';
import type { Role } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: SessionInfo | null;
			/** The caller's roles across their studies (active memberships). */
			roles: Set<Role>;
			/** This request's id (its X-Request-Id, or a new one), in its log line and its answer. */
			requestId: string;
		}
	}
}

export {};
