// The evaluator classifies each AI failure (software defect or external cause) with a root-cause
// note; the report shows it, and the report cannot be signed off while an anomaly lacks one, nor
// classified again once signed.
import { sqlRows, sqlValue } from '$fixtures/sql.fixture';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from './report.service';
import { signOffReport } from './report-sign-off.service';
import { anomalyList, classifyAnomaly } from './anomaly-classification.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { enqueueStudy } from '../ai/inference-jobs';
import { runQueuedJobs } from '../ai/scoring-runner';
import type { InferencePool, InferenceTask } from '../ai/inference/pool';
import { operatorPrincipal, type Principal } from '../access/principal';
import { AccessDenied, Conflict, InputError } from '../errors';
import type { Db } from '../db/client';
import { aiModels } from '../db/schema';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { signer, SIGNER_PASSWORD, type Signing } from '$fixtures/signer.fixture';

const HOUR = 3_600_000;

/** Scores each case by its folder name; K3 cannot be decoded, on every attempt. */
const pool: InferencePool = {
	async run(task: InferenceTask) {
		const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
		if (caseKey === 'K3') throw new Error(`cannot decode ${caseKey}`);
		return {
			score: Number(caseKey.slice(1)) / 20,
			inputSha256: `in-${caseKey}`,
			outputSha256: `out-${caseKey}`,
			latencyMs: 1,
			preprocessMs: 1,
			memoryPeakBytes: 1
		};
	},
	stats: () => ({ threads: 1, queued: 0, completed: 0 }),
	close: async () => {}
};

let db: Db;
let evaluator: Signing;
let statistician: Signing;
let reader: Principal;

beforeAll(async () => {
	const study = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
	db = study.db;
	reader = study.readers[0]!;
	const admin = await signer(db, { name: 'Ada Admin', email: 'ada@x.org' });
	statistician = await signer(db, { role: 'statistician', email: 'stan@x.org' });
	evaluator = await signer(db, { role: 'evaluator', email: 'eve@x.org', meaning: 'reviewed' });
	const manifest = { name: 'demo-model', version: '1', threshold: 0.5 };
	const [model] = await db
		.insert(aiModels)
		.values({
			name: 'demo-model',
			version: '1',
			sha256: '9'.repeat(64),
			manifestJson: JSON.stringify(manifest),
			path: '/m.onnx',
			createdAt: new Date(0)
		})
		.returning({ id: aiModels.id });
	const modelId = model!.id;
	await enqueueStudy(db, operatorPrincipal(), 1, modelId);
	let clock = Date.now() - 48 * HOUR;
	for (let round = 0; round < 4; round++, clock += HOUR)
		await runQueuedJobs(db, pool, { studyId: 1, now: () => new Date(clock) });
	await simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 5 });
	await lockStudy(db, admin.principal, 'mini-study', 'all reads in', {
		password: SIGNER_PASSWORD,
		meaning: 'responsible'
	});
	await exportBlind(
		db,
		statistician.principal,
		'mini-study',
		join(mkdtempSync(join(tmpdir(), 'tandem-anomaly-')), 'export')
	);
}, 60_000);

const section = (html: string) => /<section id="s7">(.*?)<\/section>/s.exec(html)![1]!;

describe('anomaly classification', () => {
	it('lists the failed case as not yet classified, in the report too', async () => {
		const list = await anomalyList(db, evaluator.principal, 'mini-study');
		expect(list).toEqual([
			expect.objectContaining({ caseKey: 'K3', final: true, attempts: 3, classification: null })
		]);
		expect(list[0]!.label).not.toBe('K3'); // blinded: the export's code
		const { html } = await buildReport(db, statistician.principal, 'mini-study');
		expect(section(html)).toMatch(/<span class="unclassified">not yet classified<\/span>/);
	});

	it('gives the effective use of the data: every case read, one not scored by the AI', async () => {
		const { input, html } = await buildReport(db, statistician.principal, 'mini-study');
		const code = input.anomalies.aiAttempts[0]!.case;
		const use = input.effectiveUse!;
		expect(use.cases).toBe(12);
		expect(use.readers).toMatchObject({ usable: 12, excluded: [] });
		expect(use.ai).toMatchObject({
			usable: 11,
			excluded: [{ case: code, reason: { kind: 'ai-failed', error: 'cannot decode K3' } }]
		});
		expect(html).toContain('6.9 Effective use of the data');
		expect(html).toContain('11 / 12');
	});

	it('refuses the sign-off while an anomaly lacks its classification', async () => {
		const { input } = await buildReport(db, statistician.principal, 'mini-study');
		const code = input.anomalies.aiAttempts[0]!.case;
		await expect(
			signOffReport(db, statistician.principal, 'mini-study', statistician.signature)
		).rejects.toThrow(new RegExp(`1 anomaly is not yet classified.*${code}`));
		expect(
			await sqlValue(
				db,
				"SELECT count(*) FROM signatures WHERE record_type = 'verification_report'"
			)
		).toBe(0);
	});

	it('refuses a reader, an empty note and a case without a failure', async () => {
		const entry = { case: 'K3', cause: 'external' as const, note: 'corrupt file from the site' };
		await expect(classifyAnomaly(db, reader, 'mini-study', entry)).rejects.toThrow(AccessDenied);
		await expect(
			classifyAnomaly(db, evaluator.principal, 'mini-study', { ...entry, note: ' ' })
		).rejects.toThrow(InputError);
		await expect(
			classifyAnomaly(db, evaluator.principal, 'mini-study', { ...entry, case: 'K4' })
		).rejects.toThrow(/K4 has no AI failure/);
	});

	it('stores the classification with its audit row; the report shows it, a software defect as nonconforming', async () => {
		const { input } = await buildReport(db, statistician.principal, 'mini-study');
		const code = input.anomalies.aiAttempts[0]!.case;
		// First judged external, then (by its export code) a defect of the tool: the latest counts.
		await classifyAnomaly(db, evaluator.principal, 'mini-study', {
			case: 'K3',
			cause: 'external',
			note: 'thought to be a corrupt file'
		});
		const stored = await classifyAnomaly(db, evaluator.principal, 'mini-study', {
			case: code,
			cause: 'software-defect',
			note: 'the decoder rejects a valid JPEG-LS transfer syntax'
		});
		expect(stored).toMatchObject({ caseKey: 'K3', classification: { cause: 'software-defect' } });
		const audit = (await sqlRows(
			db,
			"SELECT entity_type AS type, after_json AS after FROM audit_events WHERE action = 'anomaly.classified' ORDER BY seq"
		)) as Array<{ type: string; after: string }>;
		expect(audit).toHaveLength(2);
		expect(JSON.parse(audit[1]!.after)).toMatchObject({ cause: 'software-defect' });
		const list = await anomalyList(db, evaluator.principal, 'mini-study');
		expect(list[0]!.classification).toMatchObject({ cause: 'software-defect' });

		const { html, input: after } = await buildReport(db, statistician.principal, 'mini-study');
		expect(after.anomalyClassifications).toEqual([
			expect.objectContaining({ subject: code, cause: 'software-defect' })
		]);
		const s7 = section(html);
		expect(s7).toContain('the decoder rejects a valid JPEG-LS transfer syntax');
		expect(s7).not.toContain('not yet classified');
		expect(s7).toMatch(/nonconforming/);
	});

	it('signs off once every anomaly is classified; then refuses another classification', async () => {
		await signOffReport(db, statistician.principal, 'mini-study', statistician.signature);
		await expect(
			classifyAnomaly(db, evaluator.principal, 'mini-study', {
				case: 'K3',
				cause: 'external',
				note: 'changed mind'
			})
		).rejects.toThrow(Conflict);
	});
});
