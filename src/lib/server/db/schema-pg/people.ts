// The PostgreSQL twin of ../schema/people.ts (what each table and column means is written there).
import { pgTable, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, sites } from './study';
import { ROLES } from '../schema/people';

export const users = pgTable('users', {
	id: id(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	createdAt: createdAt(),
	disabledAt: timestampMs('disabled_at')
});

export const authSessions = pgTable(
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

export const loginThrottle = pgTable('login_throttle', {
	email: text('email').primaryKey(),
	failures: integer('failures').notNull().default(0),
	lastFailureAt: timestampMs('last_failure_at'),
	lockedUntil: timestampMs('locked_until')
});

export const memberships = pgTable(
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
		siteId: integer('site_id').references(() => sites.id, restrict),
		createdAt: createdAt(),
		withdrawnAt: timestampMs('withdrawn_at')
	},
	(table) => [
		uniqueIndex('memberships_user_study_role_uq').on(table.userId, table.studyId, table.role),
		index('memberships_study_idx').on(table.studyId)
	]
);

export const invitations = pgTable(
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
