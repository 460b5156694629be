// The viewports the workstation shows for a case: the hanging layout's, or — a case no hanging
// protocol applies to — one viewport holding every image as one stack, exactly as before.
import type { ReadingView } from '$lib/domain/reading-view';
import type { Presentation } from './stack-viewer';
import { stackSlices, type StackSlice } from './stack-frames';

export interface Pane {
	label: string;
	prior: boolean;
	/** 0-based positions in the case's image list, in stack order. */
	images: number[];
	/** The pane's stack: one slice per frame of its images (stack-frames.ts). */
	slices: StackSlice[];
	presentation: Presentation;
	seriesSelector: boolean;
}

export function panesOf(view: ReadingView): Pane[] {
	if (!view.hanging)
		return [
			{
				label: '',
				prior: false,
				images: view.images.map((_, index) => index),
				slices: paneSlices(
					view,
					view.images.map((_, index) => index)
				),
				presentation: { flip: false, align: 'centre' },
				seriesSelector: false
			}
		];
	return view.hanging.viewports.map((viewport) => ({
		label: viewport.label,
		prior: viewport.prior,
		images: viewport.images,
		slices: paneSlices(view, viewport.images),
		presentation: { flip: viewport.flip, align: viewport.align },
		seriesSelector: viewport.seriesSelector
	}));
}

/** The stack of these case images (0-based positions): each image's frames, in order. */
export function paneSlices(view: ReadingView, images: readonly number[]): StackSlice[] {
	const slices = stackSlices(view.images, view.frames);
	return images.flatMap((index) => slices.filter((slice) => slice.image === index + 1));
}

/** The slice (case image, 1-based as marks keep it, and frame) a pane shows at this stack index. */
export function sliceAt(pane: Pane | undefined, stackIndex: number): StackSlice {
	return pane?.slices[stackIndex] ?? { image: stackIndex + 1, frame: null, url: '' };
}

/** The case image (1-based, as marks keep it) a pane shows at this 0-based stack index. */
export function caseImage(pane: Pane | undefined, stackIndex: number): number {
	return sliceAt(pane, stackIndex).image;
}
