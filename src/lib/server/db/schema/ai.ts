// AI models (stored by SHA-256) and their per-case results.
import { sqliteTable, text, integer, real, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestampMs, createdAt, restrict } from './columns';
import { cases } from './study';

export const aiModels = sqliteTable(
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

export const aiResults = sqliteTable(
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
		score: real('score'),
		outputJson: text('output_json'),
		inputSha256: text('input_sha256'),
		outputSha256: text('output_sha256'),
		latencyMs: real('latency_ms'),
		memoryPeakBytes: integer('memory_peak_bytes'),
		error: text('error'),
		/** Preprocessing time in the worker (ms), beside the model's own latency. */
		preprocessMs: real('preprocess_ms'),
		/** A failed attempt is retried after a backoff, up to a limit (see inference-jobs.ts). */
		nextAttemptAt: timestampMs('next_attempt_at'),
		startedAt: timestampMs('started_at'),
		createdAt: createdAt(),
		finishedAt: timestampMs('finished_at')
	},
	(table) => [uniqueIndex('ai_results_model_case_uq').on(table.modelId, table.caseId)]
);
