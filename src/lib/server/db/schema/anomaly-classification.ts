// The evaluator's classification of each AI failure of a study (seed 001: every crash, timeout and
// unprocessable case is classified as a defect of the tool's own software or an external cause —
// hardware, power, network, input data — with a root-cause note, before the report is signed off).
// Append-only: a changed classification is a new row, the latest of a job's rows is the one that
// counts, so the record keeps every earlier judgement (drizzle/ custom migration's triggers).
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, restrict } from './columns';
import { studies, cases } from './study';
import { aiResults } from './ai';

export const ANOMALY_CAUSES = ['software-defect', 'external'] as const;
export type AnomalyCause = (typeof ANOMALY_CAUSES)[number];

export const anomalyClassifications = sqliteTable(
	'anomaly_classifications',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		/** The failed inference job (one case, one model). */
		aiResultId: integer('ai_result_id')
			.notNull()
			.references(() => aiResults.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		cause: text('cause', { enum: ANOMALY_CAUSES }).notNull(),
		/** The root cause as the evaluator found it. */
		note: text('note').notNull(),
		classifiedBy: text('classified_by').notNull(),
		classifiedAt: timestampMs('classified_at').notNull()
	},
	(table) => [index('anomaly_classifications_study_idx').on(table.studyId)]
);
