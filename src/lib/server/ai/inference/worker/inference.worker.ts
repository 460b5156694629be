// Piscina worker entry: one inference task per call, in a worker thread. Sessions are cached per
// model SHA-256 for the life of the thread (model-session.ts). An error thrown here rejects only
// this task; the thread stays up and serves the next one.
//
// This file is loaded by path (see pool.ts), never bundled: it is TypeScript run through tsx's
// loader, so it works the same under the CLI (tsx), vitest and the built server.
import { runInferenceTask } from '../run-task';
import type { InferenceOutput, InferenceTask } from '../types';

export default function inferenceWorker(task: InferenceTask): Promise<InferenceOutput> {
	return runInferenceTask(task);
}
