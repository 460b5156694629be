// The PostgreSQL twin of ../schema/reference-standard.ts (what each table and column means is written there).
import { pgTable, boolean, text, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { memberships } from './people';
import { QC_OUTCOMES, TRUTH_DECISION_KINDS } from '../schema/reference-standard';

export const memberQualifications = pgTable('member_qualifications', {
	id: id(),
	membershipId: integer('membership_id')
		.notNull()
		.unique()
		.references(() => memberships.id, restrict),
	yearsExperience: integer('years_experience').notNull(),
	specialty: text('specialty'),
	licence: text('licence'),
	trainingCompletedAt: text('training_completed_at'),
	createdAt: createdAt()
});

export const annotationTasks = pgTable(
	'annotation_tasks',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		membershipId: integer('membership_id')
			.notNull()
			.references(() => memberships.id, restrict),
		position: integer('position').notNull(),
		seed: text('seed').notNull(),
		createdAt: createdAt()
	},
	(table) => [
		uniqueIndex('annotation_tasks_case_member_uq').on(table.caseId, table.membershipId),
		index('annotation_tasks_member_idx').on(table.membershipId),
		index('annotation_tasks_study_idx').on(table.studyId)
	]
);

export const annotationDrafts = pgTable('annotation_drafts', {
	id: id(),
	taskId: integer('task_id')
		.notNull()
		.unique()
		.references(() => annotationTasks.id, restrict),
	stateJson: text('state_json').notNull(),
	updatedAt: timestampMs('updated_at').notNull()
});

export const annotations = pgTable('annotations', {
	id: id(),
	taskId: integer('task_id')
		.notNull()
		.unique()
		.references(() => annotationTasks.id, restrict),
	clientId: text('client_id').notNull(),
	classification: integer('classification').notNull(),
	lesionsJson: text('lesions_json').notNull(),
	note: text('note'),
	submittedAt: timestampMs('submitted_at').notNull()
});

export const adjudicationCases = pgTable(
	'adjudication_cases',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.unique()
			.references(() => cases.id, restrict),
		reasonsJson: text('reasons_json').notNull(),
		queuedAt: timestampMs('queued_at').notNull()
	},
	(table) => [index('adjudication_cases_study_idx').on(table.studyId)]
);

export const truthDecisions = pgTable(
	'truth_decisions',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		kind: text('kind', { enum: TRUTH_DECISION_KINDS }).notNull(),
		membershipId: integer('membership_id').references(() => memberships.id, restrict),
		classification: integer('classification').notNull(),
		lesionsJson: text('lesions_json').notNull(),
		reason: text('reason'),
		clientId: text('client_id'),
		applied: boolean('applied').notNull(),
		decidedAt: timestampMs('decided_at').notNull()
	},
	(table) => [index('truth_decisions_case_idx').on(table.caseId)]
);

export const qcSampleCases = pgTable(
	'qc_sample_cases',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.unique()
			.references(() => cases.id, restrict),
		seed: text('seed').notNull(),
		drawnAt: timestampMs('drawn_at').notNull()
	},
	(table) => [index('qc_sample_cases_study_idx').on(table.studyId)]
);

export const qcChecks = pgTable('qc_checks', {
	id: id(),
	caseId: integer('case_id')
		.notNull()
		.unique()
		.references(() => cases.id, restrict),
	membershipId: integer('membership_id')
		.notNull()
		.references(() => memberships.id, restrict),
	outcome: text('outcome', { enum: QC_OUTCOMES }).notNull(),
	decisionJson: text('decision_json'),
	note: text('note'),
	checkedAt: timestampMs('checked_at').notNull()
});

export const qcOverrides = pgTable(
	'qc_overrides',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		reason: text('reason').notNull(),
		overriddenBy: text('overridden_by').notNull(),
		recordHash: text('record_hash').notNull(),
		createdAt: timestampMs('created_at').notNull()
	},
	(table) => [index('qc_overrides_study_idx').on(table.studyId)]
);
