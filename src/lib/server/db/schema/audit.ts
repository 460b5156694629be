// The audit trail (SEC-2): append-only, hash-chained. Triggers in drizzle/ refuse UPDATE and DELETE.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const auditEvents = sqliteTable(
	'audit_events',
	{
		seq: integer('seq').primaryKey(),
		/** ISO-8601 UTC with milliseconds. */
		at: text('at').notNull(),
		actorUserId: integer('actor_user_id'),
		/** Who acted, readable: "user:3 <a@b>", "cli:root", "system". */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id'),
		studyId: integer('study_id'),
		beforeJson: text('before_json'),
		afterJson: text('after_json'),
		reason: text('reason'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(table) => [
		index('audit_events_study_idx').on(table.studyId),
		index('audit_events_entity_idx').on(table.entityType, table.entityId)
	]
);
