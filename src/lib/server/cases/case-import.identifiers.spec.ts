import { describe, expect, it } from 'vitest';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { miniImportStudy, operator, rows } from './case-import-setup.fixture';
import { verifyAuditChain } from '../audit/audit.service';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

const SOP = '1.2.826.0.1.3680043.99.30.';

describe("identifiers in Tandem's own records", () => {
	it('refuses images whose case id equals their AccessionNumber (no mapping file), naming the case and the attribute', async () => {
		const study = await miniImportStudy();
		study.put('k1.dcm', identifiedDicom({ accession: 'K1', sopUid: `${SOP}1` }));
		const report = await importCases(study.db, operator, 'mini-study', {
			source: folderSource(study.source),
			match: 'accession',
			keyFile: study.keyFile
		});
		expect(report).toMatchObject({ imported: 0, failed: 1 });
		expect(report.failedFiles).toEqual([
			{
				path: 'k1.dcm',
				reason:
					'case K1 is named by this image\'s AccessionNumber (a DICOM identifier), so the identifier would become a folder name and database rows: rename the case and match through a mapping file (--mapping), or import with --allow-identifying-case-ids "<reason>"'
			}
		]);
		expect(await rows(study.db, 'SELECT * FROM imported_instances')).toHaveLength(0);
	});

	it('refuses a case id equal to another identifier of the matched image (PatientID, OtherPatientIDs, StudyID, a name part)', async () => {
		const study = await miniImportStudy();
		study.put(
			'k2.dcm',
			identifiedDicom({ accession: 'ACC-2', patientId: 'K2', sopUid: `${SOP}2` })
		);
		study.put(
			'k3.dcm',
			identifiedDicom({ accession: 'ACC-3', patientName: 'DOE^K3', sopUid: `${SOP}3` })
		);
		study.put('k4.dcm', identifiedDicom({ accession: 'ACC-4', sopUid: `${SOP}4` }));
		const mapping = 'case_id,accession_number\nK2,ACC-2\nK3,ACC-3\nK4,ACC-4\n';
		const report = await importCases(study.db, operator, 'mini-study', {
			source: folderSource(study.source),
			match: 'accession',
			mapping: { file: 'mapping.csv', text: mapping },
			keyFile: study.keyFile
		});
		expect(report).toMatchObject({ imported: 1, failed: 2 });
		expect(report.failedFiles.map((file) => [file.path, file.reason.split(' (')[0]])).toEqual([
			['k2.dcm', "case K2 is named by this image's PatientID"],
			['k3.dcm', "case K3 is named by this image's PatientName"]
		]);
	});

	it('imports under the explicit override, with its reason audited', async () => {
		const study = await miniImportStudy();
		study.put('k1.dcm', identifiedDicom({ accession: 'K1', sopUid: `${SOP}5` }));
		const report = await importCases(study.db, operator, 'mini-study', {
			source: folderSource(study.source),
			match: 'accession',
			keyFile: study.keyFile,
			allowIdentifyingCaseIds: 'accession numbers are already pseudonyms issued by the registry'
		});
		expect(report).toMatchObject({ imported: 1, failed: 0 });
		const audit = await rows<{ action: string; reason: string | null; after_json: string }>(
			study.db,
			"SELECT action, reason, after_json FROM audit_events WHERE action LIKE 'case%import%' OR action = 'case.image_imported' ORDER BY seq"
		);
		expect(audit[0]).toMatchObject({
			action: 'cases.import_started',
			reason: 'accession numbers are already pseudonyms issued by the registry'
		});
		expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ identifyingCaseIdsAllowed: true });
		expect(JSON.parse(audit[1]!.after_json)).toMatchObject({
			case: 'K1',
			identifyingCaseId: 'AccessionNumber'
		});
		expect((await verifyAuditChain(study.db)).ok).toBe(true);
	});

	it("records the source folder as a keyed hash or the operator's label, never its path", async () => {
		const study = await miniImportStudy();
		study.put('k1.dcm', identifiedDicom({ accession: 'ACC-1', sopUid: `${SOP}6` }));
		const options = {
			match: 'accession' as const,
			mapping: { file: 'mapping.csv', text: 'case_id,accession_number\nK1,ACC-1\n' },
			keyFile: study.keyFile
		};
		await importCases(study.db, operator, 'mini-study', {
			...options,
			source: folderSource(study.source)
		});
		await importCases(study.db, operator, 'mini-study', {
			...options,
			source: folderSource(study.source),
			sourceLabel: 'site A export, June'
		});
		const runs = await rows<{ source: string }>(
			study.db,
			'SELECT source FROM import_runs ORDER BY id'
		);
		expect(runs[0]!.source).toMatch(/^path hash [0-9a-f]{16}$/);
		expect(runs[1]!.source).toBe('site A export, June');
		const everything = JSON.stringify(
			(await rows(study.db, 'SELECT * FROM audit_events')).concat(
				await rows(study.db, 'SELECT * FROM import_runs')
			)
		);
		expect(everything).not.toContain(study.source);
		expect(everything).not.toContain(study.source.split('/').pop());
	});

	it('refuses a source label that is too long or has control characters', async () => {
		const study = await miniImportStudy();
		for (const sourceLabel of ['x'.repeat(201), 'line\nbreak'])
			await expect(
				importCases(study.db, operator, 'mini-study', {
					source: folderSource(study.source),
					match: 'accession',
					keyFile: study.keyFile,
					sourceLabel
				})
			).rejects.toThrow(/^source label: /);
	});
});
