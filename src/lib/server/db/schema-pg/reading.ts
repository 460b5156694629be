// The PostgreSQL twin of ../schema/reading.ts (what each table and column means is written there).
import { sql } from 'drizzle-orm';
import {
	pgTable,
	boolean,
	text,
	integer,
	uniqueIndex,
	index,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { memberships, users } from './people';

export const readingSessions = pgTable(
	'reading_sessions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		membershipId: integer('membership_id')
			.notNull()
			.references(() => memberships.id, restrict),
		period: integer('period').notNull(),
		sessionIndex: integer('session_index').notNull(),
		status: text('status', { enum: ['scheduled', 'open', 'in_progress', 'completed'] }).notNull(),
		opensAt: timestampMs('opens_at'),
		startedAt: timestampMs('started_at'),
		completedAt: timestampMs('completed_at'),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('reading_sessions_member_period_idx_uq').on(
			table.membershipId,
			table.period,
			table.sessionIndex
		)
	]
);

export const assignments = pgTable(
	'assignments',
	{
		id: id(),
		sessionId: integer('session_id')
			.notNull()
			.references(() => readingSessions.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		arm: text('arm').notNull(),
		position: integer('position').notNull(),
		publicId: text('public_id').notNull().unique(),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('assignments_session_position_uq').on(table.sessionId, table.position),
		index('assignments_case_idx').on(table.caseId)
	]
);

export const reads = pgTable(
	'reads',
	{
		id: id(),
		assignmentId: integer('assignment_id')
			.notNull()
			.references(() => assignments.id, restrict),
		clientId: text('client_id').notNull().unique(),
		decision: integer('decision'),
		confidence: integer('confidence'),
		marksJson: text('marks_json').notNull().default('[]'),
		measurementsJson: text('measurements_json').notNull().default('[]'),
		comment: text('comment'),
		readingTimeMs: integer('reading_time_ms'),
		pausedMs: integer('paused_ms'),
		clientEventsJson: text('client_events_json').notNull().default('[]'),
		servedAt: timestampMs('served_at'),
		submittedAt: timestampMs('submitted_at').notNull(),
		supersedesReadId: integer('supersedes_read_id').references(
			(): AnyPgColumn => reads.id,
			restrict
		),
		correctionReason: text('correction_reason'),
		correctedBy: integer('corrected_by').references(() => users.id, restrict),
		correctedByRole: text('corrected_by_role', { enum: ['reader', 'coordinator'] }),
		isSimulated: boolean('is_simulated').notNull().default(false)
	},
	(table) => [
		index('reads_assignment_idx').on(table.assignmentId),
		uniqueIndex('reads_one_original_per_assignment_uq')
			.on(table.assignmentId)
			.where(sql`${table.supersedesReadId} IS NULL`),
		uniqueIndex('reads_superseded_once_uq')
			.on(table.supersedesReadId)
			.where(sql`${table.supersedesReadId} IS NOT NULL`)
	]
);

export const readDrafts = pgTable('read_drafts', {
	assignmentId: integer('assignment_id')
		.primaryKey()
		.references(() => assignments.id, restrict),
	stateJson: text('state_json').notNull().default('{}'),
	firstServedAt: timestampMs('first_served_at').notNull(),
	updatedAt: timestampMs('updated_at').notNull()
});
