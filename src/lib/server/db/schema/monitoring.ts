// Monitoring queries: a sponsor monitor (or admin) asks about a read or a reader, the site's
// coordinator answers (each answer a row of its own, append-only), the monitor closes it. Every
// step is audited.
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, sites } from './study';
import { users } from './people';

export const monitorQueries = sqliteTable(
	'monitor_queries',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		/** The site whose coordinator answers. */
		siteId: integer('site_id')
			.notNull()
			.references(() => sites.id, restrict),
		targetType: text('target_type', { enum: ['read', 'reader'] }).notNull(),
		/** reads.id or reader_enrolments.id. */
		targetId: integer('target_id').notNull(),
		question: text('question').notNull(),
		raisedBy: integer('raised_by')
			.notNull()
			.references(() => users.id, restrict),
		status: text('status', { enum: ['open', 'answered', 'closed'] }).notNull(),
		/**
		 * Before query_answers: the one answer, written over by a second. No longer written; its
		 * answers were copied into query_answers (drizzle/0012), and a trigger keeps them as they are.
		 */
		answer: text('answer'),
		answeredBy: integer('answered_by').references(() => users.id, restrict),
		answeredAt: timestampMs('answered_at'),
		closedAt: timestampMs('closed_at'),
		createdAt: createdAt()
	},
	(table) => [index('monitor_queries_study_idx').on(table.studyId, table.status)]
);

/** Every answer to a query, in the order given. Append-only: database triggers refuse UPDATE and DELETE. */
export const queryAnswers = sqliteTable(
	'query_answers',
	{
		id: id(),
		queryId: integer('query_id')
			.notNull()
			.references(() => monitorQueries.id, restrict),
		answer: text('answer').notNull(),
		/** The coordinator; null when the operator answered from the command line. */
		answeredBy: integer('answered_by').references(() => users.id, restrict),
		answeredByLabel: text('answered_by_label').notNull(),
		answeredAt: timestampMs('answered_at').notNull()
	},
	(table) => [index('query_answers_query_idx').on(table.queryId)]
);
