// What the report gathers from a locked study that had trouble on the way: the real environment it
// ran on (every package's version found, the model's hash), and every anomaly — the deviation
// flags, the monitor's queries with their answers, the AI's failures, the protocol amendments and
// the reads whose time is after the lock.
import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { buildReport } from './report.service';
import { serverModel } from './report-verification';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { submitRead } from '../reads/read.service';
import { answerQuery, closeQuery, raiseQuery } from '../monitor/queries.service';
import { loadStudy } from '../studies/study-load.service';
import { readStudyFolder } from '../studies/study-folder';
import { enqueueStudy } from '../ai/inference-jobs';
import { runQueuedJobs } from '../ai/scoring-runner';
import type { InferencePool, InferenceTask } from '../ai/inference/pool';
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { aiModels } from '../db/schema';
import type { ReportInput } from '../../verification-report/report-input';
import { enrolledStudy, studyMember, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { makeStudyFolder, FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { signer, SIGNER_PASSWORD } from '$fixtures/signer.fixture';

const HOUR = 3_600_000;

/** Scores each case by its folder name; K3 cannot be decoded, on every attempt. */
const pool: InferencePool = {
	async run(task: InferenceTask) {
		const caseKey = /images\/(K\d+)\//.exec(task.images[0]!)![1]!;
		if (caseKey === 'K3') throw new Error(`cannot decode ${caseKey}`);
		const score = Number(caseKey.slice(1)) / 20;
		return {
			score,
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

/** The demo model registered under the name the fixture protocol gives, with its weights' hash. */
async function registerModel(db: Db): Promise<number> {
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
	return model!.id;
}

let db: Db;
let input: ReportInput;
let html: string;
let exportDir: string;

beforeAll(async () => {
	const study = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
	db = study.db;
	const admin = await signer(db, { name: 'Ada Admin', email: 'ada@x.org' });
	const statistician = await signer(db, { role: 'statistician', email: 'stan@x.org' });
	const sponsor = await studyMember(db, 'sponsor@x.org', 'sponsor');
	const coordinator = await studyMember(db, 'coord@a.org', 'coordinator', 'site-a');

	// The AI: one case fails on every attempt (retried twice, then recorded as failed).
	let clock = Date.now() - 48 * HOUR;
	const modelId = await registerModel(db);
	await enqueueStudy(db, operatorPrincipal(), 1, modelId);
	for (let round = 0; round < 4; round++, clock += HOUR)
		await runQueuedJobs(db, pool, { studyId: 1, now: () => new Date(clock) });

	// Reader 1 reads one case in 1.2 s (a short read); reader 2's computer clock runs two days ahead.
	const [reader1, reader2] = study.readers;
	const [first] = await readerAssignmentIds(db, reader1!.email, { period: 1 });
	const shortRead = await submitRead(db, reader1!, {
		assignment: first!,
		clientId: 'short-read-1',
		decision: 1,
		confidence: 70,
		readingTimeMs: 1200
	});
	const [ahead] = await readerAssignmentIds(db, reader2!.email, { period: 1 });
	await submitRead(
		db,
		reader2!,
		{ assignment: ahead!, clientId: 'clock-ahead-1', decision: 0, confidence: 20 },
		new Date(Date.now() + 48 * HOUR)
	);

	// The monitor asks about the short read; the site answers twice; the monitor closes it.
	const query = await raiseQuery(db, sponsor, 'mini-study', {
		targetType: 'read',
		targetId: shortRead.readId,
		question: 'Was case shown long enough?'
	});
	await answerQuery(db, coordinator, 'mini-study', query, 'Reader clicked through by mistake.');
	await answerQuery(db, coordinator, 'mini-study', query, 'Retrained on the workstation.');
	await closeQuery(db, sponsor, 'mini-study', query);

	// The protocol is amended after the first read.
	const amended = readStudyFolder(
		makeStudyFolder(
			twelveCaseOptions(
				FIXTURE_YAML.replace(/^(protocol_version: ).*$/m, '$1"1.1"').replace(
					/^title: (.*)$/m,
					'title: $1 (amended)'
				)
			)
		)
	);
	if (!amended.ok) throw new Error(JSON.stringify(amended.problems));
	await loadStudy(db, operatorPrincipal(), amended.folder, {
		amend: true,
		reason: 'title clarified after the first read'
	});

	// The rest simulated as if it were a month later: reader 2's reads follow the one their clock
	// dated ahead, and their second period opens after the 28-day washout.
	await simulateReads(db, operatorPrincipal(), 'mini-study', {
		seed: 5,
		now: new Date(Date.now() + 32 * 24 * HOUR)
	});
	await lockStudy(db, admin.principal, 'mini-study', 'all reads in', {
		password: SIGNER_PASSWORD,
		meaning: 'responsible'
	});
	exportDir = join(mkdtempSync(join(tmpdir(), 'tandem-report-service-')), 'export');
	await exportBlind(db, statistician.principal, 'mini-study', exportDir);
	({ input, html } = await buildReport(db, statistician.principal, 'mini-study'));
}, 60_000);

describe('buildReport: environment', () => {
	it('records Node, OS, CPU, memory, the versions of the packages the numbers depend on, and the model hash', () => {
		const value = (item: string) => input.environment.find((row) => row.item === item)?.value;
		const installed = (name: string) =>
			(
				JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as {
					version: string;
				}
			).version;
		expect(input.environment.map((row) => row.value).join('\n')).not.toMatch(/not installed/);
		expect(value('Runtime')).toContain(`Node.js ${process.versions.node}`);
		expect(value('Operating system')).toMatch(new RegExp(`^${process.platform}`, 'i'));
		expect(value('CPU')).toContain(`${cpus().length} ×`);
		expect(value('CPU')).toContain(cpus()[0]!.model.trim());
		expect(value('Memory')).toBe(`${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
		for (const name of ['piscina', 'onnxruntime-node', 'better-sqlite3', 'playwright-core'])
			expect(value('Packages'), name).toContain(`${name} ${installed(name)}`);
		expect(value('AI model')).toContain(`SHA-256 ${'9'.repeat(64)}`);
		expect(html).toContain(`piscina ${installed('piscina')}`);
	});
});

describe('buildReport: annex', () => {
	it("lists the export's ai-outputs.csv with its hash, and the command that reproduces the AI's figures from it", () => {
		const file = readFileSync(join(exportDir, 'ai-outputs.csv'));
		expect(input.annex.manifestFiles).toContainEqual({
			name: 'ai-outputs.csv',
			sha256: createHash('sha256').update(file).digest('hex'),
			bytes: file.length
		});
		const annex = /<section id="s9">(.*?)<\/section>/s.exec(html)![1]!;
		expect(annex).toContain('tandem analyze --ai ai-outputs.csv --truth truth.csv');
	});
});

describe('buildReport: anomalies', () => {
	const section = () => /<section id="s7">(.*?)<\/section>/s.exec(html)![1]!;

	it('lists every deviation flag, not only a count per kind', () => {
		const { flags, deviations } = input.anomalies;
		expect(flags.length).toBe(deviations.reduce((sum, row) => sum + row.count, 0));
		const short = flags.find((row) => row.kind === 'short-read');
		expect(short).toMatchObject({ site: 'site-a', detail: 'read in 1.2 s' });
		expect(short!.reader).toMatch(/^RDR-/); // blinded: the export's reader code
		expect(flags.filter((row) => row.kind === 'ai-failure')).toHaveLength(1);
		expect(section()).toContain('read in 1.2 s');
	});

	it('lists every query with its answers, the texts withheld while blinded', () => {
		expect(input.anomalies.queries).toEqual([
			expect.objectContaining({
				target: expect.stringMatching(/^read \d+$/),
				site: 'site-a',
				raisedBy: 'sponsor@x.org',
				status: 'closed',
				question: expect.stringContaining('withheld while blinded'),
				answers: [
					expect.objectContaining({ by: 'coord@a.org' }),
					expect.objectContaining({ by: 'coord@a.org' })
				]
			})
		]);
		expect(section()).not.toContain('clicked through');
	});

	it('lists every failed AI attempt: two retries and the final failure of one case', () => {
		const attempts = input.anomalies.aiAttempts;
		expect(attempts.map((row) => [row.attempt, row.final, row.error])).toEqual([
			[1, false, 'cannot decode K3'],
			[2, false, 'cannot decode K3'],
			[3, true, 'cannot decode K3']
		]);
		expect(new Set(attempts.map((row) => row.case)).size).toBe(1);
		expect(attempts[0]!.case).not.toBe('K3'); // blinded: the export's case code
		expect(input.ai?.failures.map((row) => row.case)).toEqual([attempts[0]!.case]);
	});

	it('lists the protocol amendment with its reason', () => {
		expect(input.anomalies.amendments).toEqual([
			expect.objectContaining({
				revision: 2,
				protocolVersion: '1.1',
				reason: 'title clarified after the first read'
			})
		]);
		expect(section()).toContain('title clarified after the first read');
	});

	it('lists every read whose time is after the lock', async () => {
		const late = (
			await sqlRows<{ id: number }>(
				db,
				'SELECT id FROM reads WHERE submitted_at > (SELECT created_at FROM study_locks) ORDER BY submitted_at, id'
			)
		).map((row) => row.id);
		expect(late.length).toBeGreaterThanOrEqual(1); // reader 2's read, two days ahead
		expect(input.anomalies.readsAfterLock.map((row) => row.read)).toEqual(late);
		expect(section()).toContain(`${late.length} read(s) carry a time after the lock`);
	});

	it('names the query texts, the readers and the cases once the key is released', async () => {
		const evaluator = await studyMember(db, 'eve@x.org', 'evaluator');
		const admin = { kind: 'user' as const, ...(await adminUser()) };
		await registerResults(db, evaluator, 'mini-study', 1, 'b'.repeat(64));
		await releaseKey(db, admin, 'mini-study', 1, {
			password: SIGNER_PASSWORD,
			meaning: 'approved'
		});
		const open = await buildReport(db, admin, 'mini-study');
		const [query] = open.input.anomalies.queries;
		expect(query!.question).toBe('Was case shown long enough?');
		expect(query!.answers.map((row) => row.answer)).toEqual([
			'Reader clicked through by mistake.',
			'Retrained on the workstation.'
		]);
		expect(open.input.anomalies.flags.find((row) => row.kind === 'short-read')!.reader).toBe('R01');
		expect(open.input.anomalies.aiAttempts[0]!.case).toBe('K3');
	});
});

async function adminUser() {
	const row = (await sqlRow(db, "SELECT id, email, name FROM users WHERE email = 'ada@x.org'")) as {
		id: number;
		email: string;
		name: string;
	};
	return { userId: row.id, email: row.email, name: row.name };
}

describe('buildReport: the table-3 items of the statement, test set, methods and annexes', () => {
	it('records the inference log: 11 cases scored on the first attempt, one failed after three', () => {
		const { logs } = input.verification!;
		expect(logs.inference.results).toEqual([
			{ status: 'done', count: 11 },
			{ status: 'failed', count: 1 }
		]);
		expect(logs.inference.attempts).toBe(11 + 3);
		expect(logs.inference.events).toBeGreaterThan(0);
		expect(logs.queries).toBe(1);
	});

	it('lists both loaded protocols, the first without a reason, the amendment with it', () => {
		expect(
			input.verification!.protocolVersions.map((row) => [
				row.revision,
				row.protocolVersion,
				row.reason
			])
		).toEqual([
			[1, '1', null],
			[2, '1.1', 'title clarified after the first read']
		]);
	});

	it('says honestly that folder-loaded images have no de-identification record', () => {
		const { deidentification } = input.verification!;
		expect(deidentification).toMatchObject({
			imagesFrom: 'folder',
			runs: [],
			files: 0,
			changes: null
		});
		expect(html).toContain('Tandem holds no de-identification record for them');
	});

	it('gives the readers’ qualifications under their codes, and each margin its justification', () => {
		const { qualifications, margins, statement } = input.verification!;
		expect(qualifications.map((row) => row.role)).toEqual(['reader', 'reader', 'reader', 'reader']);
		expect(qualifications.map((row) => row.person).join(' ')).not.toMatch(/@/);
		expect(margins[0]).toMatchObject({
			metric: 'auc',
			margin: 0.05,
			justification: 'test margin, half the AUC gain of a second reader'
		});
		expect(statement.tool).toEqual({
			name: 'demo-model',
			version: '1',
			releaseDate: null,
			sha256: '9'.repeat(64)
		});
	});
});

describe('serverModel', () => {
	it('reads the vendor and model the firmware reports, or gives null where there is none', () => {
		const dmi = mkdtempSync(join(tmpdir(), 'tandem-dmi-'));
		writeFileSync(join(dmi, 'sys_vendor'), 'Example Systems\n');
		writeFileSync(join(dmi, 'product_name'), 'Rack 9000\n');
		expect(serverModel(dmi)).toBe('Example Systems Rack 9000');
		expect(serverModel(join(dmi, 'absent'))).toBeNull();
	});
});
