import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { NotFound } from '../errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	burnedInPreview,
	decideBurnedInReview,
	listBurnedInReviews,
	pendingBurnedInCount
} from './burned-in-review.service';
import { importCases } from './case-import.service';
import { freezeDataset } from './dataset-freeze.service';
import { folderSource } from './import-sources';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { studyFolderOf } from '$fixtures/case-import.fixture';
import { US_IMAGE_STORAGE, identifiedDicom } from '$fixtures/identified-dicom.fixture';
import type { Db } from '../db/client';
import { memberships, users } from '../db/schema';
import { signer } from '$fixtures/signer.fixture';

const operator = operatorPrincipal();

async function coordinator(db: Db, n: number, site: number): Promise<UserPrincipal> {
	const email = `coordinator${n}@site.org`;
	const name = `Coordinator ${n}`;
	const createdAt = new Date(0);
	const [user] = await db
		.insert(users)
		.values({ email, name, passwordHash: 'x', createdAt })
		.returning({ id: users.id });
	await db
		.insert(memberships)
		.values({ userId: user!.id, studyId: 1, role: 'coordinator', siteId: site, createdAt });
	return { kind: 'user', userId: user!.id, email, name };
}

describe('the burned-in annotation review queue', () => {
	let db: Db;
	let studyDir: string;
	let siteA: UserPrincipal;
	let siteB: UserPrincipal;

	beforeEach(async () => {
		db = await testDatabase();
		studyDir = makeStudyFolder({
			yaml: FIXTURE_YAML.replace(
				'  file: cases.csv\n',
				'  file: cases.csv\n  images_from: import\n'
			),
			imageFolders: []
		});
		await loadStudy(db, operator, studyFolderOf(studyDir));
		siteA = await coordinator(db, 1, 1);
		siteB = await coordinator(db, 2, 2);
		// Cases K1, K2 are at site-a, K3, K4 at site-b; matched by accession number A-K1…A-K4.
		const source = mkdtempSync(join(tmpdir(), 'tandem-burned-'));
		writeFileSync(
			join(source, 'k1-us.dcm'),
			identifiedDicom({
				accession: 'A-K1',
				modality: 'US',
				sopClassUid: US_IMAGE_STORAGE,
				sopUid: '1.2.826.0.1.3680043.99.5.1',
				rows: 8,
				columns: 8
			})
		);
		writeFileSync(
			join(source, 'k1-ct.dcm'),
			identifiedDicom({
				accession: 'A-K1',
				sopUid: '1.2.826.0.1.3680043.99.5.2',
				instanceNumber: 2
			})
		);
		writeFileSync(
			join(source, 'k2.dcm'),
			identifiedDicom({ accession: 'A-K2', sopUid: '1.2.826.0.1.3680043.99.6.1' })
		);
		writeFileSync(
			join(source, 'k3-burned.dcm'),
			identifiedDicom({ accession: 'A-K3', burnedIn: 'YES', sopUid: '1.2.826.0.1.3680043.99.7.1' })
		);
		writeFileSync(
			join(source, 'k4.dcm'),
			identifiedDicom({ accession: 'A-K4', sopUid: '1.2.826.0.1.3680043.99.8.1' })
		);
		const report = await importCases(db, operator, 'mini-study', {
			source: folderSource(source),
			match: 'accession',
			mapping: {
				file: 'mapping.csv',
				text: 'case_id,accession_number\nK1,A-K1\nK2,A-K2\nK3,A-K3\nK4,A-K4\n'
			},
			keyFile: join(source, '..', `${Date.now()}-${Math.random()}.key`)
		});
		expect(report).toMatchObject({ imported: 5, burnedInFlagged: 2 });
	});

	it('shows each coordinator the flagged images of their own site, the admin all of them', async () => {
		expect(
			(await listBurnedInReviews(db, siteA, 'mini-study')).map((row) => [
				row.caseKey,
				row.siteCode,
				row.modality,
				row.reasons,
				row.status
			])
		).toEqual([
			['K1', 'site-a', 'US', ['modality US: pixels often carry burned-in text'], 'pending']
		]);
		expect(
			(await listBurnedInReviews(db, siteB, 'mini-study')).map((row) => [row.caseKey, row.reasons])
		).toEqual([['K3', ['BurnedInAnnotation (0028,0301) is YES']]]);
		expect(
			(await listBurnedInReviews(db, operator, 'mini-study')).map((row) => row.caseKey)
		).toEqual(['K1', 'K3']);
		expect(await pendingBurnedInCount(db, siteA, 'mini-study')).toBe(1);
	});

	/** A freeze as the study's admin signs it. */
	const freeze = async () => {
		const admin = await signer(db);
		return freezeDataset(db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true
		});
	};

	it('blocks the freeze while an image awaits review', async () => {
		await expect(freeze()).rejects.toThrow(
			'The dataset of "mini-study" cannot be frozen:\n  case K1: 1 image(s) await burned-in annotation review\n  case K3: 1 image(s) await burned-in annotation review'
		);
	});

	it("lets only the coordinator of the case's site decide, once; a PNG preview helps them look", async () => {
		const [k1] = await listBurnedInReviews(db, siteA, 'mini-study');
		// Another site's review looks exactly like one that does not exist.
		const missing = `No burned-in review 99999 in "mini-study".`;
		await expect(decideBurnedInReview(db, siteB, 'mini-study', 99_999, 'cleared')).rejects.toThrow(
			missing
		);
		await expect(decideBurnedInReview(db, siteB, 'mini-study', k1!.id, 'cleared')).rejects.toThrow(
			`No burned-in review ${k1!.id} in "mini-study".`
		);
		await expect(burnedInPreview(db, siteB, 'mini-study', k1!.id)).rejects.toThrow(NotFound);
		const png = await burnedInPreview(db, siteA, 'mini-study', k1!.id);
		expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');
		const decided = await decideBurnedInReview(
			db,
			siteA,
			'mini-study',
			k1!.id,
			'cleared',
			'only the probe label'
		);
		expect(decided).toMatchObject({
			status: 'cleared',
			decidedBy: 'user:1 <coordinator1@site.org>',
			note: 'only the probe label'
		});
		await expect(
			decideBurnedInReview(db, siteA, 'mini-study', k1!.id, 'identifying', 'x')
		).rejects.toThrow(/already decided \(cleared\)/);
		const audit = await sqlRow(
			db,
			"SELECT actor, reason FROM audit_events WHERE action = 'burned_in.cleared'"
		);
		expect(audit).toEqual({
			actor: 'user:1 <coordinator1@site.org>',
			reason: 'only the probe label'
		});
	});

	it('withdraws an identifying image: out of the case, its file deleted, the case re-ordered', async () => {
		const [k3] = await listBurnedInReviews(db, siteB, 'mini-study');
		const path = (
			(await sqlRow(
				db,
				'SELECT i.path FROM images i JOIN cases c ON c.id = i.case_id WHERE c.case_key = ?',
				'K3'
			)) as { path: string }
		).path;
		expect(existsSync(join(studyDir, path))).toBe(true);
		await expect(
			decideBurnedInReview(db, siteB, 'mini-study', k3!.id, 'identifying', ' ')
		).rejects.toThrow(/say what identifying text/);
		await decideBurnedInReview(
			db,
			siteB,
			'mini-study',
			k3!.id,
			'identifying',
			'patient name in the top-left corner'
		);
		expect(existsSync(join(studyDir, path))).toBe(false);
		expect(
			await sqlRow(
				db,
				"SELECT count(*) AS n FROM images i JOIN cases c ON c.id = i.case_id WHERE c.case_key = 'K3'"
			)
		).toEqual({ n: 0 });
		expect(
			await sqlRows(
				db,
				'SELECT withdrawn_reason AS reason FROM imported_instances WHERE withdrawn_at IS NOT NULL'
			)
		).toEqual([{ reason: 'burned-in identity: patient name in the top-left corner' }]);
		await expect(burnedInPreview(db, siteB, 'mini-study', k3!.id)).rejects.toThrow(/withdrawn/);
		expect((await verifyAuditChain(db)).ok).toBe(true);
		// K1 still pending, K3 now has no image: both block the freeze.
		await expect(freeze()).rejects.toThrow(
			/case K1: 1 image\(s\) await burned-in annotation review\n {2}case K3: no image/
		);
	});
});
