// The de-identification evidence the report gathers from a real import of a clinical folder: the
// run, every stored file's changed attributes (counted here from the database's own logs) per file
// and per case, and the burned-in review's outcomes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { reportVerification } from './report-verification';
import { requireStudyBySlug } from '../access/access';
import { protocolOf } from '../studies/study-protocol';
import type { ReportVerification } from '../../verification-report/report-input';
import { referenceStandardStudy } from '$fixtures/reference-standard-study.fixture';
import {
	importClinicalFolder,
	rows,
	type ImportedClinicalFolder
} from '../cases/case-import-setup.fixture';

let imported: ImportedClinicalFolder;
let verification: ReportVerification;

const NO_ANOMALIES = {
	deviations: [],
	flags: [],
	queries: [],
	aiAttempts: [],
	amendments: [],
	readsAfterLock: [],
	notes: []
};

beforeAll(async () => {
	imported = await importClinicalFolder();
	const { db } = imported.study;
	const study = await requireStudyBySlug(db, 'mini-study');
	verification = await reportVerification(db, {
		studyId: study.id,
		protocol: protocolOf(study),
		model: { name: 'demo-model', version: '1', sha256: null },
		labels: { reader: (code) => code, case: (key) => `case ${key}` },
		anomalies: NO_ANOMALIES
	});
});

afterAll(() => rmSync(imported.dir, { recursive: true, force: true }));

describe('reportVerification: de-identification evidence', () => {
	it('gives the import run as recorded', async () => {
		const [run] = await rows<{ files_found: number; imported: number; status: string }>(
			imported.study.db,
			'SELECT files_found, imported, status FROM import_runs'
		);
		expect(verification.deidentification.imagesFrom).toBe('import');
		expect(verification.deidentification.runs).toEqual([
			expect.objectContaining({
				run: 1,
				sourceKind: 'folder',
				status: run!.status,
				filesFound: run!.files_found,
				imported: run!.imported
			})
		]);
		expect(run!.imported).toBeGreaterThan(0);
	});

	it('counts the changed attributes of every stored file, per file and per case', async () => {
		const files = (
			await rows<{ case_key: string; log: string }>(
				imported.study.db,
				'SELECT c.case_key, i.deid_log_json AS log FROM imported_instances i JOIN cases c ON c.id = i.case_id'
			)
		).map((row) => ({
			case_key: row.case_key,
			changed: (JSON.parse(row.log) as unknown[]).length
		}));
		const changed = files.map((row) => row.changed).sort((a, b) => a - b);
		const { deidentification } = verification;
		expect(deidentification.files).toBe(files.length);
		expect(deidentification.changes).toMatchObject({
			total: changed.reduce((sum, value) => sum + value, 0),
			min: changed[0],
			max: changed.at(-1)
		});
		expect(changed[0]).toBeGreaterThan(0);
		const perCase = new Map<string, number>();
		for (const row of files)
			perCase.set(`case ${row.case_key}`, (perCase.get(`case ${row.case_key}`) ?? 0) + row.changed);
		expect(
			Object.fromEntries(deidentification.perCase.map((row) => [row.case, row.changes]))
		).toEqual(Object.fromEntries(perCase));
	});

	it('counts the burned-in review outcomes as the queue holds them', async () => {
		const queue = await rows<{ status: string; n: number }>(
			imported.study.db,
			'SELECT status, count(*) AS n FROM burned_in_reviews GROUP BY status'
		);
		const count = (status: string) => queue.find((row) => row.status === status)?.n ?? 0;
		expect(verification.deidentification.burnedIn).toEqual({
			pending: count('pending'),
			cleared: count('cleared'),
			identifying: count('identifying')
		});
		expect(verification.logs.importRuns).toBe(1);
	});
});

describe('reportVerification: qualification records of the reference standard', () => {
	it('numbers the annotators and the adjudicator, with the years recorded when they joined', async () => {
		const { db } = await referenceStandardStudy();
		const study = await requireStudyBySlug(db, 'mini-study');
		const { qualifications, deidentification } = await reportVerification(db, {
			studyId: study.id,
			protocol: protocolOf(study),
			model: { name: 'demo-model', version: '1', sha256: null },
			labels: { reader: (code) => code, case: (key) => key },
			anomalies: NO_ANOMALIES
		});
		expect(qualifications.map((row) => [row.role, row.person, row.yearsExperience])).toEqual([
			['annotator', 'ANN1', 5],
			['annotator', 'ANN2', 5],
			['adjudicator', 'ADJ1', 15]
		]);
		// Loaded from folders: no import run, no de-identification record.
		expect(deidentification).toMatchObject({ imagesFrom: 'folder', runs: [], files: 0 });
	});
});
