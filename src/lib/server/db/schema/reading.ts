// Reading sessions, assignments (reader × case × arm) and submitted reads.
import { sql } from 'drizzle-orm';
import {
	sqliteTable,
	text,
	integer,
	uniqueIndex,
	index,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { memberships, users } from './people';

export const readingSessions = sqliteTable(
	'reading_sessions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		/** The reader's membership (user × study × role reader × site). */
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

export const assignments = sqliteTable(
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
		/** Opaque id used in reader-facing URLs, so a URL carries no guessable case identity. */
		publicId: text('public_id').notNull().unique(),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('assignments_session_position_uq').on(table.sessionId, table.position),
		index('assignments_case_idx').on(table.caseId)
	]
);

/**
 * A submitted read. Immutable (database triggers refuse UPDATE and DELETE); a correction is a new
 * row that supersedes the read it corrects (READ-4). An assignment has one original read, and a
 * read is superseded at most once, so its versions form one chain with one current read
 * (partial unique indexes below; a trigger keeps a correction on its original's assignment).
 */
export const reads = sqliteTable(
	'reads',
	{
		id: id(),
		assignmentId: integer('assignment_id')
			.notNull()
			.references(() => assignments.id, restrict),
		/** Client-generated id: a retried submit finds the existing read instead of making a second. */
		clientId: text('client_id').notNull().unique(),
		decision: integer('decision'),
		confidence: integer('confidence'),
		marksJson: text('marks_json').notNull().default('[]'),
		/** Lengths, ROIs and angles (src/lib/domain/measurement.ts), as JSON. */
		measurementsJson: text('measurements_json').notNull().default('[]'),
		comment: text('comment'),
		readingTimeMs: integer('reading_time_ms'),
		pausedMs: integer('paused_ms'),
		clientEventsJson: text('client_events_json').notNull().default('[]'),
		servedAt: timestampMs('served_at'),
		submittedAt: timestampMs('submitted_at').notNull(),
		supersedesReadId: integer('supersedes_read_id').references(
			(): AnySQLiteColumn => reads.id,
			restrict
		),
		correctionReason: text('correction_reason'),
		/** Who filed the correction: the reader themself or their site's coordinator (data entry). */
		correctedBy: integer('corrected_by').references(() => users.id, restrict),
		correctedByRole: text('corrected_by_role', { enum: ['reader', 'coordinator'] }),
		isSimulated: integer('is_simulated', { mode: 'boolean' }).notNull().default(false)
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

/**
 * The reader's unsaved work on an assignment (rating, marks, timing so far), autosaved so a crash
 * loses nothing, and the server's first-serve time for the reading-time cross-check (READ-3).
 * Deleted when the read is submitted.
 */
export const readDrafts = sqliteTable('read_drafts', {
	assignmentId: integer('assignment_id')
		.primaryKey()
		.references(() => assignments.id, restrict),
	stateJson: text('state_json').notNull().default('{}'),
	firstServedAt: timestampMs('first_served_at').notNull(),
	updatedAt: timestampMs('updated_at').notNull()
});
