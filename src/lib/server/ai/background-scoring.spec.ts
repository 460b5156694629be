// Background scoring with the real worker pool and the demo model: it scores a study's cases by
// itself, and stopping it (at shutdown) lets the case under way finish and claims no other, so no
// job is left "running" — the rest stay queued for the next start.
import { sqlRows } from '$fixtures/sql.fixture';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeDemoCases } from '$fixtures/inference/demo-cases.fixture';
import { FIXTURE_YAML, writeStudyFiles } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { captureLog } from '$fixtures/log-capture.fixture';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { addModel } from './model-registry.service';
import { startBackgroundScoring } from './background-scoring';
import { createInferencePool } from './inference/pool';
import type { Db } from '../db/client';

const pool = createInferencePool({ threads: 1 });
afterAll(() => pool.close());

const CASES = ['C001', 'C002', 'C003', 'C004', 'C005', 'C006'];

async function studyWithDemoModel(): Promise<Db> {
	const dir = mkdtempSync(join(tmpdir(), 'tandem-background-'));
	await writeDemoCases(join(dir, 'images'), CASES);
	writeStudyFiles(dir, {
		yaml: FIXTURE_YAML.replace(
			'name: demo-model\n  version: "1"',
			'name: demo-lesion-detector\n  version: "1.0.0"'
		),
		cases: [
			'case_id,images,site,vendor',
			...CASES.map((key, index) => `${key},images/${key},site-${'ab'[index % 2]},ge`)
		],
		truth: ['case_id,truth', ...CASES.map((key, index) => `${key},${index % 2}`)],
		imageFolders: []
	});
	const folder = readStudyFolder(dir);
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	const db = await testDatabase();
	await loadStudy(db, operatorPrincipal(), folder.folder);
	const modelDir = 'studies/demo-crossover/model';
	await addModel(db, operatorPrincipal(), {
		name: 'demo-lesion-detector',
		version: '1.0.0',
		file: join(modelDir, 'demo-lesion-detector.onnx'),
		manifest: join(modelDir, 'model.json')
	});
	return db;
}

const statuses = async (db: Db): Promise<Record<string, number>> =>
	Object.fromEntries(
		(
			await sqlRows<{ status: string; n: number }>(
				db,
				'SELECT status, count(*) AS n FROM ai_results GROUP BY status'
			)
		).map(({ status, n }) => [status, n])
	);

describe('background scoring', () => {
	it('scores by itself; stopped mid-way, it finishes the case under way and claims no other', async () => {
		const db = await studyWithDemoModel();
		const log = captureLog('info');
		const stop = await startBackgroundScoring(db, () => pool, log.logger);
		while (((await statuses(db)).running ?? 0) === 0) await sleep(2);
		await stop();
		const after = await statuses(db);
		expect(after.running).toBeUndefined();
		expect(after.done).toBeGreaterThanOrEqual(1);
		expect(after.done).toBeLessThan(CASES.length);
		expect((after.done ?? 0) + (after.queued ?? 0)).toBe(CASES.length);
		expect(log.entries()[0]).toMatchObject({
			queued: CASES.length,
			msg: '6 case(s) queued for scoring'
		});
		// Stopped for good: no round starts later.
		await sleep(3_500);
		expect(await statuses(db)).toEqual(after);
	}, 60_000);
});
