import { describe, expect, it } from 'vitest';
import { decisionInput, qcInput } from './adjudication-input';

const box = { kind: 'box' as const, box: { x0: 1, y0: 1, x1: 9, y1: 9 } };
const lesion = { id: 'L1', firstImage: 1, lastImage: 1, region: box, attributes: {} };

describe('adjudication input', () => {
	it('sends the decision with its client id and reason, and refuses one without a reason', () => {
		expect(
			decisionInput(12, { classification: 1, lesions: [lesion] }, 'B missed the lesion')
		).toEqual({
			ok: true,
			value: {
				decision: { clientId: 'decision-12', classification: 1, lesions: [lesion] },
				reason: 'B missed the lesion'
			}
		});
		expect(decisionInput(12, { classification: 1, lesions: [] }, '  ')).toEqual({
			ok: false,
			problem: 'reason: say why (the reason is recorded)'
		});
		expect(decisionInput(12, { classification: null, lesions: [] }, 'x')).toMatchObject({
			ok: false,
			problem: expect.stringMatching(/^decision\.classification: /)
		});
	});

	it('confirms a QC case as is, and corrects it only with a note', () => {
		expect(qcInput(3, 'confirmed', { classification: 0, lesions: [] }, '')).toEqual({
			ok: true,
			value: { outcome: 'confirmed' }
		});
		expect(qcInput(3, 'corrected', { classification: 0, lesions: [] }, '')).toEqual({
			ok: false,
			problem: 'note: say what was wrong (the note is recorded)'
		});
		expect(qcInput(3, 'corrected', { classification: 0, lesions: [] }, 'not diseased')).toEqual({
			ok: true,
			value: {
				outcome: 'corrected',
				decision: { clientId: 'decision-3', classification: 0, lesions: [] },
				note: 'not diseased'
			}
		});
	});
});
