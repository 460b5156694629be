import { describe, expect, it } from 'vitest';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { miniImportStudy, operator, rows } from './case-import-setup.fixture';
import { stratumDistribution } from './dataset-findings';
import { caseStrata, sliceThicknessBin, tubeCurrentBin } from './acquisition-bins';
import { adminStudyOverview } from '../studies/admin-study.service';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

const SOP = '1.2.826.0.1.3680043.99.41.';

describe('acquisition bins', () => {
	it('bins tube current by 100 mA and slice thickness with upper bounds included', () => {
		expect([99.9, 100, 199, 250, 399.5, 400, 800].map(tubeCurrentBin)).toEqual([
			'< 100 mA',
			'100–199 mA',
			'100–199 mA',
			'200–299 mA',
			'300–399 mA',
			'≥ 400 mA',
			'≥ 400 mA'
		]);
		expect([0.625, 1, 1.25, 2.5, 3, 5, 7.5].map(sliceThicknessBin)).toEqual([
			'≤ 1 mm',
			'≤ 1 mm',
			'> 1–2.5 mm',
			'> 1–2.5 mm',
			'> 2.5–5 mm',
			'> 2.5–5 mm',
			'> 5 mm'
		]);
	});

	it("gives a case its images' common value, 'mixed' when they disagree, nothing when none tells", () => {
		expect(
			caseStrata([
				{ manufacturer: 'GE', kvp: 120, kernel: 'STANDARD', contrast: false },
				{ manufacturer: 'GE ', kvp: 119.6, kernel: 'LUNG', contrast: false, tubeCurrent: 210 }
			])
		).toEqual({
			manufacturer: 'GE',
			kvp: '120 kV',
			tube_current: '200–299 mA',
			kernel: 'mixed',
			contrast: 'none'
		});
		// Rows stored before the acquisition values were recorded have none of them.
		expect(caseStrata([{ manufacturer: 'SIEMENS', model: 'X' }])).toEqual({
			manufacturer: 'SIEMENS',
			model: 'X'
		});
	});
});

describe('acquisition strata read from DICOM at import', () => {
	it('stores kVp, tube current, slice thickness, kernel and whether contrast was given, and counts cases per value', async () => {
		const study = await miniImportStudy();
		const ct = (n: number, accession: string, extra: Record<string, unknown>) =>
			study.put(
				`${n}.dcm`,
				identifiedDicom({
					accession,
					sopUid: `${SOP}${n}`,
					instanceNumber: n,
					extra
				})
			);
		const k1 = {
			KVP: 120,
			XRayTubeCurrent: 250,
			SliceThickness: 0.625,
			ConvolutionKernel: 'B30f',
			ContrastBolusAgent: 'IOHEXOL LOT 4471'
		};
		ct(1, 'ACC-1', k1);
		ct(2, 'ACC-1', k1);
		ct(3, 'ACC-2', { KVP: 100, XRayTubeCurrent: 90, SliceThickness: 5, ConvolutionKernel: 'B30f' });
		ct(4, 'ACC-2', { KVP: 100, XRayTubeCurrent: 95, SliceThickness: 5, ConvolutionKernel: 'B70f' });
		ct(5, 'ACC-3', {
			KVP: 140,
			XRayTubeCurrent: 400,
			SliceThickness: 2.5,
			ConvolutionKernel: ['FC07', 'AIDR'],
			Manufacturer: 'TOSHIBA',
			ManufacturerModelName: 'Aquilion'
		});
		const report = await importCases(study.db, operator, 'mini-study', {
			source: folderSource(study.source),
			match: 'accession',
			mapping: {
				file: 'mapping.csv',
				text: 'case_id,accession_number\nK1,ACC-1\nK2,ACC-2\nK3,ACC-3\n'
			},
			keyFile: study.keyFile
		});
		expect(report).toMatchObject({ imported: 5, failed: 0, skipped: 0 });

		const headers = (
			await rows<{ header_json: string }>(
				study.db,
				'SELECT header_json FROM imported_instances ORDER BY instance_number'
			)
		).map((row) => row.header_json);
		expect(JSON.parse(headers[0]!)).toMatchObject({
			manufacturer: 'SIEMENS',
			model: 'SOMATOM Test',
			kvp: 120,
			tubeCurrent: 250,
			sliceThickness: 0.625,
			kernel: 'B30f',
			contrast: true
		});
		expect(JSON.parse(headers[2]!)).toMatchObject({ kvp: 100, tubeCurrent: 90, contrast: false });
		expect(JSON.parse(headers[4]!)).toMatchObject({ kernel: 'FC07\\AIDR', contrast: false });
		// The contrast agent's text (it may name a lot or a person) is not kept.
		expect(headers.join('\n')).not.toContain('IOHEXOL');

		const distribution = await stratumDistribution(study.db, 1);
		expect(distribution).toMatchObject({
			manufacturer: { SIEMENS: 2, TOSHIBA: 1 },
			model: { 'SOMATOM Test': 2, Aquilion: 1 },
			kvp: { '120 kV': 1, '100 kV': 1, '140 kV': 1 },
			tube_current: { '200–299 mA': 1, '< 100 mA': 1, '≥ 400 mA': 1 },
			slice_thickness: { '≤ 1 mm': 1, '> 2.5–5 mm': 1, '> 1–2.5 mm': 1 },
			kernel: { B30f: 1, mixed: 1, 'FC07\\AIDR': 1 },
			contrast: { contrast: 1, none: 2 }
		});
		// The admin's study page: the protocol's strata, then these, each with its balance.
		const strata = (await adminStudyOverview(study.db, operator, 'mini-study')).strata;
		expect(strata.find((row) => row.stratum === 'contrast')).toMatchObject({
			values: [
				{ value: 'contrast', cases: 1 },
				{ value: 'none', cases: 2 }
			],
			cases: 3,
			categories: 2,
			// 2 · |1 − 2| / (2 · 1 · 3) = 1/3; H = (1/3) ln 3 + (2/3) ln 1.5 = 0.636514, / ln 2 = 0.918296.
			gini: 1 / 3
		});
		expect(strata.find((row) => row.stratum === 'contrast')!.shannon).toBeCloseTo(0.918296, 6);
		expect(strata.find((row) => row.stratum === 'kvp')).toMatchObject({ gini: 0, shannon: 1 });
	});
});
