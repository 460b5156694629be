// The protocol's optional ai_model.robustness block (`tandem model robustness`).
import { describe, expect, it } from 'vitest';
import { protocolSchema } from './protocol.schema';

function protocol(robustness?: unknown) {
	return {
		slug: 'robust',
		title: 'Robustness',
		protocol_version: '1',
		randomization: { seed: '7' },
		design: { type: 'sequential' },
		arms: [
			{ id: 'unaided', label: 'unaided', ai: false },
			{ id: 'aided', label: 'aided', ai: true }
		],
		sites: [{ code: 'site-a', name: 'Site A', expected_readers: 1 }],
		rating: { decision: 'binary', confidence: 'percent' },
		endpoints: { primary: [{ metric: 'auc', hypothesis: 'superiority' }] },
		ai_model: { name: 'model', version: '1', ...(robustness ? { robustness } : {}) },
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

describe('ai_model.robustness', () => {
	it('is optional, and takes declared perturbations with defaults for tolerance and seed', () => {
		expect(protocolSchema.parse(protocol()).ai_model.robustness).toBeUndefined();
		const parsed = protocolSchema.parse(
			protocol({ perturbations: [{ kind: 'rotate', levels: [-3, 3] }] })
		);
		expect(parsed.ai_model.robustness).toEqual({
			perturbations: [{ kind: 'rotate', levels: [-3, 3] }],
			tolerance: 0.1,
			seed: 20261206
		});
	});

	it('refuses a level out of range, a kind declared twice, an unknown kind, by field', () => {
		expect(
			problems(
				protocol({
					perturbations: [
						{ kind: 'rotate', levels: [2, 60] },
						{ kind: 'rotate', levels: [1] }
					]
				})
			)
		).toEqual([
			'ai_model.robustness.perturbations.0.levels.1: a rotate level must be between -45 and 45',
			'ai_model.robustness.perturbations.1.kind: rotate is declared twice'
		]);
		expect(problems(protocol({ perturbations: [{ kind: 'blur', levels: [1] }] }))).toHaveLength(1);
		expect(problems(protocol({ tolerance: 0 }))).toEqual([
			'ai_model.robustness.tolerance: Too small: expected number to be >0'
		]);
	});
});
