import { describe, expect, it } from 'vitest';
import type { ScheduleInput } from './schedule.types';
import { normalizeScheduleInput, ScheduleInputError } from './validate-input';

const valid: ScheduleInput = {
	design: 'crossover',
	seed: '42',
	arms: ['unaided', 'aided'],
	cases: [
		{ id: 'b', truth: 0 },
		{ id: 'a', truth: 0 },
		{ id: 'd', truth: 1 },
		{ id: 'c', truth: 1 }
	],
	readers: [
		{ id: 'r1', site: 'A' },
		{ id: 'r2', site: 'B' }
	]
};

function refusal(input: unknown): { path: string; message: string } {
	try {
		normalizeScheduleInput(input as ScheduleInput);
	} catch (error) {
		if (error instanceof ScheduleInputError) return { path: error.path, message: error.message };
		throw error;
	}
	throw new Error('expected the input to be refused');
}

describe('normalizeScheduleInput', () => {
	it('fills in defaults and puts cases in code-unit order of id', () => {
		const normalized = normalizeScheduleInput({
			...valid,
			cases: [...valid.cases, { id: 'B', truth: 1 }]
		});
		expect(normalized.cases.map(({ id }) => id)).toEqual(['B', 'a', 'b', 'c', 'd']);
		expect(normalized.sequenceBlockSize).toBe(2);
		expect(normalized.sessionMaxCases).toBeNull();
		expect(normalized.splitPlotGroups).toBeNull();
		expect(normalized.readers).toEqual(valid.readers);
	});

	it('refuses duplicate case and reader ids, naming both places', () => {
		const duplicateCase = refusal({ ...valid, cases: [...valid.cases, { id: 'a', truth: 1 }] });
		expect(duplicateCase).toEqual({
			path: 'cases[4].id',
			message: 'cases[4].id: duplicate case id "a" (also cases[1])'
		});
		const duplicateReader = refusal({
			...valid,
			readers: [...valid.readers, { id: 'r1', site: 'C' }]
		});
		expect(duplicateReader.path).toBe('readers[2].id');
		expect(duplicateReader.message).toContain('(also readers[0])');
	});

	it('refuses a crossover with fewer than 2 cases of a truth class', () => {
		const oneNegative = refusal({ ...valid, cases: valid.cases.filter(({ id }) => id !== 'a') });
		expect(oneNegative.path).toBe('cases');
		expect(oneNegative.message).toContain('1 case(s) with truth 0');
	});

	it('refuses an odd or non-integer sequence block size', () => {
		expect(refusal({ ...valid, sequenceBlockSize: 3 }).message).toContain('must be even');
		expect(refusal({ ...valid, sequenceBlockSize: 2.5 }).path).toBe('sequenceBlockSize');
		expect(refusal({ ...valid, sequenceBlockSize: 0 }).path).toBe('sequenceBlockSize');
	});

	it('refuses split-plot with fewer than 2 groups, more groups than readers, or too few cases per truth', () => {
		const splitPlot = { ...valid, design: 'split-plot' as const };
		expect(refusal(splitPlot).message).toContain('is required by the split-plot design');
		expect(refusal({ ...splitPlot, splitPlotGroups: 1 }).message).toContain('must be at least 2');
		expect(refusal({ ...splitPlot, splitPlotGroups: 3 }).message).toContain(
			'need at least 3 readers'
		);
		// 2 groups × 2 blocks need 4 cases of each truth; there are 2.
		expect(refusal({ ...splitPlot, splitPlotGroups: 2 }).message).toContain(
			'2 case(s) with truth 0'
		);
		expect(refusal({ ...valid, splitPlotGroups: 2 }).message).toContain(
			'applies only to the split-plot design'
		);
	});

	it('refuses other malformed input with the place named', () => {
		expect(refusal({ ...valid, design: 'parallel' }).path).toBe('design');
		expect(refusal({ ...valid, seed: '' }).path).toBe('seed');
		expect(refusal({ ...valid, seed: 42 }).path).toBe('seed');
		expect(refusal({ ...valid, arms: ['aided', 'aided'] }).path).toBe('arms[1]');
		expect(refusal({ ...valid, arms: ['only'] }).path).toBe('arms');
		expect(refusal({ ...valid, cases: [] }).path).toBe('cases');
		expect(refusal({ ...valid, readers: [] }).path).toBe('readers');
		expect(refusal({ ...valid, cases: [{ id: '', truth: 0 }] }).path).toBe('cases[0].id');
		expect(refusal({ ...valid, cases: [...valid.cases, { id: 'e', truth: 2 }] }).path).toBe(
			'cases[4].truth'
		);
		expect(
			refusal({ ...valid, cases: [...valid.cases, { id: 'e', truth: 1, stratum: 5 }] }).path
		).toBe('cases[4].stratum');
		expect(refusal({ ...valid, readers: [{ id: 'r', site: '' }] }).path).toBe('readers[0].site');
		expect(refusal({ ...valid, sessionMaxCases: 0 }).path).toBe('sessionMaxCases');
	});
});
