import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCases, type ImportProgress, type ImportReport } from './case-import.service';
import { folderSource } from './import-sources';
import { operator, rows } from './case-import-setup.fixture';
import { loadStudy } from '../studies/study-load.service';
import { verifyAuditChain } from '../audit/audit.service';
import { testDatabase } from '$fixtures/test-db.fixture';
import {
	demoImportFixture,
	studyFolderOf,
	type DemoImportFixture
} from '$fixtures/case-import.fixture';
import { headerOf, scanValues, valueOf } from '$fixtures/dicom-scan.fixture';
import { IDENTIFIERS, identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import type { Db } from '../db/client';

/**
 * Identifying values of an original file (PS3.15: names, IDs, institution, device, UIDs, private
 * values), forbidden in every stored file; and its dates, forbidden in its own patient's files
 * (after a per-patient shift, a date may by chance equal another patient's original date).
 */
function identifyingValues(bytes: Uint8Array): { everywhere: string[]; dates: string[] } {
	const valueOf = headerOf(bytes);
	const tags = [
		'00100010',
		'00100020',
		'00080050',
		'00080080',
		'00080081',
		'00080090',
		'00081010',
		'00181000',
		'00091001',
		'00091002',
		'0020000D',
		'0020000E',
		'00080018',
		'00200052',
		'00020003'
	];
	const everywhere = tags
		.map((tag) => valueOf(tag))
		.filter((value): value is string => Boolean(value));
	// Each part of a person name on its own, too.
	for (const tag of ['00100010', '00080090'])
		everywhere.push(
			...(valueOf(tag) ?? '').split('^').filter((part) => part.length >= 3 && part !== 'DR')
		);
	const dates = ['00080020', '00080021', '00080022', '00080023', '00100030']
		.map((tag) => valueOf(tag))
		.filter((value): value is string => Boolean(value));
	return { everywhere, dates };
}

/** One regular expression matching any of the values (escaped), to scan many files for many values at once. */
function anyOf(values: Iterable<string>): RegExp {
	return new RegExp(
		[...values].map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
	);
}

const days = (from: string, to: string) =>
	(Date.UTC(+to.slice(0, 4), +to.slice(4, 6) - 1, +to.slice(6, 8)) -
		Date.UTC(+from.slice(0, 4), +from.slice(4, 6) - 1, +from.slice(6, 8))) /
	86_400_000;

describe('importing the synthetic demo DICOMs from a folder', () => {
	let fixture: DemoImportFixture;
	let db: Db;
	let report: ImportReport;
	const progress: ImportProgress[] = [];
	const originals = new Map<string, Uint8Array[]>();

	beforeAll(async () => {
		fixture = await demoImportFixture();
		db = await testDatabase();
		await loadStudy(db, operator, studyFolderOf(fixture.studyDir));
		for (const caseKey of readdirSync(fixture.sourceDir)) {
			originals.set(
				caseKey,
				readdirSync(join(fixture.sourceDir, caseKey))
					.sort()
					.map((name) => new Uint8Array(readFileSync(join(fixture.sourceDir, caseKey, name))))
			);
		}
		report = await importCases(db, operator, 'demo-crossover', {
			source: folderSource(fixture.sourceDir),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: fixture.mappingText },
			keyFile: fixture.keyFile,
			onProgress: (step) => progress.push(step)
		});
		// A ceiling against a hung import of the whole demo folder, generous for a loaded machine.
	}, 120_000);
	afterAll(() => fixture.cleanup());

	const stored = async (caseKey: string) =>
		(
			await rows<{ path: string }>(
				db,
				'SELECT i.path FROM images i JOIN cases c ON c.id = i.case_id WHERE c.case_key = ? ORDER BY i.ordinal',
				caseKey
			)
		).map((row) => new Uint8Array(readFileSync(join(fixture.studyDir, row.path))));

	it('imports every file into its case, in scan order, with progress after each file', async () => {
		expect(report).toMatchObject({
			total: 264,
			imported: 264,
			alreadyImported: 0,
			skipped: 0,
			failed: 0,
			burnedInFlagged: 0,
			missingTagImages: 0,
			lossyImages: 0
		});
		expect(report.casesTouched).toHaveLength(120);
		expect(progress.map((step) => step.done)).toEqual(
			Array.from({ length: 264 }, (_, index) => index + 1)
		);
		expect(progress.every((step) => step.total === 264)).toBe(true);
		const perCase = await rows<{ key: string; n: number }>(
			db,
			'SELECT c.case_key AS key, count(i.id) AS n FROM cases c LEFT JOIN images i ON i.case_id = c.id GROUP BY c.id'
		);
		for (const { key, n } of perCase) expect(n, key).toBe(originals.get(key)!.length);
		for (const [caseKey, files] of originals) {
			expect(
				(await stored(caseKey)).map((bytes) => Number(valueOf(bytes, '00200013'))),
				caseKey
			).toEqual(files.map((bytes) => Number(valueOf(bytes, '00200013'))));
		}
		expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 1 + 1 + 264 + 1 });
	});

	it('leaves no identifying value in any tag of any stored file, nor in its bytes', async () => {
		const all = [...originals.values()].flat().map(identifyingValues);
		const forbidden = new Set(all.flatMap((values) => values.everywhere));
		expect(forbidden.size).toBeGreaterThan(264 * 4);
		for (const [caseKey, files] of originals) {
			const ownDates = new Set(files.flatMap((bytes) => identifyingValues(bytes).dates));
			const casePattern = anyOf(
				[...forbidden].filter((value) => value.length >= 5).concat([...ownDates])
			);
			for (const bytes of await stored(caseKey)) {
				for (const { path, value } of scanValues(bytes)) {
					const trimmed = value.trim();
					expect(forbidden.has(trimmed), `${caseKey} ${path}`).toBe(false);
					expect(
						ownDates.has(trimmed.slice(0, 8)) && /^\d{8}/.test(trimmed),
						`${caseKey} ${path}: original date`
					).toBe(false);
					expect(Number.parseInt(path.slice(0, 4), 16) % 2, `${caseKey} ${path}: private tag`).toBe(
						0
					);
				}
				// The remapped UIDs (2.25.<39 random digits>, checked tag by tag above) are masked: by
				// chance their digits may hold an 8-digit date of some other case.
				const raw = Buffer.from(bytes)
					.toString('latin1')
					.replace(/2\.25\.\d+/g, '2.25.<uid>');
				expect(
					raw.match(casePattern)?.[0],
					`${caseKey}: an identifier in the bytes`
				).toBeUndefined();
				expect(valueOf(bytes, '00120062')).toBe('YES');
			}
		}
	});

	it('keeps sex, age, scanner and pixels; removes the birth date', async () => {
		for (const [caseKey, files] of originals) {
			const [original, copy] = [files[0]!, (await stored(caseKey))[0]!];
			for (const tag of [
				'00100040',
				'00101010',
				'00080070',
				'00081090',
				'00280030',
				'00180050',
				'00080060'
			]) {
				expect(valueOf(copy, tag), `${caseKey} ${tag}`).toBe(valueOf(original, tag));
			}
			expect(valueOf(copy, '00100030') ?? '').toBe('');
		}
		const pixels = (bytes: Uint8Array) =>
			scanValues(bytes).length >= 0 &&
			Buffer.from(bytes.subarray(bytes.length - 2048)).toString('hex');
		expect(pixels((await stored('C001'))[0]!)).toBe(pixels(originals.get('C001')![0]!));
	});

	it('shifts every date of a patient by one offset (1–10 years back), different between patients', async () => {
		const offsets = new Set<number>();
		for (const [caseKey, files] of originals) {
			const original = valueOf(files[0]!, '00080020')!;
			const shifts = (await stored(caseKey)).flatMap((bytes) =>
				['00080020', '00080021', '00080022', '00080023'].map((tag) =>
					days(original, valueOf(bytes, tag)!)
				)
			);
			expect(new Set(shifts).size, caseKey).toBe(1);
			const shift = shifts[0]!;
			expect(shift).toBeLessThanOrEqual(-366);
			expect(shift).toBeGreaterThan(-366 - 3287);
			offsets.add(shift);
		}
		expect(offsets.size).toBeGreaterThan(100);
	});

	it('remaps UIDs consistently: one study, series and frame of reference per case, a new SOP UID per file', async () => {
		const studyUids = new Set<string>();
		for (const [caseKey, files] of originals) {
			const copies = await stored(caseKey);
			const uid = (tag: string) => new Set(copies.map((bytes) => valueOf(bytes, tag)));
			for (const tag of ['0020000D', '0020000E', '00200052']) {
				expect(uid(tag).size, `${caseKey} ${tag}`).toBe(1);
				expect([...uid(tag)][0], tag).not.toBe(valueOf(files[0]!, tag));
			}
			expect(uid('00080018').size).toBe(files.length);
			for (const bytes of copies) {
				expect(valueOf(bytes, '00020003')).toBe(valueOf(bytes, '00080018'));
				expect(valueOf(bytes, '00080018')).toMatch(/^2\.25\.\d{1,39}$/);
			}
			studyUids.add([...uid('0020000D')][0]!);
		}
		expect(studyUids.size).toBe(120);
	});

	it('logs per file which tags changed and how, never an old value', async () => {
		const logs = await rows<{ log: string; path: string }>(
			db,
			'SELECT deid_log_json AS log, path FROM imported_instances ORDER BY path'
		);
		expect(logs).toHaveLength(264);
		const first = JSON.parse(logs[0]!.log) as Array<{
			tag: string;
			keyword: string;
			action: string;
		}>;
		const byTag = Object.fromEntries(
			first.map((change) => [`${change.tag} ${change.keyword}`, change.action])
		);
		expect(byTag).toMatchObject({
			'(0008,0050) AccessionNumber': 'emptied',
			'(0008,0080) InstitutionName': 'removed',
			'(0008,0081) InstitutionAddress': 'removed',
			'(0008,0020) StudyDate': 'shifted',
			'(0008,0018) SOPInstanceUID': 'remapped',
			'(0010,0010) PatientName': 'replaced',
			'(0010,0020) PatientID': 'replaced',
			'(0010,0030) PatientBirthDate': 'emptied',
			'(0009,1002) private': 'removed',
			'(0018,1000) DeviceSerialNumber': 'removed'
		});
		const forbidden = [...originals.values()].flat().flatMap((bytes) => {
			const values = identifyingValues(bytes);
			return [...values.everywhere, ...values.dates];
		});
		const everything = logs.map((row) => row.log).join('\n');
		expect(everything.match(anyOf(new Set(forbidden)))?.[0]).toBeUndefined();
	});
});

describe('a follow-up study of the same patient, matched by study UID', () => {
	it("keeps the interval between the two studies and remaps a reference to the first study's image", async () => {
		const yaml = FIXTURE_YAML.replace(
			'  file: cases.csv\n',
			'  file: cases.csv\n  images_from: import\n'
		);
		const studyDir = makeStudyFolder({ yaml, imageFolders: [] });
		const db = await testDatabase();
		await loadStudy(db, operator, studyFolderOf(studyDir));
		const source = mkdtempSync(join(tmpdir(), 'tandem-followup-'));
		writeFileSync(
			join(source, 'baseline.dcm'),
			identifiedDicom({
				studyDate: '20240110',
				studyUid: '1.2.826.0.1.3680043.99.10',
				sopUid: '1.2.826.0.1.3680043.99.10.1'
			})
		);
		writeFileSync(
			join(source, 'follow-up.dcm'),
			identifiedDicom({
				studyDate: '20240301',
				studyUid: '1.2.826.0.1.3680043.99.20',
				sopUid: '1.2.826.0.1.3680043.99.20.1',
				referencesSop: '1.2.826.0.1.3680043.99.10.1'
			})
		);
		const mapping =
			'case_id,study_instance_uid\nK1,1.2.826.0.1.3680043.99.10\nK2,1.2.826.0.1.3680043.99.20\n';
		const report = await importCases(db, operator, 'mini-study', {
			source: folderSource(source),
			match: 'study-uid',
			mapping: { file: 'mapping.csv', text: mapping },
			keyFile: join(studyDir, '..', `followup-${Date.now()}.key`)
		});
		expect(report).toMatchObject({ imported: 2, failed: 0, skipped: 0 });
		const file = async (caseKey: string) => {
			const row = (
				await rows<{ path: string }>(
					db,
					'SELECT i.path FROM images i JOIN cases c ON c.id = i.case_id WHERE c.case_key = ?',
					caseKey
				)
			)[0]!;
			return new Uint8Array(readFileSync(join(studyDir, row.path)));
		};
		const [baseline, followUp] = [await file('K1'), await file('K2')];
		// 10 January to 1 March 2024: 21 + 29 + 1 = 51 days, before and after.
		expect(days(valueOf(baseline, '00080020')!, valueOf(followUp, '00080020')!)).toBe(51);
		expect(valueOf(baseline, '00100020')).toBe(valueOf(followUp, '00100020'));
		expect(valueOf(baseline, '00100020')).toMatch(/^ANON-[0-9A-F]{10}$/);
		const reference = scanValues(followUp)
			.find((value) => value.path === '00081140>00081155')
			?.value.trim();
		expect(reference).toBe(valueOf(baseline, '00080018'));
		for (const bytes of [baseline, followUp]) {
			const raw = Buffer.from(bytes).toString('latin1');
			for (const value of Object.values(IDENTIFIERS))
				expect(raw.includes(value), value).toBe(false);
		}
	});
});
