// The rows the inference worker would have written (model `demo-model` 1, threshold 0.5), without
// running a model, for the specs of reading and analysis about what a reader is shown of the AI; written
// with hand SQL on either dialect.
import { onPostgres } from '$fixtures/dialect.fixture';
import { sqlRun } from '$fixtures/sql.fixture';
import type { Db } from '../db/client';

// A timestamp parameter: milliseconds on SQLite, an instant for PostgreSQL's timestamptz.
const EPOCH = onPostgres ? new Date(0).toISOString() : 0;

async function registerModel(db: Db): Promise<void> {
	await sqlRun(
		db,
		"INSERT INTO ai_models (name, version, sha256, manifest_json, path, created_at) VALUES ('demo-model', '1', 'abc', '{\"threshold\":0.5}', '/m.onnx', ?) ON CONFLICT DO NOTHING",
		EPOCH
	);
}

/** One case's result, with its score and output JSON. */
export async function insertAiResult(
	db: Db,
	caseKey: string,
	score: number,
	output = '{}'
): Promise<void> {
	await registerModel(db);
	await sqlRun(
		db,
		"INSERT INTO ai_results (model_id, case_id, status, score, output_json, created_at) SELECT m.id, c.id, 'done', ?, ?, ? FROM ai_models m, cases c WHERE m.name = 'demo-model' AND c.case_key = ?",
		score,
		output,
		EPOCH,
		caseKey
	);
}

/** Every case of the database scored alike. */
export async function scoreEveryCase(db: Db, score = 0.8): Promise<void> {
	await registerModel(db);
	await sqlRun(
		db,
		"INSERT INTO ai_results (model_id, case_id, status, score, output_json, created_at) SELECT m.id, c.id, 'done', ?, '{}', ? FROM ai_models m, cases c WHERE m.name = 'demo-model'",
		score,
		EPOCH
	);
}
