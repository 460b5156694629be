// The viewports the workstation shows for a case: the hanging layout's, or — a case no hanging
// protocol applies to — one viewport holding every image as one stack, exactly as before.
import type { ReadingView } from '$lib/domain/reading-view';
import type { Presentation } from './stack-viewer';

export interface Pane {
	label: string;
	prior: boolean;
	/** 0-based positions in the case's image list, in stack order. */
	images: number[];
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
				presentation: { flip: false, align: 'centre' },
				seriesSelector: false
			}
		];
	return view.hanging.viewports.map((viewport) => ({
		label: viewport.label,
		prior: viewport.prior,
		images: viewport.images,
		presentation: { flip: viewport.flip, align: viewport.align },
		seriesSelector: viewport.seriesSelector
	}));
}

/** The URLs of a pane's stack. */
export function paneUrls(view: ReadingView, images: readonly number[]): string[] {
	return images.flatMap((index) => (view.images[index] ? [view.images[index]] : []));
}

/** The case image (1-based, as marks keep it) a pane shows at this 0-based stack index. */
export function caseImage(pane: Pane | undefined, stackIndex: number): number {
	return (pane?.images[stackIndex] ?? stackIndex) + 1;
}
