// The AI's output for one case as the inference worker stores it and the workstation draws it:
// a heatmap and candidate boxes. Shared by the inference pool, the reading view and the overlay.

/**
 * A value grid (row-major, `width` × `height`) covering the whole image named by `image`, or every
 * image of the case when it names none.
 */
export interface AiHeatmap {
	width: number;
	height: number;
	data: number[];
	/** 1-based image of the case the heatmap belongs to. */
	image?: number;
}

/** A candidate finding, in the original pixels of one image. */
export interface AiBox {
	/** 1-based index of the image in the case. */
	image: number;
	/** Original image pixel coordinates: left, top, width, height. */
	x: number;
	y: number;
	width: number;
	height: number;
	score: number;
}

/**
 * The candidates the model reports as findings: those scoring at or above its threshold. The
 * stored output also keeps the top candidate of a negative case (for FROC analysis); a reader is
 * never shown that one, as a box on a negative case reads as a finding.
 */
export function reportedBoxes(boxes: readonly AiBox[], threshold: number): AiBox[] {
	return boxes.filter((box) => box.score >= threshold);
}
