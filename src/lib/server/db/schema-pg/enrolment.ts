// The PostgreSQL twin of ../schema/enrolment.ts (what each table and column means is written there).
import { pgTable, text, integer, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies } from './study';
import { memberships } from './people';

export const readerEnrolments = pgTable(
	'reader_enrolments',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		membershipId: integer('membership_id')
			.notNull()
			.unique()
			.references(() => memberships.id, restrict),
		enrolmentIndex: integer('enrolment_index').notNull(),
		readerCode: text('reader_code').notNull(),
		sequence: text('sequence').notNull(),
		groupLabel: text('group_label'),
		seed: text('seed').notNull(),
		algorithm: text('algorithm').notNull(),
		yearsExperience: integer('years_experience'),
		specialty: text('specialty'),
		trainingCompletedAt: text('training_completed_at'),
		enrolledAt: createdAt(),
		withdrawnAt: timestampMs('withdrawn_at'),
		withdrawalReason: text('withdrawal_reason')
	},
	(table) => [
		uniqueIndex('reader_enrolments_study_index_uq').on(table.studyId, table.enrolmentIndex),
		uniqueIndex('reader_enrolments_study_code_uq').on(table.studyId, table.readerCode)
	]
);
