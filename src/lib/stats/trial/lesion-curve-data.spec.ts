// The lesion-level curves of a trial, from the hand-made blind export (lesion-export.fixture):
// reader RDR-000001's FROC in arm MOD-00000A worked by hand from its marks, its wAFROC curve's area
// the figure worked by hand in lesion-endpoint.spec.ts, a reader without marks, and the AI's
// curves carried as given.
import { describe, expect, it } from 'vitest';
import { analyzeTrial } from './trial-analysis';
import type { TrialInput } from './trial-input';
import type { AiLesionCurves } from './lesion-curve-data';
import { curveArea } from '../lesion/curves/curve-points';
import {
	ARMS,
	DISEASED,
	LESIONS_CSV,
	NORMAL,
	READERS,
	lesionTrialReads,
	marksCsv
} from '$fixtures/stats/lesion-export.fixture';

const input = (extra: Partial<TrialInput> = {}): TrialInput => ({
	reads: lesionTrialReads(),
	readers: READERS.map((reader) => ({ reader, site: 'all' })),
	cases: [...NORMAL, ...DISEASED].map((id) => ({ case: id, strata: {} })),
	arms: { test: ARMS.test, reference: ARMS.reference },
	endpoints: [
		{ group: 'primary', metric: 'wafroc', hypothesis: 'superiority', margin: 0, alpha: 0.05 }
	],
	strata: [],
	lesions: { truthCsv: LESIONS_CSV, marksCsv: marksCsv() },
	...extra
});

describe('lesion-level curves of a trial', () => {
	it('gives each arm’s readers’ FROC and wAFROC curves from the export’s files', () => {
		const { lesionCurves } = analyzeTrial(input());
		expect(lesionCurves!.froc.map((arm) => arm.arm)).toEqual([ARMS.reference, ARMS.test]);
		expect(lesionCurves!.froc[0]!.readers.map((row) => row.reader)).toEqual(READERS);
		// RDR-000001, arm A: NLs rated 5 (D2), 4 (N6), 3 (N3), 2 (N1, N6), 1 (N5) over 12 cases;
		// LLs rated 5 (D1), 4 (D3, D6), 3 (D2), 2 (D3), 1 (D5) of 8 lesions.
		expect(lesionCurves!.froc[0]!.readers[0]!.points).toEqual([
			{ x: 0, y: 0 },
			{ x: 1 / 12, y: 1 / 8 },
			{ x: 2 / 12, y: 3 / 8 },
			{ x: 3 / 12, y: 4 / 8 },
			{ x: 5 / 12, y: 5 / 8 },
			{ x: 6 / 12, y: 6 / 8 }
		]);
		expect(curveArea(lesionCurves!.wafroc[0]!.readers[0]!.points)).toBeCloseTo(22.75 / 36, 14);
		// RDR-000003 marked nothing in arm B: its FROC stays at (0, 0), its wAFROC is the diagonal
		// of ties to (1, 1), area ½.
		const silent = lesionCurves!.froc[1]!.readers[2]!;
		expect(silent.points.every((point) => point.x === 0 && point.y === 0)).toBe(true);
		expect(curveArea(lesionCurves!.wafroc[1]!.readers[2]!.points)).toBeCloseTo(0.5, 14);
		expect(lesionCurves!.ai).toBeNull();
	});

	it('carries the AI’s curves, and has none without lesion endpoints or files', () => {
		const ai: AiLesionCurves = {
			froc: [
				{ x: 0, y: 0 },
				{ x: 0.5, y: 0.75 }
			],
			wafroc: null,
			precisionRecall: {
				points: [{ recall: 0.75, precision: 0.5 }],
				averagePrecision: { estimate: 0.375, lower: 0.2, upper: 0.5 }
			},
			byType: [],
			level: 0.95
		};
		expect(analyzeTrial(input({ lesionAi: ai })).lesionCurves!.ai).toEqual(ai);
		expect(analyzeTrial(input({ lesions: { missing: 'no files' } })).lesionCurves).toBeNull();
		const caseLevel = analyzeTrial(
			input({
				endpoints: [
					{ group: 'primary', metric: 'auc', hypothesis: 'superiority', margin: 0, alpha: 0.05 }
				]
			})
		);
		expect(caseLevel.lesionCurves).toBeNull();
	});
});
