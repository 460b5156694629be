import { describe, expect, it } from 'vitest';
import { protocolSchema } from './protocol.schema';

/** A valid protocol as parsed from study.yaml, with the design and arms given. */
function protocol(design: Record<string, unknown>, arms: Array<{ id: string; ai: boolean }>) {
	return {
		slug: 'arm-rules',
		title: 'Arm rules',
		protocol_version: '1',
		randomization: { seed: '7' },
		design,
		arms: arms.map((arm) => ({ ...arm, label: arm.id })),
		sites: [{ code: 'site-a', name: 'Site A', expected_readers: 1 }],
		rating: { decision: 'binary', confidence: 'percent' },
		endpoints: { primary: [{ metric: 'auc', hypothesis: 'superiority' }] },
		ai_model: { name: 'model', version: '1' },
		cases: {},
		truth: { source: 'test' }
	};
}

function problems(input: unknown): string[] {
	const parsed = protocolSchema.safeParse(input);
	return parsed.success
		? []
		: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const UNAIDED = { id: 'unaided', ai: false };
const AIDED = { id: 'aided', ai: true };
const SEQUENTIAL = { type: 'sequential' };

describe('protocolSchema arms', () => {
	it('takes a sequential design whose control arm (read first) is without the AI and whose test arm has it', () => {
		expect(problems(protocol(SEQUENTIAL, [UNAIDED, AIDED]))).toEqual([]);
	});

	it('refuses a sequential design whose control arm has the AI, naming the field', () => {
		expect(problems(protocol(SEQUENTIAL, [AIDED, UNAIDED]))).toEqual([
			'arms.0.ai: in a sequential design the first arm is the control, read first without the AI: it needs ai: false',
			'arms.1.ai: in a sequential design the second arm is the test arm, read with the AI: it needs ai: true'
		]);
		expect(problems(protocol(SEQUENTIAL, [AIDED, { ...AIDED, id: 'also-aided' }]))).toContain(
			'arms.0.ai: in a sequential design the first arm is the control, read first without the AI: it needs ai: false'
		);
		expect(problems(protocol(SEQUENTIAL, [UNAIDED, { ...UNAIDED, id: 'also-unaided' }]))).toContain(
			'arms.1.ai: in a sequential design the second arm is the test arm, read with the AI: it needs ai: true'
		);
	});

	it('leaves the arm order free in the designs that balance it', () => {
		expect(problems(protocol({ type: 'crossover', washout_days: 28 }, [AIDED, UNAIDED]))).toEqual(
			[]
		);
		expect(problems(protocol({ type: 'fully-crossed' }, [AIDED, UNAIDED]))).toEqual([]);
	});
});

describe('protocolSchema endpoint alpha', () => {
	const withAlpha = (alpha: number) => {
		const input = protocol(SEQUENTIAL, [UNAIDED, AIDED]);
		return {
			...input,
			endpoints: { primary: [{ metric: 'auc', hypothesis: 'superiority', alpha }] }
		};
	};

	it('takes a one-sided alpha up to 0.1', () => {
		expect(problems(withAlpha(0.05))).toEqual([]);
		expect(problems(withAlpha(0.1))).toEqual([]);
	});

	it('refuses alpha 0.5 (and 0) with the range', () => {
		for (const alpha of [0.5, 0]) {
			expect(problems(withAlpha(alpha))).toEqual([
				`endpoints.primary.0.alpha: must be a one-sided significance level between 0.000001 and 0.1 (0.025 is usual), got ${alpha}`
			]);
		}
	});
});
