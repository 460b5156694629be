// Reference truth, kept in its own table: only analysis services (statistician, evaluator,
// after unblinding) read it. No reader-facing service imports this module.
import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { id, createdAt, restrict } from './columns';
import { cases } from './study';

export const referenceTruth = sqliteTable('reference_truth', {
	id: id(),
	caseId: integer('case_id')
		.notNull()
		.unique()
		.references(() => cases.id, restrict),
	/** 1 = diseased (lesion present), 0 = non-diseased. */
	truth: integer('truth').notNull(),
	/** Further truth columns from truth.csv (lesion size, location…), JSON object. */
	detailsJson: text('details_json').notNull(),
	source: text('source').notNull(),
	/**
	 * How the truth was made: imported (truth.csv, `cases truth-import`) or made in Tandem by the
	 * reference standard (consensus, adjudication). Imported truth takes precedence.
	 */
	origin: text('origin', { enum: ['imported', 'consensus', 'adjudication'] })
		.notNull()
		.default('imported'),
	createdAt: createdAt()
});
