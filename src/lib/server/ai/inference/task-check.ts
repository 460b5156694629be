// Validation of an inference task, shared by the pool (before queueing, in the main thread) and
// the worker. Kept apart from run-task.ts so the main thread does not load onnxruntime or
// dicom-parser just to check a task.
import { isAbsolute } from 'node:path';
import { parseModelManifest, type ModelManifest } from './manifest';
import type { InferenceTask } from './types';
import { perturbationProblem } from '../../../imaging/perturbation';

/** Checks the parts of a task the worker relies on; returns the validated manifest. */
export function checkTask(task: InferenceTask): ModelManifest {
	if (!task || typeof task !== 'object') throw new Error('inference task must be an object');
	if (typeof task.modelPath !== 'string' || !isAbsolute(task.modelPath)) {
		throw new Error(`modelPath must be an absolute path, got ${JSON.stringify(task.modelPath)}`);
	}
	if (!Array.isArray(task.images) || task.images.length === 0)
		throw new Error('the case has no images');
	task.images.forEach((path, index) => {
		if (typeof path !== 'string' || !isAbsolute(path)) {
			throw new Error(`image ${index + 1} must be an absolute path, got ${JSON.stringify(path)}`);
		}
	});
	if (task.perturbation !== undefined) {
		const problem = perturbationProblem(task.perturbation);
		if (problem) throw new Error(`perturbation: ${problem}`);
	}
	return parseModelManifest(task.manifest, 'manifest');
}
