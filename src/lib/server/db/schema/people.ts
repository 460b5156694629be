// Accounts, login sessions, login throttling and per-study roles.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, sites } from './study';

export const ROLES = [
	'admin',
	'sponsor',
	'coordinator',
	'reader',
	'statistician',
	'evaluator',
	'annotator',
	'adjudicator'
] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
	id: id(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	createdAt: createdAt(),
	disabledAt: timestampMs('disabled_at')
});

/** Lucia-pattern sessions: the id is the SHA-256 (hex) of the opaque token held in the cookie. */
export const authSessions = sqliteTable(
	'auth_sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestampMs('expires_at').notNull(),
		createdAt: createdAt()
	},
	(table) => [index('auth_sessions_user_idx').on(table.userId)]
);

/**
 * Failed-login bookkeeping (auth/login-throttle.ts). The key column holds what a row limits:
 * `pair <address> <e-mail>`, `account <e-mail>` or `address <address>` (e-mails normalised, also
 * for addresses with no account); locked_until is a pair's lock, or an account's or address's
 * next turn.
 */
export const loginThrottle = sqliteTable('login_throttle', {
	email: text('email').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lastFailureAt: timestampMs('last_failure_at'),
	lockedUntil: timestampMs('locked_until')
});

export const memberships = sqliteTable(
	'memberships',
	{
		id: id(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, restrict),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		role: text('role', { enum: ROLES }).notNull(),
		/** Required for coordinators and readers: the site whose people and reads they belong to. */
		siteId: integer('site_id').references(() => sites.id, restrict),
		createdAt: createdAt(),
		withdrawnAt: timestampMs('withdrawn_at')
	},
	(table) => [
		uniqueIndex('memberships_user_study_role_uq').on(table.userId, table.studyId, table.role),
		index('memberships_study_idx').on(table.studyId)
	]
);

/**
 * One-time links with which a new account's owner sets their own password (users/invitation.service.ts).
 * Only the SHA-256 of the link's token is stored; used_at marks it spent.
 */
export const invitations = sqliteTable(
	'invitations',
	{
		id: id(),
		tokenHash: text('token_hash').notNull().unique(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, restrict),
		studyId: integer('study_id').references(() => studies.id, restrict),
		createdAt: createdAt(),
		expiresAt: timestampMs('expires_at').notNull(),
		usedAt: timestampMs('used_at')
	},
	(table) => [index('invitations_user_idx').on(table.userId)]
);
