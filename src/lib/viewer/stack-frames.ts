// A case's stack: one slice per frame. A single-frame image is one slice (its URL as served); a
// multi-frame image gives one slice per frame, its URL with `?frame=N` (1-based), which the
// wadouri loader takes off before fetching, so the file is fetched once for all its frames.

export interface StackSlice {
	/** The image (1-based, within the case). */
	image: number;
	/** The frame (1-based) of a multi-frame image; null for a single-frame image. */
	frame: number | null;
	/** What the viewer loads. */
	url: string;
}

/** The slices of a case's images, in image then frame order; `frames[i]` is image i + 1's frame count. */
export function stackSlices(images: readonly string[], frames: readonly number[]): StackSlice[] {
	return images.flatMap((url, index): StackSlice[] => {
		const count = frames[index] ?? 1;
		if (count <= 1) return [{ image: index + 1, frame: null, url }];
		const join = url.includes('?') ? '&' : '?';
		return Array.from({ length: count }, (_, frame) => ({
			image: index + 1,
			frame: frame + 1,
			url: `${url}${join}frame=${frame + 1}`
		}));
	});
}

/** Whether something placed on (image, frame) belongs on this slice; no frame means the first. */
export function onSlice(
	slice: StackSlice | undefined,
	image: number,
	frame: number | undefined
): boolean {
	return slice !== undefined && slice.image === image && (slice.frame ?? 1) === (frame ?? 1);
}

/**
 * The AI's 1-based image index of (image, frame): the AI scores each frame of a multi-frame file
 * as an image of its own, in image then frame order (server/ai/inference/dicom-pixels.ts).
 */
export function aiImageIndex(
	frames: readonly number[],
	image: number,
	frame: number | null
): number {
	let before = 0;
	for (let index = 0; index < image - 1; index++) before += Math.max(1, frames[index] ?? 1);
	return before + (frame ?? 1);
}
