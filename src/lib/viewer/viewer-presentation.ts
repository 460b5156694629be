// How a hanging protocol shows a viewport's images: mirrored (the camera's flip, never the
// pixels') and pinned to one edge, the chest wall of a mammogram. Applied after each fit or reset
// and when the viewport changes size (stack-viewer.ts).
import type { Types } from '@cornerstonejs/core';

/** How a hanging protocol shows a viewport's images: mirrored, pinned to one edge (the chest wall). */
export interface Presentation {
	flip: boolean;
	align: 'left' | 'right' | 'centre';
}

export const NO_PRESENTATION: Presentation = { flip: false, align: 'centre' };

/** What placing the image needs of the viewer: its viewport and the image's place on the canvas. */
export interface Presented {
	viewport: Types.IStackViewport;
	imageSize(): { columns: number; rows: number } | null;
	/** Pixel position (0-based column/row, pixel centres on integers) → canvas CSS pixels. */
	imageToCanvas(x: number, y: number): [number, number] | null;
}

/**
 * The hanging protocol's flip (the camera's, never the pixels') and alignment: the image moved
 * sideways until its edge on that side touches the viewport's edge.
 */
export function applyPresentation(shown: Presented, presentation: Presentation): void {
	if (presentation.flip) shown.viewport.setCamera({ flipHorizontal: true });
	alignImage(shown, presentation);
}

/** Pan (canvas pixels) until the image's edge on the chosen side touches the viewport's. */
export function alignImage(shown: Presented, { align }: Presentation): void {
	if (align === 'centre') return;
	const { viewport } = shown;
	const span = imageSpan(shown);
	const width = viewport.element.clientWidth;
	if (!span || width === 0) return;
	const shift = align === 'left' ? -span[0] : width - span[1];
	if (Math.abs(shift) < 1) return;
	const [panX, panY] = viewport.getPan();
	viewport.setPan([panX + shift, panY]);
	const moved = imageSpan(shown);
	// Should the pan's direction differ with the camera (flipped or not): move the other way.
	if (moved && Math.sign(moved[0] - span[0]) !== Math.sign(shift))
		viewport.setPan([panX - shift, panY]);
}

/** The displayed image's left and right edge in canvas CSS pixels. */
export function imageSpan(shown: Presented): [number, number] | null {
	const size = shown.imageSize();
	if (!size) return null;
	const left = shown.imageToCanvas(-0.5, -0.5);
	const right = shown.imageToCanvas(size.columns - 0.5, -0.5);
	if (!left || !right) return null;
	return [Math.min(left[0], right[0]), Math.max(left[0], right[0])];
}
