import { describe, expect, it } from 'vitest';
import { effectiveUse, effectiveUseSummary, type CaseUse } from './effective-use';

// Worked by hand: five cases, each planned for 4 reads (2 readers × 2 arms).
const rows: CaseUse[] = [
	{ case: 'C1', plannedReads: 4, reads: 4, ai: { status: 'scored' } },
	{ case: 'C2', plannedReads: 4, reads: 3, ai: { status: 'scored' } },
	{ case: 'C3', plannedReads: 4, reads: 4, ai: { status: 'failed', error: 'cannot decode' } },
	{ case: 'C4', plannedReads: 4, reads: 4, ai: null },
	{ case: 'C5', plannedReads: 0, reads: 0, ai: { status: 'scored' } }
];

describe('effectiveUse', () => {
	it('counts the cases usable by the readers (every planned read made) with each reason', () => {
		const use = effectiveUse(rows);
		expect(use.cases).toBe(5);
		expect(use.readers.usable).toBe(3); // C1, C3, C4
		expect(use.readers.excluded).toEqual([
			{ case: 'C2', reason: { kind: 'reads-missing', missing: 1, planned: 4 } },
			{ case: 'C5', reason: { kind: 'no-read-planned' } }
		]);
		// 3/5 with its Wilson interval (by hand: 0.2307 to 0.8824, z = 1.959964).
		expect(use.readers.rate!.estimate).toBe(0.6);
		expect(use.readers.rate!.ciLower).toBeCloseTo(0.2307, 4);
		expect(use.readers.rate!.ciUpper).toBeCloseTo(0.8824, 4);
	});

	it('counts the cases the AI scored; a failure and an unscored case are excluded with their reason', () => {
		const use = effectiveUse(rows);
		expect(use.ai!.usable).toBe(3); // C1, C2, C5
		expect(use.ai!.excluded).toEqual([
			{ case: 'C3', reason: { kind: 'ai-failed', error: 'cannot decode' } },
			{ case: 'C4', reason: { kind: 'ai-not-scored' } }
		]);
	});

	it('has no AI rate when the AI ran on no case, and refuses impossible counts', () => {
		expect(effectiveUse([{ case: 'A', plannedReads: 2, reads: 2, ai: null }]).ai).toBeNull();
		expect(effectiveUse([]).readers.rate).toBeNull();
		expect(() => effectiveUse([{ case: 'A', plannedReads: 2, reads: 3, ai: null }])).toThrow(
			/case A: reads must be/
		);
		expect(() => effectiveUse([rows[0]!, rows[0]!])).toThrow(/listed twice/);
	});

	it('counts the excluded cases per reason for the monitor, naming no case nor error', () => {
		const summary = effectiveUseSummary(effectiveUse(rows));
		expect(summary.readers.reasons).toEqual([
			{ kind: 'reads-missing', missing: 1, planned: 4, cases: 1 },
			{ kind: 'no-read-planned', cases: 1 }
		]);
		expect(summary.ai!.reasons).toEqual([
			{ kind: 'ai-failed', cases: 1 },
			{ kind: 'ai-not-scored', cases: 1 }
		]);
		expect(JSON.stringify(summary)).not.toMatch(/C\d|decode/);
	});
});
