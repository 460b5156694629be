// onnxruntime sessions, one per model content (SHA-256) in each worker thread. The file is read
// once, hashed, and the session is created from those same bytes, so what runs is exactly what
// was checked. Options are chosen for repeatable outputs (AI-2): one intra-op and one inter-op
// thread and sequential execution, so floating-point reductions always happen in the same order
// (parallelism comes from the pool's worker threads, not from inside a model run).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';

export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
	intraOpNumThreads: 1,
	interOpNumThreads: 1,
	executionMode: 'sequential',
	graphOptimizationLevel: 'all',
	logSeverityLevel: 3
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

const sessions = new Map<string, Promise<ort.InferenceSession>>();

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

async function openVerified(modelPath: string, modelSha256: string): Promise<ort.InferenceSession> {
	let bytes: Buffer;
	try {
		bytes = await readFile(modelPath);
	} catch (error) {
		throw new Error(`model file ${modelPath} cannot be read (${messageOf(error)})`);
	}
	const actual = sha256Hex(bytes);
	if (actual !== modelSha256) {
		throw new Error(
			`model file ${modelPath} has SHA-256 ${actual}, not the registered ${modelSha256}: refusing to run it`
		);
	}
	try {
		return await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
	} catch (error) {
		throw new Error(
			`model file ${modelPath} cannot be loaded by onnxruntime (${messageOf(error)})`
		);
	}
}

/**
 * The session for the model with this SHA-256, verified and created on first use. The cache is
 * keyed by content: a later task naming the same hash reuses the session whatever its path. A
 * failed load is not cached, so a corrected file is picked up by the next task.
 */
export function modelSession(
	modelPath: string,
	modelSha256: string
): Promise<ort.InferenceSession> {
	if (!SHA256_HEX.test(modelSha256)) {
		return Promise.reject(
			new Error(`modelSha256 must be 64 lower-case hex digits, got "${modelSha256}"`)
		);
	}
	const cached = sessions.get(modelSha256);
	if (cached) return cached;
	const pending = openVerified(modelPath, modelSha256);
	sessions.set(modelSha256, pending);
	pending.catch(() => {
		if (sessions.get(modelSha256) === pending) sessions.delete(modelSha256);
	});
	return pending;
}
