// What a stack viewport reports to the page: the Cornerstone events of its element (an image
// drawn, another image of the stack, window/level, camera) and an image of its stack that could
// not be loaded or decoded (an event of the loader, page-wide), as calls of a ViewerListener.
import type { Types } from '@cornerstonejs/core';
import type { Cornerstone } from './cornerstone';
import type { Measurement } from '$lib/domain/measurement';

export interface DisplayWindow {
	center: number;
	width: number;
}

/** What the viewer reports; indexes are 0-based positions in the stack. */
export interface ViewerListener {
	/** An image of the current case was drawn on the canvas. */
	rendered(imageIndex: number): void;
	newImage(imageIndex: number): void;
	/** `inverted` (relative to the image's default) when the event says, else undefined. */
	voi(window: DisplayWindow, inverted: boolean | undefined): void;
	camera(zoom: number): void;
	/** A measurement was drawn on the image at this position (measurement-tools.ts). */
	measured(imageIndex: number, measurement: Measurement): void;
	/** The image at this position could not be loaded or decoded; `reason` is short, maybe empty. */
	failed(imageIndex: number, reason: string): void;
}

/** Listens to the viewport's events until the returned function is called. */
export function listen(
	cornerstone: Cornerstone,
	element: HTMLDivElement,
	viewport: Types.IStackViewport,
	listener: ViewerListener,
	stack: () => string[],
	defaultInvert: () => boolean
): () => void {
	const { Events } = cornerstone.core.Enums;
	const { toWindowLevel } = cornerstone.core.utilities.windowLevel;
	const inStack = () => stack().includes(viewport.getCurrentImageId());
	// The viewport also renders before any image has arrived (an empty frame); only a frame that
	// drew an image of the current stack counts as rendered.
	const imageDrawn = () => {
		const image = viewport.getCornerstoneImage();
		return image !== undefined && image !== null && stack().includes(image.imageId);
	};
	const handlers: Array<[string, (event: Event) => void]> = [
		[
			Events.IMAGE_RENDERED,
			() => imageDrawn() && listener.rendered(viewport.getCurrentImageIdIndex())
		],
		[
			Events.STACK_NEW_IMAGE,
			() => inStack() && listener.newImage(viewport.getCurrentImageIdIndex())
		],
		[
			Events.VOI_MODIFIED,
			(event) => {
				const { range, invert } = (
					event as CustomEvent<{ range?: { lower: number; upper: number }; invert?: boolean }>
				).detail;
				if (!range || !inStack()) return;
				const { windowCenter, windowWidth } = toWindowLevel(range.lower, range.upper);
				listener.voi(
					{ center: Math.round(windowCenter), width: Math.round(windowWidth) },
					invert === undefined ? undefined : invert !== defaultInvert()
				);
			}
		],
		[Events.CAMERA_MODIFIED, () => inStack() && listener.camera(viewport.getZoom())]
	];
	for (const [type, handler] of handlers) element.addEventListener(type, handler);
	const stopFailures = listenForFailures(cornerstone, listener, stack);
	return () => {
		for (const [type, handler] of handlers) element.removeEventListener(type, handler);
		stopFailures();
	};
}

/**
 * A stack viewport that cannot load an image says so page-wide (IMAGE_LOAD_ERROR on the core's
 * event target, naming the image); the viewer whose stack holds it reports it.
 */
function listenForFailures(
	cornerstone: Cornerstone,
	listener: ViewerListener,
	stack: () => string[]
): () => void {
	const { eventTarget, Enums } = cornerstone.core;
	const failed = (event: Event) => {
		const detail = (event as CustomEvent<{ imageId?: unknown; error?: unknown } | null>).detail;
		const index = typeof detail?.imageId === 'string' ? stack().indexOf(detail.imageId) : -1;
		if (index >= 0) listener.failed(index, failureReason(detail?.error));
	};
	eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, failed);
	return () => eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, failed);
}

/** A loader's rejection in a few words: an HTTP status (the request is rejected with), or a message. */
export function failureReason(error: unknown): string {
	if (error instanceof Error) return error.message;
	if (typeof error === 'object' && error !== null) {
		const { status, message } = error as { status?: unknown; message?: unknown };
		if (typeof status === 'number' && status > 0) return `HTTP ${status}`;
		if (typeof message === 'string') return message;
	}
	return typeof error === 'string' ? error : '';
}
