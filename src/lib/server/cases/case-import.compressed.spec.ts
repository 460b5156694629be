// The import of a folder as a site sends it: compressed and multi-frame studies (MR with three
// series, mammography with a prior, an ultrasound cine, an enhanced CT; see
// clinical-folder.fixture.ts). What holds for the synthetic CT must hold here: every file
// imported, its pixels stored as the PACS held them, no identifier left, UIDs consistent, the
// inclusion checks, the burned-in review, the fingerprint and the freeze.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import type { ElementMap } from 'dcmjs';
import type { ImportReport } from './import-report';
import {
	importClinicalFolder,
	operator,
	rows,
	type MiniImportStudy
} from './case-import-setup.fixture';
import { decideBurnedInReview, listBurnedInReviews } from './burned-in-review.service';
import { datasetFingerprint, freezeDataset } from './dataset-freeze.service';
import { datasetFindings } from './dataset-findings';
import type { Pseudonymizer } from '../dicom/deidentify/deid-key';
import { TS, type ClinicalFile, type ClinicalFolder } from '$fixtures/clinical-folder.fixture';
import { sha256Hex } from '../crypto/hash';
import { readParts, scanValues } from '$fixtures/dicom-scan.fixture';
import { signer } from '$fixtures/signer.fixture';

interface StoredRow {
	id: number;
	case_key: string;
	path: string;
	sop_instance_uid: string;
	study_instance_uid: string;
	series_instance_uid: string;
	transfer_syntax_uid: string;
	lossy: string | null;
	missing_tags_json: string;
	header_json: string;
}

/** The pixel data element as dicom-parser frames it: offset table and each fragment's bytes. */
function encapsulated(bytes: Uint8Array): { offsets: number[]; fragments: string[] } {
	const element = dicomParser.parseDicom(bytes).elements['x7fe00010']!;
	return {
		offsets: element.basicOffsetTable ?? [],
		fragments: (element.fragments ?? []).map((fragment) =>
			Buffer.from(bytes.subarray(fragment.position, fragment.position + fragment.length)).toString(
				'hex'
			)
		)
	};
}

const nativePixels = (bytes: Uint8Array) =>
	Buffer.from(readParts(bytes).dict['7FE00010']!.Value![0] as ArrayBuffer).toString('hex');

describe('importing a folder of compressed and multi-frame studies', () => {
	let dir: string;
	let clinical: ClinicalFolder;
	let study: MiniImportStudy;
	let report: ImportReport;
	let pseudonymizer: Pseudonymizer;
	/** Each source file's stored row and bytes, by the source's relative path. */
	const stored = new Map<string, { row: StoredRow; bytes: Uint8Array }>();

	beforeAll(async () => {
		({ dir, clinical, study, report, pseudonymizer } = await importClinicalFolder());
		const byUid = new Map(
			(
				await rows<StoredRow>(
					study.db,
					'SELECT i.*, c.case_key FROM imported_instances i JOIN cases c ON c.id = i.case_id'
				)
			).map((row) => [row.sop_instance_uid, row])
		);
		for (const file of clinical.files) {
			const row = byUid.get(pseudonymizer.uid(file.sopUid));
			if (row)
				stored.set(file.relative, {
					row,
					bytes: new Uint8Array(readFileSync(join(study.studyDir, row.path)))
				});
		}
	}, 120_000);

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const storedOf = (relative: string) => {
		const found = stored.get(relative);
		if (!found) throw new Error(`${relative} was not stored`);
		return found;
	};

	it('imports every file into its case, and the report counts them', () => {
		expect(report.failedFiles).toEqual([]);
		expect(report).toMatchObject({
			total: 16,
			imported: 16,
			failed: 0,
			skipped: 0,
			casesTouched: ['K1', 'K2', 'K3', 'K4'],
			lossyImages: clinical.files.filter((file) => file.lossy).length,
			burnedInFlagged: 1
		});
		expect(clinical.files.filter((file) => file.lossy)).toHaveLength(6);
		for (const file of clinical.files)
			expect(storedOf(file.relative).row.case_key).toBe(file.caseKey);
	});

	it('stores compressed pixel data byte for byte: same transfer syntax, offset table and fragments', () => {
		const compressed = clinical.files.filter(
			(file) => !['1.2.840.10008.1.2.1.99', TS.explicitBig].includes(file.transferSyntaxUid)
		);
		expect(compressed).toHaveLength(14);
		for (const file of compressed) {
			const { row, bytes } = storedOf(file.relative);
			expect(row.transfer_syntax_uid, file.role).toBe(file.transferSyntaxUid);
			expect(readParts(bytes).meta['00020010']!.Value![0], file.role).toBe(file.transferSyntaxUid);
			const source = encapsulated(new Uint8Array(readFileSync(file.path)));
			expect(source.fragments.length, file.role).toBeGreaterThanOrEqual(file.frames);
			expect(encapsulated(bytes), file.role).toEqual(source);
		}
		// The enhanced CT: several fragments per frame and no offset table, kept as they were.
		const ct = encapsulated(new Uint8Array(readFileSync(clinical.files.at(-1)!.path)));
		expect(ct.offsets).toEqual([]);
		expect(ct.fragments.length).toBeGreaterThan(6);
	});

	it('stores Deflated and Big Endian files as Explicit VR Little Endian with the same pixel values', () => {
		const native = clinical.files.filter((file) =>
			['1.2.840.10008.1.2.1.99', TS.explicitBig].includes(file.transferSyntaxUid)
		);
		expect(native).toHaveLength(2);
		for (const file of native) {
			const { row, bytes } = storedOf(file.relative);
			expect(row.transfer_syntax_uid).toBe(TS.explicitLittle);
			expect(nativePixels(bytes), file.role).toBe(
				nativePixels(new Uint8Array(readFileSync(file.originalPath)))
			);
		}
	});

	it('leaves no identifier in any stored byte, and no private element at any level', () => {
		for (const file of clinical.files) {
			const { bytes } = storedOf(file.relative);
			const raw = Buffer.from(bytes).toString('latin1');
			for (const value of clinical.identifiers)
				expect(raw.includes(value), `${file.role}: ${value}`).toBe(false);
			const values = scanValues(bytes);
			expect(values.filter((found) => /(^|>)\d{3}[13579bdf]/i.test(found.path))).toEqual([]);
			const header = readParts(bytes).dict;
			expect(header['00120062']!.Value).toEqual(['YES']);
			// The patient's own dates are all shifted.
			const own = values.filter((found) => found.vr === 'DA').map((found) => found.value);
			expect(own.length, file.role).toBeGreaterThan(0);
			for (const date of own) expect(date, file.role).not.toBe(file.studyDate);
			expect(raw.includes(file.studyDate), file.role).toBe(false);
		}
	});

	const header = (file: ClinicalFile) => readParts(storedOf(file.relative).bytes).dict;
	const first = (dict: ElementMap, tag: string) => String(dict[tag]?.Value?.[0] ?? '');
	const byRole = (role: string) => clinical.files.find((file) => file.role === role)!;

	it('remaps UIDs consistently across series, studies and references; one pseudonym per patient', () => {
		const mr = clinical.files.filter((file) => file.caseKey === 'K1');
		const mrHeaders = mr.map(header);
		expect(new Set(mrHeaders.map((dict) => first(dict, '0020000D'))).size).toBe(1);
		expect(new Set(mrHeaders.map((dict) => first(dict, '0020000E'))).size).toBe(3);
		expect(new Set(mrHeaders.map((dict) => first(dict, '00200052'))).size).toBe(1);
		for (const file of clinical.files) {
			const dict = header(file);
			expect(first(dict, '00080018'), file.role).toBe(pseudonymizer.uid(file.sopUid));
			expect(first(dict, '0020000D'), file.role).toBe(pseudonymizer.uid(file.studyUid));
			expect(first(dict, '0020000E'), file.role).toBe(pseudonymizer.uid(file.seriesUid));
			expect(first(dict, '00200052'), file.role).toBe(pseudonymizer.uid(file.frameOfReferenceUid));
			expect(storedOf(file.relative).row.study_instance_uid).toBe(first(dict, '0020000D'));
		}
		// The mammography prior: its own study, the same patient's pseudonym, dates one year apart.
		const prior = header(byRole('MG prior R-CC'));
		const current = header(byRole('MG current R-CC'));
		expect(first(prior, '0020000D')).not.toBe(first(current, '0020000D'));
		expect(first(prior, '00100020')).toBe(first(current, '00100020'));
		expect((prior['00100010']!.Value![0] as { Alphabetic: string }).Alphabetic).toBe(
			first(current, '00100020')
		);
		const patients = new Set(clinical.files.map((file) => first(header(file), '00100020')));
		expect(patients.size).toBe(4);
		const day = (value: string) =>
			Date.UTC(+value.slice(0, 4), +value.slice(4, 6) - 1, +value.slice(6, 8));
		expect((day(first(current, '00080020')) - day(first(prior, '00080020'))) / 86_400_000).toBe(
			369
		);
		// The current R-CC's reference to the prior R-CC follows it to its new UID.
		const reference = (current['00081140']!.Value![0] as ElementMap)['00081155']!.Value![0];
		expect(reference).toBe(first(prior, '00080018'));
		// The enhanced CT keeps its functional groups, one per frame.
		const ct = header(byRole('CT enhanced'));
		expect(first(ct, '00280008')).toBe('6');
		expect(ct['52009230']!.Value).toHaveLength(6);
	});

	it('flags lossy images by transfer syntax: JPEG Baseline, lossy JPEG 2000, near-lossless JPEG-LS', () => {
		for (const file of clinical.files) {
			const { lossy } = storedOf(file.relative).row;
			if (file.lossy)
				expect(lossy, file.role).toMatch(
					new RegExp(`^transfer syntax ${file.transferSyntaxUid.replace(/\./g, '\\.')}: `)
				);
			else expect(lossy, file.role).toBeNull();
		}
		expect(storedOf(byRole('US cine').relative).row.lossy).toBe(
			'transfer syntax 1.2.840.10008.1.2.4.50: JPEG Baseline (lossy)'
		);
	});

	it('evaluates the inclusion checks on them: geometry found in functional groups, lossy and review findings per case', async () => {
		for (const file of clinical.files)
			expect(JSON.parse(storedOf(file.relative).row.missing_tags_json), file.role).toEqual([]);
		const studyId = (await rows<{ id: number }>(study.db, 'SELECT id FROM studies'))[0]!.id;
		const findings = (await datasetFindings(study.db, studyId)).filter(
			(finding) => finding.caseKey
		);
		expect(findings.map((finding) => `${finding.caseKey} ${finding.code}`).sort()).toEqual([
			'K1 lossy',
			'K2 lossy',
			'K3 burned-in-pending',
			'K3 lossy'
		]);
		expect(findings.find((finding) => finding.caseKey === 'K2')!.message).toBe(
			'case K2: 4 image(s) lossy-compressed (transfer syntax 1.2.840.10008.1.2.4.91: JPEG 2000 (lossy allowed))'
		);
	});

	it("lists each case's images study by study, then series and instance (the prior before the current)", async () => {
		const order = (
			await rows<{ path: string }>(
				study.db,
				"SELECT i.path FROM images i JOIN cases c ON c.id = i.case_id WHERE c.case_key = 'K2' ORDER BY i.ordinal"
			)
		).map(
			(image) =>
				clinical.files.find((file) => storedOf(file.relative).row.path === image.path)!.role
		);
		expect(order).toEqual([
			'MG prior R-CC',
			'MG prior L-CC',
			'MG prior R-MLO',
			'MG prior L-MLO',
			'MG current R-CC',
			'MG current L-CC',
			'MG current R-MLO',
			'MG current L-MLO'
		]);
	});

	it('queues the ultrasound cine for burned-in review, and the review decides it; then the set freezes with its fingerprint', async () => {
		const reviews = await listBurnedInReviews(study.db, operator, 'mini-study');
		expect(reviews.map((review) => [review.caseKey, review.modality, review.status])).toEqual([
			['K3', 'US', 'pending']
		]);
		expect(reviews[0]!.reasons).toEqual(['modality US: pixels often carry burned-in text']);
		expect(
			(
				await decideBurnedInReview(
					study.db,
					operator,
					'mini-study',
					reviews[0]!.id,
					'cleared',
					'no text on the cine'
				)
			).status
		).toBe('cleared');
		const admin = await signer(study.db);
		const studyId = (await rows<{ id: number }>(study.db, 'SELECT id FROM studies'))[0]!.id;
		const expected = await datasetFingerprint(study.db, studyId);
		expect(expected).toMatchObject({ cases: 4, images: 16 });
		const frozen = await freezeDataset(study.db, admin.principal, 'mini-study', admin.signature, {
			acceptWarnings: true
		});
		expect(frozen.fingerprint).toBe(expected.fingerprint);
		const hashes = await rows<{ sha256: string; path: string }>(
			study.db,
			'SELECT sha256, path FROM images'
		);
		for (const image of hashes)
			expect(sha256Hex(readFileSync(join(study.studyDir, image.path)))).toBe(image.sha256);
	});
});
