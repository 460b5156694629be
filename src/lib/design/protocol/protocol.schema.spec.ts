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

describe('protocolSchema rating confirmation', () => {
	const base = protocol({ type: 'fully-crossed' }, [UNAIDED, AIDED]);

	it('asks for no confirmation unless the protocol says so', () => {
		expect(protocolSchema.parse(base).rating.confirm_submit).toBe(false);
		const asked = { ...base, rating: { ...base.rating, confirm_submit: true } };
		expect(protocolSchema.parse(asked).rating.confirm_submit).toBe(true);
	});

	it('refuses anything but true or false, naming the field', () => {
		const wrong = { ...base, rating: { ...base.rating, confirm_submit: 'yes' } };
		expect(problems(wrong)).toEqual([expect.stringMatching(/^rating\.confirm_submit: /)]);
	});
});

describe('protocolSchema measurement marks', () => {
	const base = protocol({ type: 'fully-crossed' }, [UNAIDED, AIDED]);
	const rating = (extra: Record<string, unknown>) => ({
		...base,
		rating: { ...base.rating, ...extra }
	});

	it('counts ROIs as lesion marks only when the protocol says so', () => {
		expect(protocolSchema.parse(base).rating.measurement_marks).toBe(false);
		const froc = rating({ lesion_marks: true, measurement_marks: true });
		expect(protocolSchema.parse(froc).rating.measurement_marks).toBe(true);
	});

	it('refuses ROI marks in a study without lesion marks, and a value that is not a boolean', () => {
		expect(problems(rating({ measurement_marks: true }))).toEqual([
			'rating.measurement_marks: ROIs count as lesion marks only with lesion_marks: true'
		]);
		expect(problems(rating({ lesion_marks: true, measurement_marks: 'yes' }))).toEqual([
			expect.stringMatching(/^rating\.measurement_marks: /)
		]);
	});
});

describe('protocolSchema lesion-level task', () => {
	const base = protocol({ type: 'fully-crossed' }, [UNAIDED, AIDED]);
	const froc = {
		...base,
		rating: { ...base.rating, task: 'froc' },
		truth: { source: 'test', lesions: 'lesions.csv' },
		endpoints: { primary: [{ metric: 'wafroc', hypothesis: 'superiority' }] }
	};

	it('defaults to a case-level task and matching within 10 mm', () => {
		const parsed = protocolSchema.parse(base);
		expect(parsed.rating.task).toBe('roc');
		expect(parsed.matching).toEqual({ criterion: 'distance', acceptance_mm: 10, iou: 0.5 });
		expect(protocolSchema.parse(froc).rating.task).toBe('froc');
	});

	it('needs truth lesions for a froc task and the froc task for a wAFROC endpoint', () => {
		expect(problems({ ...froc, truth: { source: 'test' } })).toEqual([
			'truth.lesions: a froc task needs truth lesions: name the file (lesions.csv)'
		]);
		expect(problems({ ...base, endpoints: froc.endpoints })).toEqual([
			'endpoints.primary.0.metric: wafroc is measured from marks in a froc task: set rating.task to froc'
		]);
		const lroc = {
			...froc,
			endpoints: { primary: [{ metric: 'lroc', hypothesis: 'superiority' }] }
		};
		expect(problems(lroc)).toEqual([
			'endpoints.primary.0.metric: lroc is measured from marks in a lroc task: set rating.task to lroc'
		]);
	});

	it('reads an lroc endpoint at a false-positive fraction, and no other endpoint', () => {
		const lroc = {
			...froc,
			rating: { ...froc.rating, task: 'lroc' },
			endpoints: { primary: [{ metric: 'lroc', hypothesis: 'superiority', fpf: 0.1 }] }
		};
		expect(protocolSchema.parse(lroc).endpoints.primary[0]!.fpf).toBe(0.1);
		const wrong = {
			...froc,
			endpoints: { primary: [{ metric: 'wafroc', hypothesis: 'superiority', fpf: 0.1 }] }
		};
		expect(problems(wrong)).toEqual([
			'endpoints.primary.0.fpf: only an lroc endpoint is read at a false-positive fraction'
		]);
	});

	it('matches by IoU only where readers draw boxes', () => {
		const iou = { ...froc, matching: { criterion: 'iou', iou: 0.3 } };
		expect(problems(iou)).toEqual([
			'matching.criterion: matching by IoU compares boxes: set rating.mark_shape to box'
		]);
		const boxes = { ...iou, rating: { ...froc.rating, mark_shape: 'box' } };
		expect(protocolSchema.parse(boxes).matching).toEqual({
			criterion: 'iou',
			acceptance_mm: 10,
			iou: 0.3
		});
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

describe('protocolSchema bounds', () => {
	const valid = () => protocol({ type: 'fully-crossed' }, [UNAIDED, AIDED]);
	const paths = (input: unknown) => problems(input).map((line) => line.split(':')[0]);

	it('takes the largest allowed values', () => {
		const input = valid();
		input.slug = 'a'.repeat(64);
		input.title = 'T'.repeat(200);
		input.sites[0]!.expected_readers = 1000;
		expect(problems(input)).toEqual([]);
	});

	it('refuses unbounded texts, counts and lists, naming each field', () => {
		const input = valid() as ReturnType<typeof valid> & Record<string, unknown>;
		input.slug = 'a'.repeat(10_000);
		input.title = 'T'.repeat(2_000_000);
		input.description = 'd'.repeat(100_000);
		input.protocol_version = 'v'.repeat(1_000);
		input.randomization = { seed: 's'.repeat(1_000) };
		input.sites = [{ code: 'site-a', name: 'N'.repeat(1_000), expected_readers: 1e12 }];
		input.arms = [
			{ ...UNAIDED, label: 'L'.repeat(1_000) },
			{ ...AIDED, label: 'with' }
		];
		input.ai_model = { name: 'm'.repeat(1_000), version: '1' };
		input.cases = { file: `${'f'.repeat(1_000)}.csv`, strata: ['s'.repeat(1_000)] };
		input.truth = { source: 't'.repeat(10_000) };
		expect(paths(input)).toEqual(
			expect.arrayContaining([
				'slug',
				'title',
				'description',
				'protocol_version',
				'randomization.seed',
				'sites.0.name',
				'sites.0.expected_readers',
				'arms.0.label',
				'ai_model.name',
				'cases.file',
				'cases.strata.0',
				'truth.source'
			])
		);
	});

	it('refuses non-integer and non-finite counts, and oversized lists', () => {
		const input = valid();
		input.sites = Array.from({ length: 1_000 }, (_, index) => ({
			code: `site-${index}`,
			name: 'Site',
			expected_readers: 1.5
		}));
		expect(paths(input)).toEqual(['sites']);
		input.sites = [{ code: 'site-a', name: 'Site', expected_readers: 1.5 }];
		expect(paths(input)).toEqual(['sites.0.expected_readers']);
		const numeric: Record<string, unknown> = valid();
		numeric.protocol_version = 1e300;
		numeric.randomization = { seed: 2 ** 60 };
		expect(paths(numeric)).toEqual(expect.arrayContaining(['randomization.seed']));
	});
});

describe('protocolSchema margin justification and verification block', () => {
	const base = protocol({ type: 'fully-crossed' }, [UNAIDED, AIDED]);
	const withEndpoint = (endpoint: Record<string, unknown>) => ({
		...base,
		endpoints: { primary: [{ metric: 'auc', ...endpoint }] }
	});

	it('refuses a declared margin without its clinical justification, naming the endpoint and the field', () => {
		expect(problems(withEndpoint({ hypothesis: 'non-inferiority', margin: 0.05 }))).toEqual([
			'endpoints.primary.0.margin_justification: endpoint primary 1 (auc) declares a margin of 0.05: give its clinical justification in margin_justification'
		]);
		expect(
			problems({
				...base,
				endpoints: {
					primary: [{ metric: 'auc', hypothesis: 'superiority' }],
					secondary: [{ metric: 'specificity', hypothesis: 'non-inferiority', margin: 0.1 }]
				}
			})
		).toEqual([
			'endpoints.secondary.0.margin_justification: endpoint secondary 1 (specificity) declares a margin of 0.1: give its clinical justification in margin_justification'
		]);
	});

	it('takes a margin with its justification, and no justification without a margin', () => {
		const justified = withEndpoint({
			hypothesis: 'non-inferiority',
			margin: 0.05,
			margin_justification: 'Half the AUC gain a second reader brings (published meta-analysis).'
		});
		expect(problems(justified)).toEqual([]);
		expect(problems(withEndpoint({ hypothesis: 'superiority' }))).toEqual([]);
	});

	it('keeps records at least five years, and takes the declared verification details', () => {
		const verification = {
			organisation: 'Example Verification Lab',
			qualification: 'Accredited to ISO/IEC 17025 (certificate L-0001).',
			network: 'Isolated LAN, no route to the internet.',
			inclusion_criteria: ['Adults aged 18 or over'],
			exclusion_criteria: ['Images with severe motion artefact'],
			limitations: ['Single vendor for most cases'],
			use_restrictions: ['Not for use without a radiologist'],
			retention_years: 10,
			archive_location: 'Records room B, shelf 4'
		};
		expect(problems({ ...base, verification })).toEqual([]);
		expect(problems({ ...base, verification: { ...verification, retention_years: 3 } })).toEqual([
			'verification.retention_years: records are kept at least 5 years, got 3'
		]);
		expect(
			problems({ ...base, ai_model: { ...base.ai_model, release_date: '2026-13-40' } })
		).toEqual(['ai_model.release_date: a date as YYYY-MM-DD, got "2026-13-40"']);
	});
});
