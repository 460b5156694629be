// De-identification by allow-list (issue 15, item 1): attributes outside the Basic Profile table,
// unknown tags (e.g. made by a bit flip), retired tags and anything smuggled into a kept sequence
// are removed, at every nesting level.
import { describe, expect, it } from 'vitest';
import type { ElementMap } from 'dcmjs';
import { deidentify } from './deidentify';
import { ALLOWED_ATTRIBUTES, ALLOWED_GROUPS, allowedAttribute } from './allowed-attributes';
import { profileEntry } from './confidentiality-profile';
import { readDicomFile, writeDicomFile } from '../dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { scanValues } from '$fixtures/dicom-scan.fixture';
import { testDeidContext } from '$fixtures/deid-context.fixture';

/** Elements a probe found passing through, each with a value found nowhere else. */
const LEAKED: ElementMap = {
	'00402016': { vr: 'LO', Value: ['PLACER-ORDER-7781'] },
	'00402017': { vr: 'LO', Value: ['FILLER-ORDER-7782'] },
	'00400009': { vr: 'SH', Value: ['SPS-ID-7783'] },
	'00080054': { vr: 'AE', Value: ['IGHRETRIEVE'] },
	'00080055': { vr: 'AE', Value: ['IGHSTATIONAE'] },
	'00082111': { vr: 'ST', Value: ['derived for FAKEFAMILY-DERIV'] },
	'00209158': { vr: 'LT', Value: ['frame note FAKEFAMILY-FRAME'] },
	'00181009': { vr: 'UT', Value: ['UDI-(01)08881234567'] },
	'00180010': { vr: 'LO', Value: ['CONTRAST-LOT-7784'] },
	'00100033': { vr: 'LO', Value: ['BIRTH-ALT-7785'] },
	'00100024': {
		vr: 'SQ',
		Value: [
			{
				'00400032': { vr: 'UT', Value: ['UEID-ISSUER-7786'] },
				'00400033': { vr: 'CS', Value: ['ISO'] }
			}
		]
	},
	// InstitutionName (0008,0080) and StationName (0008,1010) with one bit flipped: unknown tags.
	'00080480': { vr: 'LO', Value: ['Imaginary General Hospital FLIPPED'] },
	'00081014': { vr: 'SH', Value: ['IGHCT07FLIP'] },
	// Retired: Recognition Code, Hardcopy Creation Device ID.
	'00080010': { vr: 'SH', Value: ['RECOG-7787'] },
	'00181011': { vr: 'LO', Value: ['HARDCOPY-7788'] },
	// A kept attribute with a value representation it cannot have (a smuggled text).
	'00201041': { vr: 'UT', Value: ['SLICE-SMUGGLED-7789'] }
};

/** A reference to another image (kept), whose item also carries what must not be kept. */
const NESTED: ElementMap = {
	'00081140': {
		vr: 'SQ',
		Value: [
			{
				'00081150': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.2'] },
				'00081155': { vr: 'UI', Value: ['1.2.826.0.1.3680043.99.1.1.9'] },
				'00081070': { vr: 'PN', Value: [{ Alphabetic: 'NESTED^OPERATOR' }] },
				'00080480': { vr: 'LO', Value: ['NESTED-FLIPPED-7790'] },
				'00090010': { vr: 'LO', Value: ['IGH PRIVATE'] },
				'00091001': { vr: 'LO', Value: ['NESTED-PRIVATE-7791'] },
				'00400009': { vr: 'SH', Value: ['NESTED-SPS-7792'] }
			}
		]
	}
};

function leakyFile() {
	const source = readDicomFile(identifiedDicom());
	source.dict = { ...source.dict, ...LEAKED, ...NESTED };
	return source;
}

const markers = (map: ElementMap): string[] =>
	JSON.stringify(map)
		.match(/"[A-Za-z][^"]*\d{4}[^"]*"|"[^"]*(?:FLIP|FAKEFAMILY|NESTED)[^"]*"/g)!
		.map((value) => value.slice(1, -1));

describe('the allow-list', () => {
	it('names each kept attribute once, by a current keyword, in a group with a reason', () => {
		const keywords = ALLOWED_GROUPS.flatMap((group) => group.keywords);
		expect(new Set(keywords).size).toBe(keywords.length);
		expect(ALLOWED_ATTRIBUTES.size).toBe(keywords.length);
		for (const group of ALLOWED_GROUPS)
			expect(group.reason.length, group.group).toBeGreaterThan(20);
		expect(allowedAttribute('7FE00010', 'OW')?.keyword).toBe('PixelData');
		expect(allowedAttribute('00201041', 'DS')?.keyword).toBe('SliceLocation');
		expect(allowedAttribute('00201041', 'UT')).toBeUndefined();
		expect(allowedAttribute('00080080', 'LO')).toBeUndefined();
	});

	it('keeps nothing the Basic Profile removes', () => {
		for (const attribute of ALLOWED_ATTRIBUTES.values())
			expect(profileEntry(attribute.tag)?.action, attribute.keyword).not.toBe('remove');
	});
});

describe('deidentify by allow-list', () => {
	it('removes unknown, retired, out-of-table and mis-typed attributes, and their values', () => {
		const { file, changes } = deidentify(leakyFile(), testDeidContext());
		const bytes = writeDicomFile(file);
		const paths = new Set(scanValues(bytes).map((value) => value.path));
		for (const tag of Object.keys(LEAKED)) {
			expect(
				[...paths].some((path) => path.split('>').includes(tag)),
				tag
			).toBe(false);
		}
		const raw = Buffer.from(bytes).toString('latin1');
		for (const value of markers(LEAKED)) expect(raw.includes(value), value).toBe(false);
		const removed = (tag: string) =>
			changes.find((change) => change.tag === tag && change.action === 'removed');
		expect(removed('(0040,2016)')?.keyword).toBe('PlacerOrderNumberImagingServiceRequest');
		expect(removed('(0008,0480)')?.keyword).toBe('unknown');
		expect(removed('(0010,0024)')).toBeDefined();
		expect(removed('(0020,1041)')).toBeDefined();
	});

	it("filters a kept sequence's items by the same rules, keeping the remapped reference", () => {
		const context = testDeidContext();
		const { file, changes } = deidentify(leakyFile(), context);
		const bytes = writeDicomFile(file);
		const nested = scanValues(bytes).filter((value) => value.path.startsWith('00081140>'));
		expect(nested.map((value) => value.path).sort()).toEqual([
			'00081140>00081150',
			'00081140>00081155'
		]);
		expect(nested.find((value) => value.path.endsWith('00081155'))?.value).toBe(
			context.uids.get('1.2.826.0.1.3680043.99.1.1.9')
		);
		const raw = Buffer.from(bytes).toString('latin1');
		for (const value of markers(NESTED)) expect(raw.includes(value), value).toBe(false);
		expect(changes.map((change) => change.tag)).toEqual(
			expect.arrayContaining(['(0008,1140)>(0008,1070)', '(0008,1140)>(0009,1001)'])
		);
	});

	it('keeps what the images need: pixels, geometry, equipment, patient characteristics', () => {
		const { file } = deidentify(leakyFile(), testDeidContext());
		for (const tag of [
			'00080016',
			'00080060',
			'00080070',
			'00081090',
			'00100040',
			'00180050',
			'00200032',
			'00200037',
			'00280010',
			'00280011',
			'00280030',
			'00280100',
			'00280004',
			'7FE00010'
		])
			expect(file.dict[tag], tag).toBeDefined();
	});
});
