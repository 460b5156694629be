// Reading waits for the frozen case set (unless the protocol says otherwise, audited), and a case
// whose image awaits its burned-in annotation review is neither served nor read nor offered.
import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageForReading, nextAssignment, readingPage, readingView } from './reading.service';
import { submitRead } from './read.service';
import { readerWorklist } from './worklist.service';
import { freezeDataset } from '../cases/dataset-freeze.service';
import { decideBurnedInReview, listBurnedInReviews } from '../cases/burned-in-review.service';
import { importCases } from '../cases/case-import.service';
import { folderSource } from '../cases/import-sources';
import { operatorPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import { FIXTURE_YAML, READ_BEFORE_FREEZE } from '$fixtures/study-folder.fixture';
import { US_IMAGE_STORAGE, identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { signer } from '$fixtures/signer.fixture';

const operator = operatorPrincipal();
const NOT_STARTED = 'Reading has not started in this study: its case set is not frozen yet.';
const HELD = 'This case is not ready to be read yet; it will be offered later.';

async function auditActions(db: Db, action: string) {
	return (
		await sqlRows(
			db,
			'SELECT after_json AS after FROM audit_events WHERE action = ? ORDER BY seq',
			action
		)
	).map((row) => JSON.parse((row as { after: string }).after) as Record<string, unknown>);
}

describe('reading before the freeze', () => {
	it('serves, saves and takes nothing until the case set is frozen', async () => {
		const yaml = FIXTURE_YAML.replace(READ_BEFORE_FREEZE, '');
		const { db, readers } = await enrolledStudy(['site-a'], twelveCaseOptions(yaml));
		const reader = readers[0]!;
		const [first] = await readerAssignments(db, reader.email, { period: 1 });

		await expect(readingView(db, reader, first!.id)).rejects.toThrow(NOT_STARTED);
		await expect(imageForReading(db, reader, first!.id, 1)).rejects.toThrow(NOT_STARTED);
		expect(await readingPage(db, reader, first!.id)).toMatchObject({
			view: null,
			closed: null,
			waiting: { slug: 'mini-study', reason: 'not-started' }
		});
		expect(await nextAssignment(db, reader, 'mini-study')).toBeNull();
		expect((await readerWorklist(db, reader))[0]).toMatchObject({ notStarted: true });
		const read = {
			assignment: first!.id,
			clientId: 'before-freeze-read-0001',
			decision: 1 as const,
			confidence: 40
		};
		await expect(submitRead(db, reader, read)).rejects.toThrow(NOT_STARTED);
		expect(await auditActions(db, 'read.refused_not_started')).toEqual([
			{ assignment: first!.id, reason: 'not-started' }
		]);
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 0 });

		const admin = await signer(db);
		await freezeDataset(db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true
		});
		expect((await readerWorklist(db, reader))[0]).toMatchObject({ notStarted: false, heldBack: 0 });
		expect(await nextAssignment(db, reader, 'mini-study')).toBe(first!.id);
		expect((await imageForReading(db, reader, first!.id, 1)).path).toMatch(/001\.dcm$/);
		await submitRead(db, reader, read);
		expect((await auditActions(db, 'read.submitted'))[0]).not.toHaveProperty('beforeFreeze');
	});

	it('reads an unfrozen case set when the protocol says so, marking each such read', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const [first] = await readerAssignments(db, reader.email, { period: 1 });
		expect((await readerWorklist(db, reader))[0]).toMatchObject({ notStarted: false });
		await submitRead(db, reader, {
			assignment: first!.id,
			clientId: 'opt-out-read-0001',
			decision: 0,
			confidence: 10
		});
		expect((await auditActions(db, 'read.submitted'))[0]).toMatchObject({ beforeFreeze: true });
	});
});

describe('a case whose image awaits the burned-in review', () => {
	async function importedStudy() {
		const yaml = FIXTURE_YAML.replace(
			'  file: cases.csv\n',
			'  file: cases.csv\n  images_from: import\n'
		);
		const study = await enrolledStudy(['site-a'], { yaml, imageFolders: [] });
		const source = mkdtempSync(join(tmpdir(), 'tandem-held-'));
		const file = (name: string, bytes: Uint8Array) => writeFileSync(join(source, name), bytes);
		// K1: an ultrasound image (flagged for review) and a CT image; K2–K4: one CT image each.
		file(
			'k1-us.dcm',
			identifiedDicom({
				accession: 'ACC-1',
				modality: 'US',
				sopClassUid: US_IMAGE_STORAGE,
				sopUid: '1.2.826.0.1.3680043.99.15.1',
				rows: 8,
				columns: 8
			})
		);
		file(
			'k1-ct.dcm',
			identifiedDicom({
				accession: 'ACC-1',
				sopUid: '1.2.826.0.1.3680043.99.15.2',
				instanceNumber: 2
			})
		);
		for (const n of [2, 3, 4])
			file(
				`k${n}.dcm`,
				identifiedDicom({ accession: `ACC-${n}`, sopUid: `1.2.826.0.1.3680043.99.15.${n + 1}` })
			);
		const mapping = 'case_id,accession_number\nK1,ACC-1\nK2,ACC-2\nK3,ACC-3\nK4,ACC-4\n';
		const report = await importCases(study.db, operator, 'mini-study', {
			source: folderSource(source),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: mapping },
			keyFile: join(source, '..', `${Date.now()}-${Math.random()}.key`)
		});
		expect(report).toMatchObject({ imported: 5, burnedInFlagged: 1 });
		return study;
	}

	it('is not served, read or offered until its review clears', async () => {
		const { db, readers } = await importedStudy();
		const reader = readers[0]!;
		const period1 = await readerAssignments(db, reader.email, { period: 1 });
		const held = period1.find((assignment) => assignment.caseKey === 'K1')!;

		await expect(imageForReading(db, reader, held.id, 1)).rejects.toThrow(HELD);
		await expect(imageForReading(db, reader, held.id, 2)).rejects.toThrow(HELD);
		await expect(readingView(db, reader, held.id)).rejects.toThrow(HELD);
		expect(await readingPage(db, reader, held.id)).toMatchObject({
			view: null,
			waiting: { reason: 'held' }
		});
		const read = {
			assignment: held.id,
			clientId: 'held-case-read-0001',
			decision: 1 as const,
			confidence: 70
		};
		await expect(submitRead(db, reader, read)).rejects.toThrow(HELD);
		expect(await auditActions(db, 'read.refused_case_held')).toEqual([
			{ assignment: held.id, reason: 'held' }
		]);
		// Nothing points the reader at it: not the next case, not the worklist (beyond a count).
		for (const other of period1.filter((assignment) => assignment.caseKey !== 'K1')) {
			const view = await readingView(db, reader, other.id);
			expect(view.next?.assignment).not.toBe(held.id);
			await submitRead(db, reader, {
				assignment: other.id,
				clientId: `other-${other.id}`,
				decision: 0,
				confidence: 20
			});
		}
		expect(await nextAssignment(db, reader, 'mini-study')).toBeNull();
		const [entry] = await readerWorklist(db, reader);
		expect(entry).toMatchObject({ heldBack: 1 });
		expect(JSON.stringify(entry)).not.toMatch(/burned|identif|K1/i);

		const [review] = await listBurnedInReviews(db, operator, 'mini-study');
		await decideBurnedInReview(db, operator, 'mini-study', review!.id, 'cleared');
		expect(await nextAssignment(db, reader, 'mini-study')).toBe(held.id);
		expect((await imageForReading(db, reader, held.id, 1)).path).toMatch(/\.dcm$/);
		expect((await readerWorklist(db, reader))[0]).toMatchObject({ heldBack: 0 });
		expect(await submitRead(db, reader, read)).toMatchObject({ created: true });
	});

	it('found identifying, the image is gone and the rest of the case is read', async () => {
		const { db, readers } = await importedStudy();
		const reader = readers[0]!;
		const held = (await readerAssignments(db, reader.email, { period: 1, caseKey: 'K1' }))[0]!;
		const [review] = await listBurnedInReviews(db, operator, 'mini-study');
		await decideBurnedInReview(db, operator, 'mini-study', review!.id, 'identifying', 'a name');
		expect((await readingView(db, reader, held.id)).images).toEqual([
			`/api/read/${held.id}/images/1`
		]);
		await expect(imageForReading(db, reader, held.id, 2)).rejects.toThrow('No such image.');
	});
});
