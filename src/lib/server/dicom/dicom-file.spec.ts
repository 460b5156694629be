import { describe, expect, it } from 'vitest';
import dcmjs from 'dcmjs';
import { DicomFileProblem, describeNonDicom, readDicomFile, text } from './dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

function problemOf(bytes: Uint8Array): string {
	try {
		readDicomFile(bytes);
	} catch (error) {
		if (error instanceof DicomFileProblem) return error.message;
		throw error;
	}
	throw new Error('expected a problem');
}

describe('readDicomFile', () => {
	it('reads a whole file', () => {
		const file = readDicomFile(identifiedDicom({ rows: 8, columns: 8 }));
		expect(text(file.dict, '00080060')).toBe('CT');
		expect(text(file.meta, '00020010')).toBe('1.2.840.10008.1.2.1');
	});

	it('refuses a file cut inside its pixel data, and one cut inside the header', () => {
		const bytes = identifiedDicom({ rows: 8, columns: 8 });
		expect(problemOf(bytes.subarray(0, bytes.length - 10))).toMatch(
			/^truncated: an element runs past the end of the file/
		);
		expect(problemOf(bytes.subarray(0, 300))).toMatch(/^(truncated|malformed)/);
	});

	it('refuses a header that declares more pixels than the file holds (8 × 8 × 2 bytes declared, 4 × 4 × 2 present)', () => {
		const bytes = identifiedDicom({ rows: 4, columns: 4 });
		const message = dcmjs.data.DicomMessage.readFile(new Uint8Array(bytes).buffer);
		message.dict['00280010'] = { vr: 'US', Value: [8] };
		message.dict['00280011'] = { vr: 'US', Value: [8] };
		const dicom = new dcmjs.data.DicomDict(message.meta);
		dicom.dict = message.dict;
		expect(problemOf(new Uint8Array(dicom.write()))).toBe(
			'truncated: pixel data has 32 of the 128 bytes its header declares'
		);
	});

	it('says what a file that is not DICOM looks like', () => {
		expect(
			problemOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))
		).toBe('a JPEG image, not a DICOM file');
		expect(problemOf(new TextEncoder().encode('patient list\nnot an image\n'.repeat(20)))).toBe(
			'a text file, not a DICOM file'
		);
		expect(problemOf(new Uint8Array(0))).toBe('empty file');
		expect(describeNonDicom(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))).toBe(
			'a PNG image, not a DICOM file'
		);
		expect(describeNonDicom(new Uint8Array(200).fill(1))).toBe(
			'not a DICOM Part-10 file (no "DICM" at byte 128)'
		);
	});

	it('refuses a DICOM object without pixel data', () => {
		const bytes = identifiedDicom();
		const message = dcmjs.data.DicomMessage.readFile(new Uint8Array(bytes).buffer);
		delete message.dict['7FE00010'];
		const dicom = new dcmjs.data.DicomDict(message.meta);
		dicom.dict = message.dict;
		expect(problemOf(new Uint8Array(dicom.write()))).toBe(
			'no pixel data: not an image (SOP class 1.2.840.10008.5.1.4.1.1.2)'
		);
	});
});
