// Reader enrolment: qualifications, the reader's study code and the allocation derived for them
// (sequence, group) with the seed and algorithm that produced it (DES-2).
import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies } from './study';
import { memberships } from './people';

export const readerEnrolments = sqliteTable(
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
		/** 1, 2, … in the order readers were enrolled in the study: the schedule depends on it. */
		enrolmentIndex: integer('enrolment_index').notNull(),
		/** Study-wide reader code (R01, R02 …) used in schedules and exports instead of a name. */
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
