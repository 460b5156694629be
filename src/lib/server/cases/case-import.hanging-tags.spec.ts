// The hanging tags (dicom/hanging-tags.ts) as the import stores them in each `images` row, for a
// folder as a site sends it (clinical-folder.fixture.ts: compressed, Deflated, Big Endian,
// multi-frame) plus an outside prior of the mammography patient whose headers say laterality and
// view the other ways a unit may: the series' Laterality only, the View Code Sequence only. The
// stored files have no SeriesDescription (de-identified): the rows keep its descriptor words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import type { ImportReport } from './import-report';
import { importClinicalFolder, rows, type MiniImportStudy } from './case-import-setup.fixture';
import type { Pseudonymizer } from '../dicom/deidentify/deid-key';
import { shiftDateText } from '../dicom/deidentify/deidentify';
import {
	CLINICAL_PATIENTS,
	viewCode,
	type AddImage,
	type ClinicalFile,
	type ClinicalFolder
} from '$fixtures/clinical-folder.fixture';
import {
	ENCODE,
	SOP_CLASS,
	clinicalSeries,
	clinicalStudy,
	raster
} from '$fixtures/clinical-image.fixture';

interface ImageRow {
	case_key: string;
	ordinal: number;
	sop_instance_uid: string;
	frames: number;
	modality: string | null;
	laterality: string | null;
	view_position: string | null;
	series_description: string | null;
	series_number: number | null;
	patient_orientation: string | null;
	study_instance_uid: string | null;
	study_date_time: string | null;
}

type Columns = Omit<
	ImageRow,
	'case_key' | 'ordinal' | 'sop_instance_uid' | 'study_instance_uid' | 'study_date_time'
>;

const OUTSIDE = 'ACC-MG-EXT-9';

/** An outside prior of the K2 patient, four views, each saying laterality and view its own way. */
function outsidePrior(add: AddImage): void {
	const patient = CLINICAL_PATIENTS[1]!;
	const study = clinicalStudy(patient, OUTSIDE, '20220601', 'MG', SOP_CLASS.mg);
	const views = [
		// The series' Laterality only; ViewPosition.
		['R-CC', { Laterality: 'R', ViewPosition: 'CC' }, null],
		// ImageLaterality only; the View Code Sequence only; stored Deflated.
		['L-CC', { ImageLaterality: 'L', ViewCodeSequence: viewCode('CC', '399162004') }, 'deflated'],
		// The series' Laterality only; the View Code Sequence only, in its SNOMED-RT code.
		[
			'R-MLO',
			{
				Laterality: 'R',
				ViewCodeSequence: [
					{
						CodeValue: 'R-10226',
						CodingSchemeDesignator: 'SRT',
						CodeMeaning: 'medio-lateral oblique'
					}
				]
			},
			'bigEndian'
		],
		// ImageLaterality over the series' Laterality; ViewPosition over the code.
		[
			'L-MLO',
			{
				ImageLaterality: 'L',
				Laterality: 'B',
				ViewPosition: 'MLO',
				ViewCodeSequence: viewCode('CC', '399162004')
			},
			'deflated'
		]
	] as const;
	views.forEach(([view, tags, encoding], index) =>
		add(
			{
				...study,
				...clinicalSeries(10 + index, 'outside', view),
				...raster(32, 24, 12),
				instanceNumber: 1,
				extra: {
					...tags,
					// The patient's name typed into it: dropped, the view kept (series-descriptor.ts).
					SeriesDescription: `${patient.name.split('^')[0]} ${view}`,
					PatientOrientation: view.startsWith('R') ? ['A', 'L'] : ['A', 'R']
				}
			},
			encoding ? ENCODE[encoding] : null,
			`PAT2/OUTSIDE/${view}`,
			`MG outside ${view}`
		)
	);
}

describe('the hanging tags of imported images', () => {
	let dir: string;
	let clinical: ClinicalFolder;
	let study: MiniImportStudy;
	let report: ImportReport;
	let pseudonymizer: Pseudonymizer;
	let imageRows: ImageRow[];

	beforeAll(async () => {
		({ dir, clinical, study, report, pseudonymizer } = await importClinicalFolder({
			more: outsidePrior
		}));
		imageRows = await rows<ImageRow>(
			study.db,
			`SELECT c.case_key, i.ordinal, ii.sop_instance_uid, i.frames, i.modality, i.laterality,
				i.view_position, i.series_description, i.series_number, i.patient_orientation,
				i.study_instance_uid, i.study_date_time
			FROM images i JOIN cases c ON c.id = i.case_id
			JOIN imported_instances ii ON ii.case_id = i.case_id AND ii.path = i.path
			ORDER BY c.case_key, i.ordinal`
		);
	}, 120_000);

	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const rowOf = (file: ClinicalFile) => {
		const row = imageRows.find(
			(image) => image.sop_instance_uid === pseudonymizer.uid(file.sopUid)
		);
		if (!row) throw new Error(`${file.role} has no image row`);
		return row;
	};
	const file = (role: string) => clinical.files.find((candidate) => candidate.role === role)!;
	/** The study's date shifted as the patient's dates are, and its time (091500). */
	const shifted = (source: ClinicalFile) => {
		const patient = CLINICAL_PATIENTS.find((candidate) => candidate.caseKey === source.caseKey)!;
		const date = shiftDateText(source.studyDate, pseudonymizer.dateOffsetDays(`id:${patient.id}`));
		return `${date}091500.000000`;
	};

	it('imports every file, one image row each', () => {
		expect(report.failedFiles).toEqual([]);
		expect(report.skippedFiles).toEqual([]);
		expect(imageRows).toHaveLength(clinical.files.length);
		expect(clinical.files).toHaveLength(20);
	});

	it('stores each image its study, remapped, with the shifted study date and time', () => {
		for (const source of clinical.files) {
			const row = rowOf(source);
			expect(row.study_instance_uid, source.role).toBe(pseudonymizer.uid(source.studyUid));
			expect(row.study_date_time, source.role).toBe(shifted(source));
			expect(row.study_date_time, source.role).not.toContain(source.studyDate);
		}
	});

	it('lists a case with priors oldest study first, as the shifted dates order them', () => {
		const k2 = imageRows.filter((row) => row.case_key === 'K2');
		expect(k2.map((row) => row.ordinal)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		const times = k2.map((row) => row.study_date_time!);
		expect(times).toEqual([...times].sort());
		expect(new Set(times).size).toBe(3);
		expect(k2.slice(0, 4).map((row) => row.series_description)).toEqual([
			'R-CC',
			'L-CC',
			'R-MLO',
			'L-MLO'
		]);
	});

	it.each([
		// MR, JPEG-LS / SV1 / near-lossless, Deflated and Big Endian: series by description.
		...['T1', 'T2', 'DWI'].flatMap((label, index) =>
			[1, 2].map((slice): [string, Partial<Columns>] => [
				`MR ${label} ${slice}`,
				{ modality: 'MR', series_description: label, series_number: index + 1 }
			])
		),
		// Mammography, JPEG 2000: ImageLaterality and ViewPosition (with the View Code Sequence).
		...['prior', 'current'].flatMap((label) =>
			['R-CC', 'L-CC', 'R-MLO', 'L-MLO'].map((view): [string, Partial<Columns>] => [
				`MG ${label} ${view}`,
				{
					modality: 'MG',
					laterality: view[0]!,
					view_position: view.slice(2),
					series_number: 1
				}
			])
		),
		['US cine', { modality: 'US', frames: 8, series_number: 1 }],
		['CT enhanced', { modality: 'CT', frames: 6, series_number: 2 }],
		// The outside prior: laterality and view told the other ways.
		...(
			[
				['R-CC', 'R', 'CC', 10, 'A\\L'],
				['L-CC', 'L', 'CC', 11, 'A\\R'],
				['R-MLO', 'R', 'MLO', 12, 'A\\L'],
				['L-MLO', 'L', 'MLO', 13, 'A\\R']
			] as const
		).map(([view, laterality, position, series, orientation]): [string, Partial<Columns>] => [
			`MG outside ${view}`,
			{
				modality: 'MG',
				laterality,
				view_position: position,
				series_description: view,
				series_number: series,
				patient_orientation: orientation
			}
		])
	])('stores the hanging columns of %s', (role, expected) => {
		const row = rowOf(file(role));
		expect({
			frames: row.frames,
			modality: row.modality,
			laterality: row.laterality,
			view_position: row.view_position,
			series_description: row.series_description,
			series_number: row.series_number,
			patient_orientation: row.patient_orientation
		}).toEqual({
			frames: 1,
			modality: null,
			laterality: null,
			view_position: null,
			series_description: null,
			series_number: null,
			patient_orientation: null,
			...expected
		});
	});

	it('had Deflated and Big Endian files among them, as their senders stored them', () => {
		const syntaxOf = (role: string) =>
			readFileSync(file(role).path).subarray(0, 400).toString('latin1');
		expect(syntaxOf('MG outside L-CC')).toContain(ENCODE.deflated.syntax);
		expect(syntaxOf('MG outside R-MLO')).toContain(ENCODE.bigEndian.syntax);
		expect(syntaxOf('MR DWI 1')).toContain(ENCODE.deflated.syntax);
	});
});
