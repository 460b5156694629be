// The PostgreSQL twin of ../schema/ai.ts (what each table and column means is written there).
import { pgTable, bigint, text, integer, doublePrecision, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { cases } from './study';

export const aiModels = pgTable(
	'ai_models',
	{
		id: id(),
		name: text('name').notNull(),
		version: text('version').notNull(),
		sha256: text('sha256').notNull(),
		manifestJson: text('manifest_json').notNull(),
		path: text('path').notNull(),
		createdAt: createdAt()
	},
	(table) => [uniqueIndex('ai_models_name_version_uq').on(table.name, table.version)]
);

export const aiResults = pgTable(
	'ai_results',
	{
		id: id(),
		modelId: integer('model_id')
			.notNull()
			.references(() => aiModels.id, restrict),
		caseId: integer('case_id')
			.notNull()
			.references(() => cases.id, restrict),
		status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		score: doublePrecision('score'),
		outputJson: text('output_json'),
		inputSha256: text('input_sha256'),
		outputSha256: text('output_sha256'),
		latencyMs: doublePrecision('latency_ms'),
		/** bigint: a peak past 2 GiB does not fit PostgreSQL's integer (SQLite's is 64-bit). */
		memoryPeakBytes: bigint('memory_peak_bytes', { mode: 'number' }),
		error: text('error'),
		preprocessMs: doublePrecision('preprocess_ms'),
		nextAttemptAt: timestampMs('next_attempt_at'),
		startedAt: timestampMs('started_at'),
		createdAt: createdAt(),
		finishedAt: timestampMs('finished_at')
	},
	(table) => [uniqueIndex('ai_results_model_case_uq').on(table.modelId, table.caseId)]
);
