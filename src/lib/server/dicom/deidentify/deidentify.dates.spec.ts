// Dates, times and date-times in de-identification (issue 15, item 2): a value that is not a valid
// DA, DT or TM is emptied, never partly shifted; ranges and every value of a multi-valued element
// are shifted; a date-time loses its UTC offset.
import { describe, expect, it } from 'vitest';
import type { DicomElement } from 'dcmjs';
import { deidentify, type DeidChange } from './deidentify';
import { readDicomFile } from '../dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { testDeidContext } from '$fixtures/deid-context.fixture';

/** De-identifies the fixture with one element set to the given values (offset −100 days). */
function after(
	tag: string,
	vr: string,
	values: string[]
): { element: DicomElement | undefined; changes: DeidChange[] } {
	const source = readDicomFile(identifiedDicom());
	source.dict = { ...source.dict, [tag]: { vr, Value: values } };
	const { file, changes } = deidentify(source, testDeidContext(-100));
	return { element: file.dict[tag], changes };
}

const valuesOf = (tag: string, vr: string, values: string[]) =>
	after(tag, vr, values).element?.Value ?? [];

describe('dates (DA)', () => {
	it('empties a date written in another format, rather than shift its year', () => {
		for (const odd of [
			'2025-05-20',
			'2025.05.20',
			'20/05/2025',
			'2025 05 20',
			'202505',
			'20250520X'
		])
			expect(valuesOf('00080020', 'DA', [odd]), odd).toEqual([]);
		const { changes } = after('00080020', 'DA', ['2025-05-20']);
		expect(changes.filter((change) => change.tag === '(0008,0020)').map((c) => c.action)).toEqual([
			'emptied'
		]);
	});

	it('empties a date that is no day of the calendar', () => {
		for (const odd of ['20250230', '20251301', '20250000', '00000101'])
			expect(valuesOf('00080020', 'DA', [odd]), odd).toEqual([]);
	});

	it('shifts a valid date, both ends of a range, and every value of a multi-valued date', () => {
		expect(valuesOf('00080020', 'DA', ['20250520'])).toEqual(['20250209']);
		expect(valuesOf('00080020', 'DA', ['20250520-20250601'])).toEqual(['20250209-20250221']);
		expect(valuesOf('00080020', 'DA', ['-20250601'])).toEqual(['-20250221']);
		expect(valuesOf('00080020', 'DA', ['20250520', '20250601'])).toEqual(['20250209', '20250221']);
		// One bad value empties the whole element: no value is left unshifted or out of place.
		expect(valuesOf('00080020', 'DA', ['20250520', '2025-06-01'])).toEqual([]);
		expect(valuesOf('00080020', 'DA', ['20250520-2025-06-01'])).toEqual([]);
	});

	it('shifts years before 100 as years, not as 19xx, and empties a date shifted before year 1', () => {
		expect(valuesOf('00080020', 'DA', ['00500301'])).toEqual(['00491121']);
		expect(valuesOf('00080020', 'DA', ['00010101'])).toEqual([]);
	});
});

describe('date-times (DT)', () => {
	it('shifts the date, keeps the time and drops the UTC offset', () => {
		expect(valuesOf('0008002A', 'DT', ['20250520101500.123+0800'])).toEqual(['20250209101500.123']);
		expect(valuesOf('0008002A', 'DT', ['20250520101500-0500'])).toEqual(['20250209101500']);
		expect(valuesOf('0008002A', 'DT', ['2025'])).toEqual(['2024']);
		expect(valuesOf('0008002A', 'DT', ['20250520-20250601'])).toEqual(['20250209-20250221']);
	});

	it('empties a date-time in another format or with an impossible part', () => {
		for (const odd of [
			'2025-05-20T10:15:00',
			'2025-05-20 10:15',
			'20250520251500',
			'20250520106000',
			'20250520101500+08',
			'20250520101500.1234567',
			'20250520101500+2500'
		])
			expect(valuesOf('0008002A', 'DT', [odd]), odd).toEqual([]);
	});
});

describe('times (TM)', () => {
	it('keeps a valid time and range, empties one in another format', () => {
		expect(valuesOf('00080030', 'TM', ['101500.5'])).toEqual(['101500.5']);
		expect(valuesOf('00080030', 'TM', ['1015'])).toEqual(['1015']);
		expect(valuesOf('00080030', 'TM', ['0900-1700'])).toEqual(['0900-1700']);
		for (const odd of ['10:15:00', '251500', '106000', '10h15', '101500+0800'])
			expect(valuesOf('00080030', 'TM', [odd]), odd).toEqual([]);
	});
});
