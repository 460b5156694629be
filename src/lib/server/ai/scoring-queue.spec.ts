// The job queue of a PostgreSQL deployment (scoring-queue.ts), with the real demo model, real
// onnxruntime workers and pg-boss on the spec file's PostgreSQL database: every case is scored
// once, whatever the number of jobs sent for it, and a `tandem worker` killed (SIGKILL) in the
// middle of a job loses nothing and duplicates nothing: another worker scores the case once the
// lease is over, and the audit chain verifies. Runs in the PostgreSQL pass only
// (TANDEM_TEST_DB=postgres): with SQLite the server scores in its own pool (scoring.integration.spec.ts).
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import { writeDemoCases } from '$fixtures/inference/demo-cases.fixture';
import { FIXTURE_YAML, writeStudyFiles } from '$fixtures/study-folder.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { startCli } from '$fixtures/run-cli.fixture';
import { sqlRows } from '$fixtures/sql.fixture';
import { openProcessDatabase, type Db } from '../db/client';
import { databaseUrl } from '../config';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import { addModel, findModel } from './model-registry.service';
import { enqueueStudy, scoringProgress } from './inference-jobs';
import { createInferencePool } from './inference/pool';
import { dispatchQueued, openScoringQueue, workScoringQueue } from './scoring-queue';

const CASES = ['C002', 'C006', 'C001', 'C003'];

async function scoredStudy(slug: string): Promise<{ db: Db; studyId: number; modelId: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'tandem-queue-'));
	await writeDemoCases(join(dir, 'images'), CASES);
	writeStudyFiles(dir, {
		yaml: FIXTURE_YAML.replace('slug: mini-study', `slug: ${slug}`).replace(
			'name: demo-model\n  version: "1"',
			'name: demo-lesion-detector\n  version: "1.0.0"'
		),
		cases: [
			'case_id,images,site,vendor',
			...CASES.map((key, index) => `${key},images/${key},site-${index % 2 ? 'b' : 'a'},ge`)
		],
		truth: ['case_id,truth', ...CASES.map((key, index) => `${key},${index % 2}`)],
		imageFolders: []
	});
	const folder = readStudyFolder(dir);
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	const db = await openProcessDatabase();
	const { studyId } = await loadStudy(db, operatorPrincipal(), folder.folder);
	const modelDir = 'studies/demo-crossover/model';
	const registered = await findModel(db, 'demo-lesion-detector', '1.0.0');
	const model =
		registered ??
		(
			await addModel(db, operatorPrincipal(), {
				name: 'demo-lesion-detector',
				version: '1.0.0',
				file: join(modelDir, 'demo-lesion-detector.onnx'),
				manifest: join(modelDir, 'model.json')
			})
		).model;
	await enqueueStudy(db, operatorPrincipal(), studyId, model.id);
	return { db, studyId, modelId: model.id };
}

async function until(what: string, done: () => Promise<boolean>, seconds = 90): Promise<void> {
	const deadline = Date.now() + seconds * 1000;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const scoredRows = (db: Db, studyId: number) =>
	sqlRows<{ entity: string }>(
		db,
		"SELECT entity_id AS entity FROM audit_events WHERE action = 'ai.case_scored' AND study_id = ?",
		studyId
	);

const pool = createInferencePool({ threads: 1 });
const bosses: PgBoss[] = [];
afterAll(async () => {
	vi.unstubAllEnvs();
	for (const boss of bosses) await boss.stop({ graceful: false, wait: true });
	await pool.close();
});

describe.skipIf(!onPostgres)('scoring through the job queue (PostgreSQL)', () => {
	it('scores every case once, however many jobs are sent for it', async () => {
		const { db, studyId, modelId } = await scoredStudy('queue-study');
		const boss = await openScoringQueue();
		bosses.push(boss);
		expect(await dispatchQueued(db, boss)).toBe(CASES.length);
		// A job already waiting for a row is not sent again.
		expect(await dispatchQueued(db, boss)).toBe(0);
		await workScoringQueue(db, boss, pool, { concurrency: 1 });
		await until('every case is scored', async () => {
			return (await scoringProgress(db, studyId, modelId)).done === CASES.length;
		});
		// Jobs sent again for rows already scored (as a second app process might) change nothing.
		const [row] = await sqlRows<{ id: number }>(
			db,
			'SELECT r.id FROM ai_results r JOIN cases c ON c.id = r.case_id WHERE c.study_id = ? ORDER BY r.id',
			studyId
		);
		await boss.send('tandem-score', { resultId: row!.id });
		await boss.send('tandem-score', { resultId: row!.id }, { singletonKey: 'another' });
		await until('the extra jobs are taken', async () => {
			return (await boss.getQueueSize('tandem-score')) === 0;
		});
		await new Promise((resolve) => setTimeout(resolve, 500));
		const scored = await scoredRows(db, studyId);
		expect(scored).toHaveLength(CASES.length);
		expect(new Set(scored.map((entry) => entry.entity)).size).toBe(CASES.length);
		expect((await verifyAuditChain(db)).ok).toBe(true);
		await boss.offWork('tandem-score');
	});

	it('loses and duplicates nothing when a worker is killed in the middle of a job', async () => {
		const { db, studyId, modelId } = await scoredStudy('killed-worker-study');
		// A short lease, for this process (the dispatch, the second worker) and the killed worker.
		const lease = 3;
		vi.stubEnv('TANDEM_JOB_LEASE_SECONDS', String(lease));
		const boss = await openScoringQueue();
		bosses.push(boss);
		await dispatchQueued(db, boss);
		const worker = startCli(['worker', '--concurrency', '1'], {
			DATABASE_URL: databaseUrl()!,
			TANDEM_JOB_LEASE_SECONDS: String(lease),
			TANDEM_INFERENCE_THREADS: '1'
		});
		// Killed as soon as it has claimed a case, before it can have written its result.
		await until('the worker claims a case', async () => {
			const running = await sqlRows(db, "SELECT id FROM ai_results WHERE status = 'running'");
			return running.length > 0;
		});
		worker.kill('SIGKILL');
		await new Promise((resolve) => worker.once('exit', resolve));
		const [lost] = await sqlRows<{ id: number }>(
			db,
			"SELECT id FROM ai_results WHERE status = 'running'"
		);
		expect(lost).toBeDefined();

		// Another worker, and the app's dispatch, which sends the lost case again after the lease.
		await workScoringQueue(db, boss, pool, { concurrency: 1 });
		await until(
			'every case is scored',
			async () => {
				await dispatchQueued(db, boss);
				return (await scoringProgress(db, studyId, modelId)).done === CASES.length;
			},
			120
		);
		const scored = await scoredRows(db, studyId);
		expect(scored.filter((entry) => entry.entity === String(lost!.id))).toHaveLength(1);
		expect(new Set(scored.map((entry) => entry.entity)).size).toBe(scored.length);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	}, 180_000);
});
