// Seeded, bounded fuzzing of the de-identifier: random data sets of random tags (allow-listed,
// PS3.15 table, unknown public, private with their creators), value representations and values,
// with nested sequences. Whatever comes in, deidentify returns without throwing, keeps only
// allow-listed elements of their defined value representation, and no value of any other
// element reaches its output; dates come out valid and without a UTC offset.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DicomElement, ElementMap } from 'dcmjs';
import { deidentify } from './deidentify';
import { ALLOWED_ATTRIBUTES, allowedAttribute } from './allowed-attributes';
import { readDicomFile } from '../dicom-file';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';
import { testDeidContext } from '$fixtures/deid-context.fixture';
import { PS3_15_TABLE_E1_1 } from '$fixtures/confidentiality-table.fixture';

const RUNS = { seed: 1515, numRuns: 200, interruptAfterTimeLimit: 8_000 };
const DEID_RECORD = new Set(['00120062', '00120063', '00120064', '00280303']);
const VRS = [
	'AE',
	'AS',
	'CS',
	'DA',
	'DS',
	'DT',
	'IS',
	'LO',
	'LT',
	'OB',
	'OW',
	'PN',
	'SH',
	'ST'
].concat(['TM', 'UC', 'UI', 'UN', 'UR', 'US', 'UT', 'FD', 'SQ']);

const hex4 = fc
	.integer({ min: 0, max: 0xffff })
	.map((n) => n.toString(16).toUpperCase().padStart(4, '0'));
const tagArbitrary = fc.oneof(
	fc.constantFrom(...ALLOWED_ATTRIBUTES.keys()),
	fc.constantFrom(
		...PS3_15_TABLE_E1_1.map(([tag]) => tag).filter((tag) => !tag.startsWith('0000'))
	),
	fc.tuple(hex4, hex4).map(([group, element]) => `${group}${element}`),
	// A private creator (gggg,00xx) or a private element of an odd group.
	fc
		.tuple(fc.integer({ min: 0x0004, max: 0x7ffe }), fc.integer({ min: 0x10, max: 0xffff }))
		.map(
			([group, element]) =>
				`${((group | 1) >>> 0).toString(16).toUpperCase().padStart(4, '0')}${element.toString(16).toUpperCase().padStart(4, '0')}`
		)
);

type Raw = { tag: string; vr: string; text: string; items: Raw[][] };

const textArbitrary = fc.oneof(
	fc.string({ maxLength: 24 }),
	fc.constantFrom('2025-05-20', '20250520', '20250520-20250601', '20250520101500+0800'),
	fc.constantFrom('10:15:00', '101500', '00010101', '99991231', '20250230')
);

/** Elements whose sequences nest up to `depth` more levels (two items of up to four elements each). */
function elementsArbitrary(depth: number): fc.Arbitrary<Raw[]> {
	const items: fc.Arbitrary<Raw[][]> =
		depth === 0
			? fc.constant([])
			: fc
					.array(elementsArbitrary(depth - 1), { maxLength: 2 })
					.map((sets) => sets.map((set) => set.slice(0, 4)));
	return fc.array(
		fc.record({
			tag: tagArbitrary,
			vr: fc.oneof(fc.constantFrom(...VRS), fc.constant('allowed')),
			text: textArbitrary,
			items
		}),
		{ maxLength: 8 }
	);
}

const rawArbitrary = elementsArbitrary(2);

let leakCounter = 0;

/**
 * Builds the element map. Each element the de-identifier may keep (allow-listed, with its value
 * representation, inside kept sequences only) gets "KEEP …"; every other one a unique marker,
 * recorded in `leaks`.
 */
function build(raw: Raw[], leaks: string[], parentKept = true): ElementMap {
	const map: ElementMap = {};
	for (const { tag, vr: chosen, text, items } of raw) {
		const vr = chosen === 'allowed' ? (ALLOWED_ATTRIBUTES.get(tag)?.vrs[0] ?? 'LO') : chosen;
		const kept = parentKept && Boolean(allowedAttribute(tag, vr));
		const marker = `LEAK${++leakCounter}Z`;
		if (!kept) leaks.push(marker);
		const nested = items.map((item) => build(item, leaks, kept));
		map[tag] = element(vr, kept ? `KEEP ${text}` : `${marker} ${text}`, nested, text);
	}
	return map;
}

function element(vr: string, value: string, items: ElementMap[], text: string): DicomElement {
	switch (vr) {
		case 'SQ':
			return { vr, Value: items };
		case 'PN':
			return { vr, Value: [{ Alphabetic: value }] };
		case 'OB':
		case 'OW':
		case 'UN':
			return { vr, Value: [new TextEncoder().encode(value).buffer] };
		case 'US':
		case 'FD':
			return { vr, Value: [text.length] };
		case 'DA':
		case 'DT':
		case 'TM':
			return { vr, Value: [value.startsWith('KEEP') ? text : value] };
		default:
			return { vr, Value: [value] };
	}
}

/** Every element of the output, with its path, at every level. */
function walk(map: ElementMap, visit: (tag: string, element: DicomElement) => void): void {
	for (const [tag, element] of Object.entries(map)) {
		visit(tag, element);
		if (element.vr === 'SQ')
			for (const item of element.Value ?? []) walk(item as ElementMap, visit);
	}
}

const serialized = (map: ElementMap) =>
	JSON.stringify(map, (_, value: unknown) =>
		value instanceof ArrayBuffer ? Buffer.from(value).toString('latin1') : value
	);

describe('deidentify, fuzzed', () => {
	const base = readDicomFile(identifiedDicom());

	it('never throws, keeps only allow-listed elements and lets no other value through', () => {
		fc.assert(
			fc.property(rawArbitrary, (raw) => {
				const leaks: string[] = [];
				const source = { meta: base.meta, dict: { ...base.dict, ...build(raw, leaks) } };
				const { file } = deidentify(source, testDeidContext(-400));
				walk(file.dict, (tag, element) => {
					if (DEID_RECORD.has(tag)) return;
					expect(allowedAttribute(tag, element.vr), tag).toBeDefined();
					const values = (element.Value ?? []).map(String);
					if (element.vr === 'DA')
						for (const value of values) expect(value).toMatch(/^\d{8}$|^(\d{8})?-(\d{8})?$/);
					if (element.vr === 'DT') for (const value of values) expect(value).not.toMatch(/\+/);
				});
				const output = serialized(file.dict) + serialized(file.meta);
				expect(leaks.filter((marker) => output.includes(marker))).toEqual([]);
			}),
			RUNS
		);
	});
});
