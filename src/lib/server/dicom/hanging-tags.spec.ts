import { describe, expect, it } from 'vitest';
import { readHangingTags, NO_HANGING_TAGS } from './hanging-tags';
import { fourViews, writeMammogram } from '$fixtures/mammography-dicom.fixture';
import { fakeDicom } from '$fixtures/study-folder.fixture';

describe('readHangingTags', () => {
	it('reads modality, laterality, view, series, orientation and the study with its date and time', () => {
		const view = fourViews('s1', '20240105')[1]!;
		expect(readHangingTags(writeMammogram(view, 2))).toEqual({
			modality: 'MG',
			laterality: 'L',
			view: 'MLO',
			seriesDescription: 'L MLO',
			seriesNumber: 2,
			patientOrientation: 'A\\FR',
			study: expect.stringMatching(/^2\.25\.\d+$/),
			studyDateTime: '20240105101500.000000'
		});
	});

	it('takes the view from the View Code Sequence when ViewPosition is absent, in SNOMED CT or RT', () => {
		const [leftCc, leftMlo] = fourViews('s1', '20240105').slice(0, 2);
		const coded = (value: string, scheme: string, meaning: string) => ({
			ViewPosition: undefined,
			ViewCodeSequence: [{ CodeValue: value, CodingSchemeDesignator: scheme, CodeMeaning: meaning }]
		});
		const viewOf = (bytes: Uint8Array) => readHangingTags(bytes).view;
		expect(viewOf(writeMammogram(leftCc!, 1, coded('399162004', 'SCT', 'cranio-caudal')))).toBe(
			'CC'
		);
		expect(
			viewOf(writeMammogram(leftMlo!, 2, coded('R-10226', 'SRT', 'medio-lateral oblique')))
		).toBe('MLO');
		expect(viewOf(writeMammogram(leftCc!, 3, coded('399192008', 'SCT', 'exaggerated')))).toBe(
			'XCCL'
		);
		// ViewPosition, where the file has it, is taken as it is.
		expect(
			viewOf(
				writeMammogram(leftMlo!, 4, {
					ViewCodeSequence: coded('R-10242', 'SRT', 'cc').ViewCodeSequence
				})
			)
		).toBe('MLO');
		// A code not of the mammography views (CID 4014) gives no view.
		expect(viewOf(writeMammogram(leftCc!, 5, coded('123456', 'SCT', 'other')))).toBeNull();
	});

	it("takes the laterality from ImageLaterality, else the series' Laterality", () => {
		const [leftCc] = fourViews('s1', '20240105');
		const lateralityOf = (tags: Record<string, unknown>) =>
			readHangingTags(writeMammogram(leftCc!, 1, tags)).laterality;
		expect(lateralityOf({ ImageLaterality: undefined, Laterality: 'R' })).toBe('R');
		expect(lateralityOf({ ImageLaterality: 'L', Laterality: 'R' })).toBe('L');
		expect(lateralityOf({ ImageLaterality: undefined })).toBeNull();
	});

	it('gives nulls for a file it cannot read', () => {
		expect(readHangingTags(fakeDicom('x'))).toEqual(NO_HANGING_TAGS);
		expect(readHangingTags(new Uint8Array(10))).toEqual(NO_HANGING_TAGS);
	});
});
