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

	it('gives nulls for a file it cannot read', () => {
		expect(readHangingTags(fakeDicom('x'))).toEqual(NO_HANGING_TAGS);
		expect(readHangingTags(new Uint8Array(10))).toEqual(NO_HANGING_TAGS);
	});
});
