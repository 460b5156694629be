// End to end with the real worker pool and the real demo model: a study whose cases include a
// deliberately corrupted image is scored; that case is recorded as failed with its error, and the
// standalone evaluation keeps it in the denominator.
import { sqlExec, sqlRows } from '$fixtures/sql.fixture';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoCases } from '$fixtures/inference/demo-cases.fixture';
import { FIXTURE_YAML, writeStudyFiles } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { addModel } from './model-registry.service';
import { enqueueStudy, scoringProgress } from './inference-jobs';
import { runQueuedJobs } from './scoring-runner';
import { evaluateStandalone } from './standalone-evaluation.service';
import { createInferencePool } from './inference/pool';

const pool = createInferencePool({ threads: 1 });
afterAll(() => pool.close());

describe('scoring a study with the demo model', () => {
	it('scores good cases, records a corrupted one as failed, and counts it in the evaluation', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tandem-scoring-'));
		await writeDemoCases(join(dir, 'images'), ['C002', 'C006', 'C001']);
		// X1: C001's file cut short after its header — a DICOM prefix, then nothing usable.
		mkdirSync(join(dir, 'images', 'X1'));
		writeFileSync(
			join(dir, 'images', 'X1', '001.dcm'),
			readFileSync(join(dir, 'images', 'C001', '001.dcm')).subarray(0, 4000)
		);
		const yaml = FIXTURE_YAML.replace(
			'name: demo-model\n  version: "1"',
			'name: demo-lesion-detector\n  version: "1.0.0"'
		);
		writeStudyFiles(dir, {
			yaml,
			cases: [
				'case_id,images,site,vendor',
				'C002,images/C002,site-a,ge',
				'C006,images/C006,site-a,siemens',
				'C001,images/C001,site-b,philips',
				'X1,images/X1,site-b,ge'
			],
			truth: ['case_id,truth', 'C002,1', 'C006,0', 'C001,0', 'X1,1'],
			imageFolders: []
		});
		const folder = readStudyFolder(dir);
		if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
		const db = await testDatabase();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folder.folder);
		const modelDir = 'studies/demo-crossover/model';
		const { model } = await addModel(db, operatorPrincipal(), {
			name: 'demo-lesion-detector',
			version: '1.0.0',
			file: join(modelDir, 'demo-lesion-detector.onnx'),
			manifest: join(modelDir, 'model.json')
		});

		await enqueueStudy(db, operatorPrincipal(), studyId, model.id);
		await sqlExec(db, 'UPDATE ai_results SET attempts = 2'); // the next failure is the last of three attempts
		await runQueuedJobs(db, pool, { studyId });
		expect(await scoringProgress(db, studyId, model.id)).toEqual({
			total: 4,
			queued: 0,
			running: 0,
			done: 3,
			failed: 1
		});

		const scores = (await sqlRows(
			db,
			'SELECT c.case_key AS key, r.score, r.input_sha256 AS input FROM ai_results r JOIN cases c ON c.id = r.case_id ORDER BY c.case_key'
		)) as Array<{ key: string; score: number | null; input: string | null }>;
		const score = (key: string) => scores.find((row) => row.key === key)!.score!;
		expect(score('C002')).toBeGreaterThan(score('C006'));
		expect(scores.find((row) => row.key === 'C002')!.input).toMatch(/^[0-9a-f]{64}$/);

		const evaluation = await evaluateStandalone(db, operatorPrincipal(), 'mini-study');
		expect(evaluation.failures).toHaveLength(1);
		expect(evaluation.failures[0]!.caseKey).toBe('X1');
		expect(evaluation.failures[0]!.error).toMatch(/image 1 of 1/);
		// X1 (diseased) is in the denominator, called negative: sensitivity counts it as a miss.
		expect(evaluation.overall.cases).toBe(4);
		expect(evaluation.overall.binary.sensitivity?.trials).toBe(2);
		expect(
			evaluation.overall.binary.matrix.falseNegative + evaluation.overall.binary.matrix.truePositive
		).toBe(2);
	});
});
