import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toyReads } from '$fixtures/stats/peer-format-data.fixture';
import { crossReads, formatNumber, PeerFormatError, type PeerRead } from './peer-reads';

const reads = toyReads(
	['RDR-2', 'RDR-10', 'RDR-1'],
	['MOD-B', 'MOD-A'],
	['CASE-3', 'CASE-1', 'CASE-20', 'CASE-2']
);

describe('crossReads', () => {
	it('puts readers, modalities and cases in natural order whatever the input order', () => {
		const crossed = crossReads([...reads].reverse());
		expect(crossed.readers).toEqual(['RDR-1', 'RDR-2', 'RDR-10']);
		expect(crossed.modalities).toEqual(['MOD-A', 'MOD-B']);
		expect(crossed.cases).toEqual(['CASE-1', 'CASE-2', 'CASE-3', 'CASE-20']);
		// toyReads: CASE-3 is k = 0 (truth 0), CASE-1 k = 1 (1), CASE-20 k = 2 (0), CASE-2 k = 3 (1)
		expect(Array.from(crossed.truth)).toEqual([1, 1, 0, 0]);
		const read = crossed.read(1, 2, 3); // MOD-B, RDR-10, CASE-20
		expect([read.modality, read.reader, read.case, read.rating]).toEqual([
			'MOD-B',
			'RDR-10',
			'CASE-20',
			1 + 0.2
		]);
		expect(crossed.hasDecision).toBe(false);
		expect(crossed.hasTime).toBe(false);
	});

	it('notes the optional columns when any read has them', () => {
		const withExtras = reads.map((read, index) =>
			index === 5
				? { ...read, decision: 0 as const, timeMs: 1200 }
				: { ...read, decision: null, timeMs: null }
		);
		const crossed = crossReads(withExtras);
		expect(crossed.hasDecision).toBe(true);
		expect(crossed.hasTime).toBe(true);
	});

	it('rejects a missing read, naming its reader, modality and case', () => {
		const incomplete = reads.filter(
			(read) => !(read.reader === 'RDR-10' && read.modality === 'MOD-A' && read.case === 'CASE-20')
		);
		expect(() => crossReads(incomplete)).toThrow(PeerFormatError);
		expect(() => crossReads(incomplete)).toThrow(
			"missing read: reader 'RDR-10', modality 'MOD-A', case 'CASE-20' (1 of 24 reads are missing; every reader must read every case in every modality)"
		);
	});

	it('names the first missing read in natural order when a reader skipped a whole modality', () => {
		const incomplete = reads.filter(
			(read) => !(read.reader === 'RDR-2' && read.modality === 'MOD-B')
		);
		expect(() => crossReads(incomplete)).toThrow(
			"missing read: reader 'RDR-2', modality 'MOD-B', case 'CASE-1' (4 of 24"
		);
	});

	it('rejects a duplicate read and a case with two truths', () => {
		expect(() => crossReads([...reads, { ...(reads[7] as PeerRead) }])).toThrow(
			"duplicate read: reader 'RDR-10', modality 'MOD-B', case 'CASE-2' appears as reads 8 and 25"
		);
		const conflicting = reads.map((read, index) =>
			index === 9 ? { ...read, truth: 0 as const } : read
		);
		expect(() => crossReads(conflicting)).toThrow(
			"case 'CASE-1' has truth 0 in read 10 but 1 in read 2"
		);
	});

	it('rejects a study without both truth classes', () => {
		expect(() => crossReads(reads.map((read) => ({ ...read, truth: 0 as const })))).toThrow(
			'every case is non-diseased (truth 0)'
		);
		expect(() => crossReads(reads.map((read) => ({ ...read, truth: 1 as const })))).toThrow(
			'every case is diseased (truth 1)'
		);
		expect(() => crossReads([])).toThrow('the reads table is empty');
	});

	it('rejects values no peer format can carry, naming the read', () => {
		const withRead = (index: number, change: Partial<PeerRead> | Record<string, unknown>) =>
			reads.map((read, i) => (i === index ? ({ ...read, ...change } as PeerRead) : read));
		expect(() => crossReads(withRead(0, { rating: Number.NaN }))).toThrow(
			"read 1 (reader 'RDR-2', modality 'MOD-B', case 'CASE-3'): rating must be a finite number, got NaN"
		);
		expect(() => crossReads(withRead(0, { rating: Infinity }))).toThrow(
			'rating must be a finite number, got Infinity'
		);
		expect(() => crossReads(withRead(1, { truth: 2 }))).toThrow(
			"read 2 (reader 'RDR-2', modality 'MOD-B', case 'CASE-1'): truth must be 0 or 1, got 2"
		);
		expect(() => crossReads(withRead(2, { decision: 0.5 }))).toThrow(
			'decision must be 0, 1 or empty, got 0.5'
		);
		expect(() => crossReads(withRead(2, { timeMs: 0 }))).toThrow(
			'reading time must be a positive number of milliseconds or empty, got 0'
		);
		expect(() => crossReads(withRead(3, { reader: 'RDR 1' }))).toThrow(
			"read 4: reader id 'RDR 1' contains whitespace, a comma"
		);
		expect(() => crossReads(withRead(3, { case: 'C,1' }))).toThrow(
			"read 4: case id 'C,1' contains"
		);
		expect(() => crossReads(withRead(3, { modality: 'A:B' }))).toThrow(
			"modality id 'A:B' contains"
		);
		expect(() => crossReads(withRead(3, { modality: '' }))).toThrow(
			'read 4: modality id is missing or empty'
		);
	});
});

describe('formatNumber', () => {
	it('writes the shortest decimal that reads back as the same double', () => {
		expect(formatNumber(3)).toBe('3');
		expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
		expect(formatNumber(-2.5)).toBe('-2.5');
		expect(formatNumber(1e-7)).toBe('1e-7');
		expect(formatNumber(-0)).toBe('0');
		fc.assert(
			fc.property(
				fc.double({ noNaN: true, noDefaultInfinity: true }),
				(value) => Number(formatNumber(value)) === value || Object.is(value, -0)
			)
		);
	});

	it('refuses non-finite numbers', () => {
		expect(() => formatNumber(Number.NaN)).toThrow(PeerFormatError);
		expect(() => formatNumber(-Infinity)).toThrow('cannot write the non-finite number -Infinity');
	});
});
