import { describe, expect, it } from 'vitest';
import { parseModelManifest, type ModelManifest } from './manifest';

const valid: ModelManifest = {
	name: 'demo-lesion-detector',
	version: '1.0.0',
	description: 'test model',
	task: 'detection',
	input: {
		name: 'image',
		width: 128,
		height: 128,
		layout: 'NCHW',
		window: { center: 40, width: 400 },
		normalisation: { min: 0, max: 1 },
		slices: 'each'
	},
	outputs: { score: 'score', heatmap: 'heatmap' },
	threshold: 0.45,
	demo: true
};

/** The error message of parsing `value`, or '' when it parses. */
function problems(value: unknown): string {
	try {
		parseModelManifest(value, 'model.json');
		return '';
	} catch (error) {
		return (error as Error).message;
	}
}

describe('parseModelManifest', () => {
	it('accepts a complete manifest and returns it unchanged', () => {
		expect(parseModelManifest(valid)).toEqual(valid);
		expect(
			parseModelManifest({ ...valid, task: 'classification', outputs: { score: 'p' } }).task
		).toBe('classification');
		expect(parseModelManifest({ ...valid, candidates: { perImage: 3 } }).candidates).toEqual({
			perImage: 3
		});
	});

	it.each([
		[{ ...valid, name: undefined }, 'name: is required'],
		[{ ...valid, name: 'bad name!' }, 'name: must start with a letter or digit'],
		[{ ...valid, version: '' }, 'version: must not be empty'],
		[{ ...valid, task: 'segmentation' }, 'task: must be "classification" or "detection"'],
		[{ ...valid, input: { ...valid.input, width: 0 } }, 'input.width: must be at least 1'],
		[
			{ ...valid, input: { ...valid.input, height: 12.5 } },
			'input.height: must be a whole number of pixels'
		],
		[{ ...valid, input: { ...valid.input, layout: 'NHWC' } }, 'input.layout: must be "NCHW"'],
		[
			{ ...valid, input: { ...valid.input, window: { center: 40, width: 0 } } },
			'input.window.width: must be greater than 0'
		],
		[
			{ ...valid, input: { ...valid.input, window: { width: 400 } } },
			'input.window.center: is required'
		],
		[
			{ ...valid, input: { ...valid.input, normalisation: { min: 1, max: 1 } } },
			'input.normalisation.max: min must be less than max'
		],
		[
			{ ...valid, input: { ...valid.input, slices: 'mean' } },
			'input.slices: must be "max-intensity" or "each"'
		],
		[
			{ ...valid, outputs: { score: 'score' } },
			'outputs.heatmap: is required when task is "detection"'
		],
		[
			{ ...valid, outputs: { score: 'x', heatmap: 'x' } },
			'outputs.heatmap: must differ from outputs.score'
		],
		[{ ...valid, threshold: 1.5 }, 'threshold: must be between 0 and 1'],
		[{ ...valid, threshold: '0.5' }, 'threshold: must be a number'],
		[{ ...valid, demo: 'yes' }, 'demo: must be true or false'],
		[{ ...valid, candidates: { perImage: 0 } }, 'candidates.perImage: must be at least 1'],
		[{ ...valid, candidates: { perImage: 2.5 } }, 'candidates.perImage: must be a whole number'],
		[{ ...valid, candidates: { max: 3 } }, 'candidates.max: unknown field'],
		[
			{ ...valid, task: 'classification', outputs: { score: 's' }, candidates: { perImage: 3 } },
			'candidates: is allowed only when task is "detection"'
		],
		[{ ...valid, treshold: 0.5 }, 'treshold: unknown field'],
		[{ ...valid, input: { ...valid.input, mean: 0 } }, 'input.mean: unknown field'],
		[[], '(manifest): must be a JSON object']
	])('names the field: %#', (manifest, message) => {
		const text = problems(manifest);
		expect(text).toMatch(/^model\.json is invalid:\n/);
		expect(text).toContain(message);
	});

	it('lists every problem, one line each', () => {
		const text = problems({
			...valid,
			version: '',
			threshold: -1,
			input: { ...valid.input, width: -3 }
		});
		expect(text.split('\n').slice(1).sort()).toEqual([
			'input.width: must be at least 1',
			'threshold: must be between 0 and 1',
			'version: must not be empty'
		]);
	});
});
