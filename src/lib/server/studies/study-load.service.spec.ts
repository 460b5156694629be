import { describe, expect, it } from 'vitest';
import { readStudyFolder, type StudyFolder } from './study-folder';
import { loadStudy, StudyLoadRefused } from './study-load.service';
import {
	makeStudyFolder,
	writeStudyFiles,
	FIXTURE_YAML,
	FIXTURE_CASES,
	FIXTURE_TRUTH
} from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { operatorPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import type { Db } from '../db/client';

function folderOf(dir: string): StudyFolder {
	const result = readStudyFolder(dir);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.folder;
}

/** Every row of every trial table, to show a refused load changed nothing. */
function snapshot(db: Db): string {
	const tables = [
		'studies',
		'protocol_versions',
		'sites',
		'cases',
		'images',
		'reference_truth',
		'memberships',
		'audit_events'
	];
	return JSON.stringify(
		tables.map((table) => db.$client.prepare(`SELECT * FROM ${table} ORDER BY 1`).all())
	);
}

/** Puts one submitted read on case K1 (reader at site-a), as the reading service will. */
function addRead(db: Db, studyId: number): void {
	const sql = db.$client;
	sql
		.prepare(
			"INSERT INTO users (email, name, password_hash, created_at) VALUES ('r@x.org', 'R', 'x', 0)"
		)
		.run();
	sql
		.prepare(
			"INSERT INTO memberships (user_id, study_id, role, site_id, created_at) VALUES (1, ?, 'reader', 1, 0)"
		)
		.run(studyId);
	sql
		.prepare(
			"INSERT INTO reading_sessions (study_id, membership_id, period, session_index, status, created_at) VALUES (?, 1, 1, 1, 'open', 0)"
		)
		.run(studyId);
	sql
		.prepare(
			"INSERT INTO assignments (session_id, case_id, arm, position, public_id, created_at) VALUES (1, 1, 'unaided', 1, 'p1', 0)"
		)
		.run();
	sql
		.prepare(
			"INSERT INTO reads (assignment_id, client_id, decision, confidence, submitted_at) VALUES (1, 'c1', 1, 80, 0)"
		)
		.run();
}

describe('loadStudy', () => {
	it('creates the study with sites, cases, images, truth, protocol revision 1 and one audit row', async () => {
		const db = await testDatabase();
		const folder = folderOf(makeStudyFolder());
		const result = await loadStudy(db, operatorPrincipal(), folder);
		expect(result).toMatchObject({ status: 'created', revision: 1, cases: 4 });
		const count = (table: string) =>
			(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
		expect([
			count('sites'),
			count('cases'),
			count('images'),
			count('reference_truth'),
			count('protocol_versions')
		]).toEqual([2, 4, 4, 4, 1]);
		const study = db.$client.prepare('SELECT protocol_sha256 AS sha FROM studies').get() as {
			sha: string;
		};
		expect(study.sha).toBe(folder.sha256);
		const audit = db.$client
			.prepare('SELECT action, entity_type AS entityType FROM audit_events')
			.all();
		expect(audit).toEqual([{ action: 'study.created', entityType: 'study' }]);
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1 });
	});

	it('leaves an unchanged protocol alone, and updates a changed one before any read', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		await loadStudy(db, operatorPrincipal(), folderOf(dir));
		expect((await loadStudy(db, operatorPrincipal(), folderOf(dir))).status).toBe('unchanged');
		writeStudyFiles(dir, { cases: [...FIXTURE_CASES.slice(0, 4), 'K4,images/K4,site-b,siemens'] });
		const result = await loadStudy(db, operatorPrincipal(), folderOf(dir));
		expect(result).toMatchObject({ status: 'updated', revision: 2 });
		const vendor = db.$client
			.prepare("SELECT strata_json AS s FROM cases WHERE case_key = 'K4'")
			.get() as { s: string };
		expect(JSON.parse(vendor.s)).toEqual({ site: 'site-b', vendor: 'siemens' });
	});

	it('refuses a changed protocol once reads exist, changing nothing, unless amended with a reason', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folderOf(dir));
		addRead(db, studyId);
		writeStudyFiles(dir, { yaml: FIXTURE_YAML.replace('margin: 0.05', 'margin: 0.10') });
		const before = snapshot(db);
		await expect(loadStudy(db, operatorPrincipal(), folderOf(dir))).rejects.toThrow(
			/already has 1 read\(s\).*--amend --reason/
		);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true })
		).rejects.toThrow(/needs a reason/);
		expect(snapshot(db)).toBe(before);

		const result = await loadStudy(db, operatorPrincipal(), folderOf(dir), {
			amend: true,
			reason: 'margin agreed with the regulator'
		});
		expect(result).toMatchObject({ status: 'amended', revision: 2 });
		const row = db.$client
			.prepare(
				"SELECT action, reason, before_json AS before FROM audit_events WHERE action = 'study.amended'"
			)
			.get() as Record<string, string>;
		expect(row.reason).toBe('margin agreed with the regulator');
		expect(JSON.parse(row.before!)).toMatchObject({ protocolVersion: '1' });
		const version = db.$client
			.prepare('SELECT reason FROM protocol_versions WHERE revision = 2')
			.get();
		expect(version).toEqual({ reason: 'margin agreed with the regulator' });
	});

	it('rolls back everything when a change fails half way (a read case cannot be removed)', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folderOf(dir));
		addRead(db, studyId);
		// New vendor for K2 is applied before K1's removal fails: it must not survive.
		const cases = [
			'case_id,images,site,vendor',
			'K2,images/K2,site-a,philips',
			'K3,images/K3,site-b,ge',
			'K4,images/K4,site-b,philips'
		];
		writeStudyFiles(dir, { cases, truth: FIXTURE_TRUTH.filter((line) => !line.startsWith('K1')) });
		const before = snapshot(db);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true, reason: 'drop K1' })
		).rejects.toThrow(StudyLoadRefused);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true, reason: 'drop K1' })
		).rejects.toThrow('case "K1" is assigned or scored and cannot be removed');
		expect(snapshot(db)).toBe(before);
	});

	it('refuses a signed-in user who is not the study admin', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		await expect(
			loadStudy(db, { kind: 'user', userId: 1, email: 'a@b.c', name: 'A' }, folderOf(dir))
		).rejects.toThrow(/loaded by an operator/);
		await loadStudy(db, operatorPrincipal(), folderOf(dir));
		writeStudyFiles(dir, { yaml: FIXTURE_YAML.replace('Mini study for tests', 'Renamed') });
		await expect(
			loadStudy(db, { kind: 'user', userId: 1, email: 'a@b.c', name: 'A' }, folderOf(dir))
		).rejects.toThrow(/do not have access/);
	});
});
