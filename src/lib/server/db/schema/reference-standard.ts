// The reference standard made inside Tandem (issue 19, CAS-4): the qualifications of annotators
// and adjudicators, each case's annotation tasks (drafts, then submitted annotations that are never
// changed), the adjudication queue, every decision that made a case's truth (who, when, why), the
// QC sample with its checks, and an admin's signed override of the QC. Like the reference truth,
// read only by the reference-standard services and the analysis services.
import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { studies, cases } from './study';
import { memberships } from './people';

/** Qualification of an annotator or adjudicator in a study (one row per membership). */
export const memberQualifications = sqliteTable('member_qualifications', {
	id: id(),
	membershipId: integer('membership_id')
		.notNull()
		.unique()
		.references(() => memberships.id, restrict),
	yearsExperience: integer('years_experience').notNull(),
	specialty: text('specialty'),
	/** Licence number or attestation, as the person gave it. */
	licence: text('licence'),
	/** YYYY-MM-DD. */
	trainingCompletedAt: text('training_completed_at'),
	createdAt: createdAt()
});

/** One annotator's task: one case to annotate, blind to everyone else's work. */
export const annotationTasks = sqliteTable(
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
		/** 1, 2, … the position in the annotator's own list. */
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

/** The autosaved draft of a task (replaced on each save, until the task is submitted). */
export const annotationDrafts = sqliteTable('annotation_drafts', {
	id: id(),
	taskId: integer('task_id')
		.notNull()
		.unique()
		.references(() => annotationTasks.id, restrict),
	stateJson: text('state_json').notNull(),
	updatedAt: timestampMs('updated_at').notNull()
});

/** A submitted annotation: final, never updated nor deleted (drizzle custom migration). */
export const annotations = sqliteTable('annotations', {
	id: id(),
	taskId: integer('task_id')
		.notNull()
		.unique()
		.references(() => annotationTasks.id, restrict),
	clientId: text('client_id').notNull(),
	/** 1 diseased, 0 non-diseased. */
	classification: integer('classification').notNull(),
	/** JSON array of AnnotationLesion. */
	lesionsJson: text('lesions_json').notNull(),
	note: text('note'),
	submittedAt: timestampMs('submitted_at').notNull()
});

/** A case whose annotations disagree, waiting for (or decided by) an adjudicator. */
export const adjudicationCases = sqliteTable(
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
		/** JSON array of the reasons, in words. */
		reasonsJson: text('reasons_json').notNull(),
		queuedAt: timestampMs('queued_at').notNull()
	},
	(table) => [index('adjudication_cases_study_idx').on(table.studyId)]
);

export const TRUTH_DECISION_KINDS = ['consensus', 'adjudication', 'qc-correction'] as const;

/**
 * Every decision that made (or would have made) a case's truth: the consensus of the annotators,
 * an adjudicator's decision, a QC correction. Append-only. applied: false when imported truth
 * took precedence and the decision was kept beside it.
 */
export const truthDecisions = sqliteTable(
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
		/** The adjudicator who decided; null for a consensus. */
		membershipId: integer('membership_id').references(() => memberships.id, restrict),
		classification: integer('classification').notNull(),
		lesionsJson: text('lesions_json').notNull(),
		reason: text('reason'),
		/** The decision's client id (an adjudicator's repeated submit returns the stored decision). */
		clientId: text('client_id'),
		applied: integer('applied', { mode: 'boolean' }).notNull(),
		decidedAt: timestampMs('decided_at').notNull()
	},
	(table) => [index('truth_decisions_case_idx').on(table.caseId)]
);

/** The cases drawn for the QC re-check (drawn once per study, seeded). */
export const qcSampleCases = sqliteTable(
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

export const QC_OUTCOMES = ['confirmed', 'corrected'] as const;

/** The adjudicator's QC check of a sampled case (one per case, append-only). */
export const qcChecks = sqliteTable('qc_checks', {
	id: id(),
	caseId: integer('case_id')
		.notNull()
		.unique()
		.references(() => cases.id, restrict),
	membershipId: integer('membership_id')
		.notNull()
		.references(() => memberships.id, restrict),
	outcome: text('outcome', { enum: QC_OUTCOMES }).notNull(),
	/** The corrected truth (classification, lesions) as JSON; null when confirmed. */
	decisionJson: text('decision_json'),
	note: text('note'),
	checkedAt: timestampMs('checked_at').notNull()
});

/** An admin's signed override of the QC requirement before the freeze. Append-only. */
export const qcOverrides = sqliteTable(
	'qc_overrides',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		reason: text('reason').notNull(),
		overriddenBy: text('overridden_by').notNull(),
		/** The SHA-256 the signature signed (study, reason, QC state at the time). */
		recordHash: text('record_hash').notNull(),
		createdAt: timestampMs('created_at').notNull()
	},
	(table) => [index('qc_overrides_study_idx').on(table.studyId)]
);
