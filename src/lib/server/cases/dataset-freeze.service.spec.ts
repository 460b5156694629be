import { sqlRow, sqlRows, sqlRun } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	assertDatasetOpen,
	datasetFingerprint,
	datasetFreezeOf,
	datasetVersionsOf,
	DatasetFrozen,
	freezeDataset,
	reopenDataset
} from './dataset-freeze.service';
import { importTruth } from './truth-import.service';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { loadStudy, StudyLoadRefused } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import {
	fakeDicom,
	FIXTURE_TRUTH,
	FIXTURE_YAML,
	makeStudyFolder,
	writeStudyFiles
} from '$fixtures/study-folder.fixture';
import { studyFolderOf } from '$fixtures/case-import.fixture';
import type { Db } from '../db/client';
import { memberships, users } from '../db/schema';
import { signer } from '$fixtures/signer.fixture';

const operator = operatorPrincipal();
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The mini study (4 cases, 2 sites, images loaded with the protocol). */
async function miniStudy(): Promise<{ db: Db; dir: string; studyId: number }> {
	const db = await testDatabase();
	const dir = makeStudyFolder();
	const { studyId } = await loadStudy(db, operator, studyFolderOf(dir));
	return { db, dir, studyId };
}

const truthCsv = (rows: string[]) => ({
	file: 'pathology.csv',
	text: `case_id,truth,grade\n${rows.join('\n')}\n`,
	source: 'pathology'
});

describe('the dataset fingerprint', () => {
	it('is SHA-256 over case, image and truth lines in case order, written out here', async () => {
		const { db, studyId } = await miniStudy();
		const image = (marker: string) => sha256(fakeDicom(marker));
		const lines = [
			['K1', 'site-a', 'ge', 1, '{"lesion_size_mm":"8"}'],
			['K2', 'site-a', 'siemens', 0, '{"lesion_size_mm":""}'],
			['K3', 'site-b', 'ge', 0, '{"lesion_size_mm":""}'],
			['K4', 'site-b', 'philips', 1, '{"lesion_size_mm":"12"}']
		].flatMap(([key, site, vendor, truth, details]) => [
			`case\t{"caseKey":"${key}","site":"${site}","strata":{"site":"${site}","vendor":"${vendor}"}}\n`,
			`image\t{"caseKey":"${key}","ordinal":1,"sha256":"${image(`${key}-1`)}"}\n`,
			`truth\t{"caseKey":"${key}","details":${details},"truth":${truth}}\n`
		]);
		expect(await datasetFingerprint(db, studyId)).toEqual({
			fingerprint: sha256(lines.join('')),
			cases: 4,
			images: 4
		});
	});
});

describe('freezing the case set', () => {
	it('asks for findings to be acknowledged, then freezes version 1 with its fingerprint, audited', async () => {
		const { db, studyId } = await miniStudy();
		const admin = await signer(db);
		await expect(freezeDataset(db, admin.principal, 'mini-study', admin.signature)).rejects.toThrow(
			/^5 finding\(s\) must be acknowledged before the freeze \(--accept-warnings\):\n {2}case K1: 1 image\(s\) were loaded with the protocol, not imported: no de-identification record\n(.|\n)*cases from 2 site\(s\); CAS-1 recommends at least 3$/
		);
		const frozen = await freezeDataset(db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true,
			reason: 'QC passed',
			now: new Date('2026-01-05T10:00:00Z')
		});
		expect(frozen).toMatchObject({
			version: 1,
			cases: 4,
			images: 4,
			frozenBy: `user:${admin.principal.userId} <${admin.principal.email}>`,
			fingerprint: (await datasetFingerprint(db, studyId)).fingerprint
		});
		expect(frozen.accepted.map((finding) => finding.code)).toEqual([
			'not-imported',
			'not-imported',
			'not-imported',
			'not-imported',
			'few-sites'
		]);
		expect(await datasetFreezeOf(db, studyId)).toEqual({
			version: 1,
			fingerprint: frozen.fingerprint,
			frozenAt: new Date('2026-01-05T10:00:00Z'),
			frozenBy: frozen.frozenBy,
			cases: 4,
			images: 4
		});
		const audit = (await sqlRow(
			db,
			"SELECT after_json AS after, reason FROM audit_events WHERE action = 'dataset.frozen'"
		)) as { after: string; reason: string };
		expect(JSON.parse(audit.after)).toMatchObject({
			version: 1,
			fingerprint: frozen.fingerprint,
			cases: 4,
			images: 4
		});
		expect(audit.reason).toBe('QC passed');
		await expect(
			freezeDataset(db, admin.principal, 'mini-study', admin.signature, { acceptWarnings: true })
		).rejects.toThrow(/already frozen at version 1/);
	});

	it('refuses a freeze while a case has no image', async () => {
		const db = await testDatabase();
		const yaml = FIXTURE_YAML.replace(
			'  file: cases.csv\n',
			'  file: cases.csv\n  images_from: import\n'
		);
		await loadStudy(db, operator, studyFolderOf(makeStudyFolder({ yaml, imageFolders: [] })));
		const admin = await signer(db);
		await expect(
			freezeDataset(db, admin.principal, 'mini-study', admin.signature, { acceptWarnings: true })
		).rejects.toThrow(
			'The dataset of "mini-study" cannot be frozen:\n  case K1: no image\n  case K2: no image\n  case K3: no image\n  case K4: no image'
		);
	});

	it('refuses any change to a frozen case set — truth, images, strata, by any path — until it is reopened with a reason', async () => {
		const { db, dir, studyId } = await miniStudy();
		const admin = await signer(db);
		const { fingerprint } = await freezeDataset(
			db,
			admin.principal,
			'mini-study',
			admin.signature,
			{
				acceptWarnings: true
			}
		);
		const auditBefore = await verifyAuditChain(db);

		await expect(
			importTruth(db, operator, 'mini-study', truthCsv(['K1,1,G2', 'K2,0,', 'K3,0,', 'K4,1,G3']))
		).rejects.toThrow(DatasetFrozen);
		await expect(
			importTruth(db, operator, 'mini-study', truthCsv(['K1,1,G2', 'K2,0,', 'K3,0,', 'K4,1,G3']))
		).rejects.toThrow(
			`The dataset of "mini-study" is frozen at version 1 (fingerprint ${fingerprint}): changing the reference truth needs a new version. Reopen it first: tandem cases reopen --study mini-study --reason "…", then freeze again.`
		);
		await expect(
			importCases(db, operator, 'mini-study', {
				source: folderSource(dir),
				match: 'accession',
				keyFile: join(dir, '..', 'k.key')
			})
		).rejects.toThrow(/frozen at version 1/);
		// One case's truth changed in the protocol folder: the load is refused, naming the case.
		writeStudyFiles(dir, {
			truth: FIXTURE_TRUTH.map((line) => (line.startsWith('K3,') ? 'K3,1,5' : line))
		});
		await expect(loadStudy(db, operator, studyFolderOf(dir))).rejects.toThrow(StudyLoadRefused);
		await expect(loadStudy(db, operator, studyFolderOf(dir))).rejects.toThrow(
			/would change case\(s\) K3\. Reopen it for a new version first/
		);
		// One case's image replaced on disk.
		writeStudyFiles(dir);
		writeFileSync(join(dir, 'images', 'K2', '001.dcm'), fakeDicom('K2-replaced'));
		writeFileSync(
			join(dir, 'study.yaml'),
			FIXTURE_YAML.replace('Mini study for tests', 'Mini study, retitled')
		);
		await expect(loadStudy(db, operator, studyFolderOf(dir))).rejects.toThrow(
			/would change case\(s\) K2\./
		);
		// The database itself refuses, whoever writes.
		await expect(sqlRun(db, "UPDATE images SET sha256 = 'x' WHERE case_id = 1")).rejects.toThrow(
			/the dataset is frozen/
		);
		await expect(
			sqlRun(db, 'UPDATE reference_truth SET truth = 1 - truth WHERE case_id = 2')
		).rejects.toThrow(/the dataset is frozen/);
		await expect(
			sqlRun(db, `UPDATE cases SET strata_json = '{"site":"site-a","vendor":"x"}' WHERE id = 1`)
		).rejects.toThrow(/the dataset is frozen/);
		await expect(sqlRun(db, 'DELETE FROM images WHERE case_id = 1')).rejects.toThrow(
			/the dataset is frozen/
		);
		expect((await datasetFingerprint(db, studyId)).fingerprint).toBe(fingerprint);
		expect(await verifyAuditChain(db)).toEqual(auditBefore);

		// A change to the protocol that leaves the case set alone is still possible.
		writeFileSync(join(dir, 'images', 'K2', '001.dcm'), fakeDicom('K2-1'));
		expect((await loadStudy(db, operator, studyFolderOf(dir))).status).toBe('updated');

		await expect(reopenDataset(db, operator, 'mini-study', '  ')).rejects.toThrow(/needs a reason/);
		expect(await reopenDataset(db, operator, 'mini-study', 'pathology results arrived')).toEqual({
			reopenedVersion: 1,
			nextVersion: 2
		});
		expect(await datasetFreezeOf(db, studyId)).toBeNull();
		await expect(assertDatasetOpen(db, studyId, 'mini-study', 'x')).resolves.not.toThrow();
		expect(
			await importTruth(
				db,
				operator,
				'mini-study',
				truthCsv(['K1,1,G2', 'K2,0,', 'K3,1,G1', 'K4,1,G3'])
			)
		).toMatchObject({ cases: 4, positives: 3, changed: 4 });
		const second = await freezeDataset(db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true,
			reason: 'version 2 with pathology'
		});
		expect(second.version).toBe(2);
		expect(second.fingerprint).not.toBe(fingerprint);
		expect(
			(await datasetVersionsOf(db, studyId)).map((row) => [row.version, row.reopenReason])
		).toEqual([
			[1, 'pathology results arrived'],
			[2, null]
		]);
		const actions = (
			(await sqlRows(
				db,
				"SELECT action FROM audit_events WHERE action LIKE 'dataset.%' OR action LIKE 'truth.%' ORDER BY seq"
			)) as Array<{ action: string }>
		).map((row) => row.action);
		expect(actions).toEqual([
			'dataset.frozen',
			'dataset.reopened',
			'truth.imported',
			'dataset.frozen'
		]);
		expect((await verifyAuditChain(db)).ok).toBe(true);
	});

	it('refuses a signed-in user who is not the study admin', async () => {
		const { db } = await miniStudy();
		const createdAt = new Date(0);
		const [user] = await db
			.insert(users)
			.values({ email: 'c@x.org', name: 'C', passwordHash: 'x', createdAt })
			.returning({ id: users.id });
		await db
			.insert(memberships)
			.values({ userId: user!.id, studyId: 1, role: 'coordinator', siteId: 1, createdAt });
		const coordinator = { kind: 'user' as const, userId: user!.id, email: 'c@x.org', name: 'C' };
		await expect(
			freezeDataset(
				db,
				coordinator,
				'mini-study',
				{ password: 'x', meaning: 'approved' },
				{ acceptWarnings: true }
			)
		).rejects.toThrow(/do not have access/);
		await expect(importTruth(db, coordinator, 'mini-study', truthCsv(['K1,1,']))).rejects.toThrow(
			/do not have access/
		);
	});
});

describe('importing reference truth', () => {
	it('names every problem by file, line and field, and changes nothing', async () => {
		const { db } = await miniStudy();
		const before = await sqlRows(db, 'SELECT * FROM reference_truth ORDER BY id');
		await expect(
			importTruth(db, operator, 'mini-study', truthCsv(['K1,1,G2', 'K9,0,', 'K2,maybe,', 'K1,0,']))
		).rejects.toThrow(
			[
				'pathology.csv:3: case_id: case "K9" is not in the case manifest',
				'pathology.csv:4: truth: "maybe" is not 0 (non-diseased) or 1 (diseased)',
				'pathology.csv:5: case_id: second truth row for "K1" (first on line 2)',
				'pathology.csv:1: case_id: no truth for case(s) K3, K4',
				// Only K1's row is usable, so one class is left.
				'pathology.csv:1: truth: all cases have the same truth: an ROC study needs both classes',
				'5 problem(s) in the truth file; nothing was changed'
			].join('\n')
		);
		await expect(
			importTruth(db, operator, 'mini-study', {
				file: 't.csv',
				text: 'case,truth\nK1,1\n',
				source: 'x'
			})
		).rejects.toThrow('t.csv:1: case_id: missing column "case_id"');
		await expect(
			importTruth(db, operator, 'mini-study', { ...truthCsv(['K1,1,']), source: ' ' })
		).rejects.toThrow(/say where the truth comes from/);
		expect(await sqlRows(db, 'SELECT * FROM reference_truth ORDER BY id')).toEqual(before);
	});

	it('replaces the truth with its source and details, counting what changed', async () => {
		const { db } = await miniStudy();
		const text = 'case_id,truth,grade\nK1,1,G2\nK2,0,\nK3,0,\nK4,1,G3\n';
		expect(
			await importTruth(db, operator, 'mini-study', { file: 'p.csv', text, source: 'pathology' })
		).toEqual({ cases: 4, positives: 2, changed: 4, sha256: sha256(text) });
		expect(
			await sqlRows(
				db,
				'SELECT truth, details_json AS details, source FROM reference_truth ORDER BY case_id'
			)
		).toEqual([
			{ truth: 1, details: '{"grade":"G2"}', source: 'pathology' },
			{ truth: 0, details: '{"grade":""}', source: 'pathology' },
			{ truth: 0, details: '{"grade":""}', source: 'pathology' },
			{ truth: 1, details: '{"grade":"G3"}', source: 'pathology' }
		]);
		expect(
			(await importTruth(db, operator, 'mini-study', { file: 'p.csv', text, source: 'pathology' }))
				.changed
		).toBe(0);
	});
});
