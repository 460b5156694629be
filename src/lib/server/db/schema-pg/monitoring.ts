// The PostgreSQL twin of ../schema/monitoring.ts (what each table and column means is written there).
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, sites } from './study';
import { users } from './people';

export const monitorQueries = pgTable(
	'monitor_queries',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id, restrict),
		targetType: text('target_type', { enum: ['read', 'reader'] }).notNull(),
		targetId: integer('target_id').notNull(),
		question: text('question').notNull(),
		raisedBy: integer('raised_by')
			.notNull()
			.references(() => users.id, restrict),
		status: text('status', { enum: ['open', 'answered', 'closed'] }).notNull(),
		answer: text('answer'),
		answeredBy: integer('answered_by').references(() => users.id, restrict),
		answeredAt: timestampMs('answered_at'),
		closedAt: timestampMs('closed_at'),
		createdAt: createdAt()
	},
	(table) => [index('monitor_queries_study_idx').on(table.studyId, table.status)]
);

export const queryAnswers = pgTable(
	'query_answers',
	{
		id: id(),
		queryId: integer('query_id')
			.notNull()
			.references(() => monitorQueries.id, restrict),
		answer: text('answer').notNull(),
		answeredBy: integer('answered_by').references(() => users.id, restrict),
		answeredByLabel: text('answered_by_label').notNull(),
		answeredAt: timestampMs('answered_at').notNull()
	},
	(table) => [index('query_answers_query_idx').on(table.queryId)]
);
