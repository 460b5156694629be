// The inference pool's task and result, shared by the pool (main thread) and the worker.
import type { ModelManifest } from './manifest';
import type { AiBox, AiHeatmap } from '../../../domain/ai-output';
import type { Perturbation } from '../../../imaging/perturbation';
import type { ImageStoreSettings } from '../../config-combined';
import type { ImageKey } from '../../images/image-store';

export interface InferenceTask {
	/** Absolute path of the .onnx file. */
	modelPath: string;
	/** Lower-case hex SHA-256 of the model file; the worker refuses a file that does not match. */
	modelSha256: string;
	manifest: ModelManifest;
	/** Absolute paths of ONE case's DICOM files, in order (image 1 first). */
	images: string[];
	/**
	 * With a remote image store (TANDEM_IMAGE_STORE not `local`): the store and each image's key,
	 * in the same order; the worker reads the images from it (checking each one's SHA-256), not
	 * from the paths.
	 */
	stored?: { store: ImageStoreSettings; keys: ImageKey[] };
	/**
	 * For the robustness check only: a perturbation applied to every decoded image before
	 * preprocessing (image k, 0-based, draws from seed + k). Scoring never sets it.
	 */
	perturbation?: Perturbation;
}

export interface InferenceOutput {
	/** Case score, 0…1: the model's score (for 'each', the highest image score). */
	score: number;
	/** Per image (manifest slices 'each') or a single entry (for 'max-intensity'). Always set by the worker. */
	imageScores?: number[];
	/**
	 * The heatmap of the image that gave the score (for 'max-intensity', of the projection), at the
	 * model's output resolution, values 0…1 rounded to 4 decimals for transport (outputSha256 covers
	 * the exact float32 values). `image` is the 1-based image it belongs to.
	 */
	heatmap?: AiHeatmap;
	/**
	 * The top candidate: the heatmap's peak and the 4-connected region around it that stays at or
	 * above half-way between the heatmap's median and its peak, mapped to original pixels. Always
	 * reported for a detection model (even below the threshold, so FROC analysis can rank it). A
	 * manifest with `candidates` adds each image's further local maxima at or above the threshold
	 * (at most perImage per image), highest score first.
	 */
	boxes?: AiBox[];
	/** SHA-256 of the exact input tensor bytes (float32 little-endian), all model runs in order. */
	inputSha256: string;
	/** SHA-256 of the raw model outputs (score then heatmap float32 bytes), all model runs in order. */
	outputSha256: string;
	/** Time in onnxruntime's session.run, summed over the case's model runs (ms). */
	latencyMs: number;
	/** Time reading, decoding and preprocessing the DICOM files into the input tensor(s) (ms). */
	preprocessMs: number;
	/**
	 * Peak resident set size sampled during the task (before, after preprocessing, after the model).
	 * Worker threads share their process, so this is the process's RSS, not the thread's alone.
	 */
	memoryPeakBytes: number;
}

export interface InferencePoolStats {
	threads: number;
	queued: number;
	/** Tasks settled, whether they succeeded or failed. */
	completed: number;
	/** Of those, how many were rejected. Always set by createInferencePool. */
	failed?: number;
}

export interface InferencePool {
	run(task: InferenceTask): Promise<InferenceOutput>;
	stats(): InferencePoolStats;
	close(): Promise<void>;
}
