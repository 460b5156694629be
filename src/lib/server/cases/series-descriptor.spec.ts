import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../dicom/dicom-file';
import { cleanSeriesDescription } from './series-descriptor';
import { IDENTIFIERS, identifiedDicom } from '$fixtures/identified-dicom.fixture';

/** What is kept of the series description of an image full of identifiers. */
const kept = (seriesDescription: string | undefined) =>
	cleanSeriesDescription(readDicomFile(identifiedDicom({ seriesDescription })).dict);

describe('cleanSeriesDescription', () => {
	it('keeps a description made of sequence, plane, reconstruction and view words as it is', () => {
		expect(kept('Ax T2 FSE')).toBe('Ax T2 FSE');
		expect(kept(' DWI b=800 ')).toBe('DWI b=800');
		expect(kept('Lung 1.0 B70f (3/4)')).toBe('Lung 1.0 B70f (3/4)');
		expect(kept('R-MLO')).toBe('R-MLO');
		expect(kept('AX_T1_POST_C+')).toBe('AX T1 POST C+');
	});

	it('drops every other word: names, IDs, the institution, dates, free text', () => {
		expect(kept(`T1 ${IDENTIFIERS.patientName.split('^')[0]}`)).toBe('T1');
		expect(kept('fakegiven t2')).toBe('t2');
		expect(kept('T2 for Otto')).toBe('T2');
		expect(kept(`T1 ${IDENTIFIERS.patientId}`)).toBe('T1');
		expect(kept('Imaginary General Lung')).toBe('Lung');
		expect(kept('Lung 20240110 101500')).toBe('Lung');
		expect(kept('T1^DOE x@y')).toBeNull();
		expect(kept('MKR0047X')).toBeNull();
	});

	it("drops a word that looks like a descriptor but is a word of the header's identifiers", () => {
		// A kernel-like station name, initials that look like a kernel: taken from the header.
		const bytes = identifiedDicom({ seriesDescription: 'T1 JD12 AB34', patientName: 'JD12^X' });
		const dict = readDicomFile(bytes).dict;
		expect(cleanSeriesDescription(dict)).toBe('T1 AB34');
	});

	it('gives null for none, a blank one, or one with no descriptor word', () => {
		expect(kept(undefined)).toBeNull();
		expect(kept('   ')).toBeNull();
		expect(kept('- / +')).toBeNull();
		expect(kept('Dr Smith study')).toBeNull();
	});
});
