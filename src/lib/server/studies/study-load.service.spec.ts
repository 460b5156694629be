import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
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
import { assignments, memberships, readingSessions, reads, users } from '../db/schema';

function folderOf(dir: string): StudyFolder {
	const result = readStudyFolder(dir);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.folder;
}

/** Every row of every trial table, to show a refused load changed nothing. */
async function snapshot(db: Db): Promise<string> {
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
	const rows = [];
	for (const table of tables) rows.push(await sqlRows(db, `SELECT * FROM ${table} ORDER BY 1`));
	return JSON.stringify(rows);
}

/** Puts one submitted read on case K1 (reader at site-a), as the reading service will. */
async function addRead(db: Db, studyId: number): Promise<void> {
	const createdAt = new Date(0);
	const [user] = await db
		.insert(users)
		.values({ email: 'r@x.org', name: 'R', passwordHash: 'x', createdAt })
		.returning({ id: users.id });
	const [membership] = await db
		.insert(memberships)
		.values({ userId: user!.id, studyId, role: 'reader', siteId: 1, createdAt })
		.returning({ id: memberships.id });
	const [session] = await db
		.insert(readingSessions)
		.values({
			studyId,
			membershipId: membership!.id,
			period: 1,
			sessionIndex: 1,
			status: 'open',
			createdAt
		})
		.returning({ id: readingSessions.id });
	const [assignment] = await db
		.insert(assignments)
		.values({
			sessionId: session!.id,
			caseId: 1,
			arm: 'unaided',
			position: 1,
			publicId: 'p1',
			createdAt
		})
		.returning({ id: assignments.id });
	await db.insert(reads).values({
		assignmentId: assignment!.id,
		clientId: 'c1',
		decision: 1,
		confidence: 80,
		submittedAt: createdAt
	});
}

describe('loadStudy', () => {
	it('creates the study with sites, cases, images, truth, protocol revision 1 and one audit row', async () => {
		const db = await testDatabase();
		const folder = folderOf(makeStudyFolder());
		const result = await loadStudy(db, operatorPrincipal(), folder);
		expect(result).toMatchObject({ status: 'created', revision: 1, cases: 4 });
		const count = async (table: string) =>
			((await sqlRow(db, `SELECT count(*) AS n FROM ${table}`)) as { n: number }).n;
		expect([
			await count('sites'),
			await count('cases'),
			await count('images'),
			await count('reference_truth'),
			await count('protocol_versions')
		]).toEqual([2, 4, 4, 4, 1]);
		const study = (await sqlRow(db, 'SELECT protocol_sha256 AS sha FROM studies')) as {
			sha: string;
		};
		expect(study.sha).toBe(folder.sha256);
		const audit = await sqlRows(db, 'SELECT action, entity_type AS "entityType" FROM audit_events');
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
		const vendor = (await sqlRow(
			db,
			"SELECT strata_json AS s FROM cases WHERE case_key = 'K4'"
		)) as { s: string };
		expect(JSON.parse(vendor.s)).toEqual({ site: 'site-b', vendor: 'siemens' });
	});

	it('refuses a changed protocol once reads exist, changing nothing, unless amended with a reason', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folderOf(dir));
		await addRead(db, studyId);
		writeStudyFiles(dir, { yaml: FIXTURE_YAML.replace('margin: 0.05', 'margin: 0.10') });
		const before = await snapshot(db);
		await expect(loadStudy(db, operatorPrincipal(), folderOf(dir))).rejects.toThrow(
			/already has 1 read\(s\).*--amend --reason/
		);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true })
		).rejects.toThrow(/needs a reason/);
		expect(await snapshot(db)).toBe(before);

		const result = await loadStudy(db, operatorPrincipal(), folderOf(dir), {
			amend: true,
			reason: 'margin agreed with the regulator'
		});
		expect(result).toMatchObject({ status: 'amended', revision: 2 });
		const row = (await sqlRow(
			db,
			"SELECT action, reason, before_json AS before FROM audit_events WHERE action = 'study.amended'"
		)) as Record<string, string>;
		expect(row.reason).toBe('margin agreed with the regulator');
		expect(JSON.parse(row.before!)).toMatchObject({ protocolVersion: '1' });
		const version = await sqlRow(db, 'SELECT reason FROM protocol_versions WHERE revision = 2');
		expect(version).toEqual({ reason: 'margin agreed with the regulator' });
	});

	it('rolls back everything when a change fails half way (a read case cannot be removed)', async () => {
		const db = await testDatabase();
		const dir = makeStudyFolder();
		const { studyId } = await loadStudy(db, operatorPrincipal(), folderOf(dir));
		await addRead(db, studyId);
		// New vendor for K2 is applied before K1's removal fails: it must not survive.
		const cases = [
			'case_id,images,site,vendor',
			'K2,images/K2,site-a,philips',
			'K3,images/K3,site-b,ge',
			'K4,images/K4,site-b,philips'
		];
		writeStudyFiles(dir, { cases, truth: FIXTURE_TRUTH.filter((line) => !line.startsWith('K1')) });
		const before = await snapshot(db);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true, reason: 'drop K1' })
		).rejects.toThrow(StudyLoadRefused);
		await expect(
			loadStudy(db, operatorPrincipal(), folderOf(dir), { amend: true, reason: 'drop K1' })
		).rejects.toThrow('case "K1" is assigned or scored and cannot be removed');
		expect(await snapshot(db)).toBe(before);
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
