import { describe, expect, it } from 'vitest';
import dcmjs from 'dcmjs';
import { PROFILE_ENTRIES, profileEntry } from './confidentiality-profile';
import {
	ageString,
	deidentify,
	shiftDateText,
	TANDEM_IMPLEMENTATION_CLASS_UID,
	type DeidContext
} from './deidentify';
import { readDicomFile, writeDicomFile } from '../dicom-file';
import { CT_IMAGE_STORAGE, IDENTIFIERS, identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { scanValues, valueOf } from '$fixtures/dicom-scan.fixture';

/** New UIDs "2.25.1", "2.25.2"… in order of first use, so each original maps to one new UID. */
function testContext(): DeidContext & { uids: Map<string, string> } {
	const uids = new Map<string, string>();
	return {
		uids,
		remapUid: (uid) => {
			if (!uids.has(uid)) uids.set(uid, `2.25.${uids.size + 1}`);
			return uids.get(uid)!;
		},
		dateOffsetDays: -100,
		pseudonym: 'ANON-TEST'
	};
}

function deidentified(options: Parameters<typeof identifiedDicom>[0] = {}) {
	const context = testContext();
	const result = deidentify(readDicomFile(identifiedDicom(options)), context);
	const bytes = writeDicomFile(result.file);
	return { ...result, bytes, context };
}

describe('the PS3.15 Basic Profile table', () => {
	it('names every tag by its keyword in the DICOM data dictionary (dcmjs), so no tag number is mistyped', () => {
		const dictionary = dcmjs.data.DicomMetaDictionary.dictionary;
		for (const entry of PROFILE_ENTRIES) {
			const known = dictionary[`(${entry.tag.slice(0, 4)},${entry.tag.slice(4)})`];
			// (0038,1234) Referenced Patient Alias Sequence is in PS3.15 but retired before dcmjs's dictionary.
			if (entry.tag === '00381234') continue;
			expect(known?.name.replace(/^RETIRED_/, ''), entry.tag).toBe(entry.keyword);
		}
		expect(PROFILE_ENTRIES.length).toBeGreaterThan(200);
		expect(profileEntry('00100010')).toEqual({
			tag: '00100010',
			keyword: 'PatientName',
			action: 'dummy'
		});
	});
});

describe('dates and ages', () => {
	it('shifts a date by whole days, keeping the time and the precision', () => {
		// 2024-01-10 minus 100 days: 10 days back to 2023-12-31, 90 more to 2023-10-02.
		expect(shiftDateText('20240110', -100)).toBe('20231002');
		expect(shiftDateText('20240110101500.000000', -100)).toBe('20231002101500.000000');
		// 2023-03-01 → 2024-03-01 spans 29 Feb 2024: 366 days.
		expect(shiftDateText('20240301', -366)).toBe('20230301');
		expect(shiftDateText('2024', -366)).toBe('2022');
		expect(shiftDateText('not-a-date', -1)).toBeNull();
	});

	it('turns a birth date into an age at the study (AS), capping it at 90 years', () => {
		expect(ageString('19520314', '20240110')).toBe('071Y');
		expect(ageString('19520110', '20240110')).toBe('072Y');
		expect(ageString('20231201', '20240110')).toBe('001M');
		expect(ageString('20240101', '20240110')).toBe('009D');
		expect(ageString('19300101', '20240110')).toBe('090Y');
		expect(ageString('20250101', '20240110')).toBeNull();
	});
});

describe('deidentify', () => {
	it('replaces the patient, empties or removes identifying attributes and shifts dates', () => {
		const { bytes } = deidentified();
		expect(valueOf(bytes, '00100010')).toBe('ANON-TEST');
		expect(valueOf(bytes, '00100020')).toBe('ANON-TEST');
		expect(valueOf(bytes, '00100030') ?? '').toBe(''); // birth date emptied (type 2: kept, no value)
		expect(valueOf(bytes, '00101010')).toBe('071Y'); // age kept instead
		expect(valueOf(bytes, '00100040')).toBe('M');
		expect(valueOf(bytes, '00080050') ?? '').toBe('');
		expect(valueOf(bytes, '00080020')).toBe('20231002');
		expect(valueOf(bytes, '00080021')).toBe('20231002');
		expect(valueOf(bytes, '0008002A')).toBe('20231002101500.000000');
		expect(valueOf(bytes, '00080030')).toBe('101500');
		expect(valueOf(bytes, '00080070')).toBe('SIEMENS');
		expect(valueOf(bytes, '00081090')).toBe('SOMATOM Test');
		expect(valueOf(bytes, '00120062')).toBe('YES');
		expect(valueOf(bytes, '00280303')).toBe('MODIFIED');
		const tags = new Set(scanValues(bytes).map((value) => value.path.split('>')[0]));
		for (const removed of [
			'00080080',
			'00080081',
			'00081010',
			'00081070',
			'00081050',
			'00081030',
			'00101000',
			'00181000',
			'00400275',
			'00090010',
			'00091001',
			'60004000'
		]) {
			expect(tags.has(removed), removed).toBe(false);
		}
		// Referring physician and Study ID are type 2: kept, empty.
		expect(valueOf(bytes, '00080090') ?? '').toBe('');
		expect(valueOf(bytes, '00200010') ?? '').toBe('');
	});

	it('remaps UIDs consistently, keeps registry UIDs, and writes a fresh meta header', () => {
		const { bytes, context } = deidentified({ referencesSop: '1.2.826.0.1.3680043.99.1.1.0' });
		const newSop = context.uids.get('1.2.826.0.1.3680043.99.1.1.1');
		expect(newSop).toMatch(/^2\.25\.\d+$/);
		expect(valueOf(bytes, '00080018')).toBe(newSop);
		expect(valueOf(bytes, '00020003')).toBe(newSop);
		expect(valueOf(bytes, '0020000D')).toBe(context.uids.get('1.2.826.0.1.3680043.99.1'));
		expect(valueOf(bytes, '00200052')).toBe(context.uids.get('1.2.826.0.1.3680043.99.1.7'));
		expect(valueOf(bytes, '00080016')).toBe(CT_IMAGE_STORAGE);
		expect(valueOf(bytes, '00020002')).toBe(CT_IMAGE_STORAGE);
		expect(valueOf(bytes, '00020012')).toBe(TANDEM_IMPLEMENTATION_CLASS_UID);
		const referenced = scanValues(bytes).filter((value) => value.path.startsWith('00081140>'));
		expect(referenced.map((value) => value.value).sort()).toEqual(
			[CT_IMAGE_STORAGE, context.uids.get('1.2.826.0.1.3680043.99.1.1.0')].sort()
		);
		expect(scanValues(bytes).some((value) => value.path === '00020016')).toBe(false);
	});

	it('keeps no identifier anywhere in the written file, and logs which tags changed without their values', () => {
		const { bytes, changes } = deidentified();
		const text = Buffer.from(bytes).toString('latin1');
		const log = JSON.stringify(changes);
		for (const value of [
			...Object.values(IDENTIFIERS),
			'FAKEFAMILY',
			'19520314',
			'20240110',
			'1.2.826.0.1.3680043.99'
		]) {
			expect(text.includes(value), value).toBe(false);
			expect(log.includes(value), value).toBe(false);
		}
		const action = (tag: string) =>
			changes.filter((change) => change.tag === tag).map((change) => change.action);
		expect(action('(0010,0010)')).toEqual(['replaced']);
		expect(action('(0010,0030)')).toEqual(['emptied']);
		expect(action('(0010,1010)')).toEqual(['added']);
		expect(action('(0008,0050)')).toEqual(['emptied']);
		expect(action('(0008,0080)')).toEqual(['removed']);
		expect(action('(0008,0020)')).toEqual(['shifted']);
		expect(action('(0008,0018)')).toEqual(['remapped']);
		expect(action('(0009,1001)')).toEqual(['removed']);
		expect(action('(0002,0016)')).toEqual(['removed']);
		expect(changes.find((change) => change.tag === '(0010,0010)')?.keyword).toBe('PatientName');
		expect(changes.find((change) => change.tag === '(0009,1001)')?.keyword).toBe('private');
		// Unchanged attributes are not in the log.
		expect(action('(0008,0070)')).toEqual([]);
		expect(action('(0008,0030)')).toEqual([]);
	});

	it('records the profile and its options as coded by PS3.16 CID 7050', () => {
		const { bytes } = deidentified();
		const codes = scanValues(bytes)
			.filter((value) => value.path === '00120064>00080100')
			.map((value) => value.value);
		expect(codes).toEqual(['113100', '113107', '113108']);
	});
});
