// The PostgreSQL twin of ../schema/anomaly-classification.ts (what each table and column means is written there).
import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';
import { id, timestampMs, restrict } from './columns';
import { studies, cases } from './study';
import { aiResults } from './ai';
import { ANOMALY_CAUSES } from '../schema/anomaly-classification';

export const anomalyClassifications = pgTable(
	'anomaly_classifications',
	{
		id: id(),
		studyId: integer('study_id')
			.notNull()
			.references(() => studies.id, restrict),
		aiResultId: integer('ai_result_id')
			.notNull()
			.references(() => aiResults.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		cause: text('cause', { enum: ANOMALY_CAUSES }).notNull(),
		note: text('note').notNull(),
		classifiedBy: text('classified_by').notNull(),
		classifiedAt: timestampMs('classified_at').notNull()
	},
	(table) => [index('anomaly_classifications_study_idx').on(table.studyId)]
);
