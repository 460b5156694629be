// Fuzzing the import's per-file path (SEC-4): a valid synthetic file with bit flips, cuts, bytes
// overwritten in its header, and odd meta headers. Every input ends in an import (whose stored
// bytes read back) or a per-file reason that is a sentence, never a throw or a parser's internals.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import dcmjs from 'dcmjs';
import { prepareInstance } from './prepare-instance';
import { caseIdMatcher } from './case-matching';
import { readDicomFile } from '../dicom/dicom-file';
import { Pseudonymizer, deidKeyFromSecret } from '../dicom/deidentify/deid-key';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

const SEED = 150015;
const PER_INPUT_MS = 2_000;
const INTERNALS =
	/Cannot read|is not a function|undefined|null|NaN|dicomParser|TypeError|RangeError|Unsupported character|\bat \w+ \(/;

const matcher = caseIdMatcher('accession', ['K1']);
const pseudonymizer = new Pseudonymizer(deidKeyFromSecret(Buffer.alloc(32, 7)));
const valid = identifiedDicom({ accession: 'ACC-1', rows: 6, columns: 5 });
const mapped = { ...matcher, caseFor: (value: string) => (value === 'ACC-1' ? 'K1' : undefined) };
/** Where the data set's elements are (after the 132-byte preamble and the meta header). */
const HEADER_END = valid.length - 6 * 5 * 2;

function outcome(bytes: Uint8Array): void {
	const started = performance.now();
	const result = prepareInstance(bytes, mapped, pseudonymizer, () => undefined);
	expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
	if (result.kind === 'prepared') {
		expect(() => readDicomFile(result.instance.bytes)).not.toThrow();
		return;
	}
	if (result.kind === 'already-imported') return;
	expect(result.reason).toMatch(/^[a-zA-Z]/);
	expect(result.reason.length).toBeGreaterThan(5);
	expect(result.reason).not.toMatch(INTERNALS);
}

const flips = fc.array(
	fc.record({
		at: fc.integer({ min: 0, max: valid.length - 1 }),
		bit: fc.integer({ min: 0, max: 7 })
	}),
	{ minLength: 1, maxLength: 6 }
);
const headerBytes = fc.array(
	fc.record({
		at: fc.integer({ min: 128, max: HEADER_END }),
		value: fc.integer({ min: 0, max: 255 })
	}),
	{ minLength: 1, maxLength: 4 }
);

describe('the per-file import path under fuzzed DICOM files', () => {
	// dcmjs warns on the console about every damaged VR: thousands of lines.
	beforeAll(() => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		vi.spyOn(console, 'log').mockImplementation(() => {});
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterAll(() => vi.restoreAllMocks());

	it('accepts the unfuzzed file', () => {
		const result = prepareInstance(valid, mapped, pseudonymizer, () => undefined);
		expect(result.kind).toBe('prepared');
	});

	it('bit flips anywhere', () => {
		fc.assert(
			fc.property(flips, (changes) => {
				const bytes = new Uint8Array(valid);
				for (const { at, bit } of changes) bytes[at] = bytes[at]! ^ (1 << bit);
				outcome(bytes);
			}),
			{ seed: SEED, numRuns: 100 }
		);
	}, 30_000);

	it('bytes overwritten in the header', () => {
		fc.assert(
			fc.property(headerBytes, (changes) => {
				const bytes = new Uint8Array(valid);
				for (const { at, value } of changes) bytes[at] = value;
				outcome(bytes);
			}),
			{ seed: SEED, numRuns: 100 }
		);
	}, 30_000);

	it('cuts and appended garbage', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: valid.length }),
				fc.uint8Array({ maxLength: 64 }),
				(length, tail) => {
					const bytes = new Uint8Array(length + tail.length);
					bytes.set(valid.subarray(0, length));
					bytes.set(tail, length);
					outcome(bytes);
				}
			),
			{ seed: SEED, numRuns: 120 }
		);
	}, 30_000);

	it('odd meta headers and transfer syntaxes', () => {
		const syntaxes = [
			'1.2.840.10008.1.2',
			'1.2.840.10008.1.2.2',
			'1.2.840.10008.1.2.1.99',
			'1.2.840.10008.1.2.4.50',
			'1.2.840.10008.1.2.5',
			'1.2.3.4',
			'',
			'1.2.840.10008.1.2.1\0\0\0\0'
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...syntaxes),
				fc.boolean(),
				fc.boolean(),
				(syntax, dropGroupLength, dropSopClass) => {
					const message = dcmjs.data.DicomMessage.readFile(new Uint8Array(valid).buffer);
					message.meta['00020010'] = { vr: 'UI', Value: [syntax] };
					if (dropGroupLength) delete message.meta['00020000'];
					if (dropSopClass) delete message.meta['00020002'];
					let bytes: Uint8Array;
					try {
						const dicom = new dcmjs.data.DicomDict(message.meta);
						dicom.dict = message.dict;
						bytes = new Uint8Array(dicom.write());
					} catch {
						return; // dcmjs cannot write this one: nothing to feed
					}
					outcome(bytes);
				}
			),
			{ seed: SEED, numRuns: 40 }
		);
	}, 30_000);
});
