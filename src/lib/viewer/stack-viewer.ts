// One Cornerstone stack viewport with the reading tools: window/level (left drag), zoom (right
// drag, Ctrl + wheel), pan (middle drag), slice scroll (wheel). Created when the workstation
// mounts, reused from case to case (only the stack changes), destroyed when the page is left.
// Pixels are displayed as stored (the wadouri loader decodes every transfer syntax in its worker),
// no resampling of the data, only the display's window/level. A multi-frame image is one stack
// entry per frame (`?frame=N`, stack-frames.ts). MONOCHROME1 is shown inverted (the loader's and
// the viewport's default); `inverted` here means inverted relative to that default.
import type { Types } from '@cornerstonejs/core';
import { imageIdFor, type Cornerstone } from './cornerstone';
import type { Measurement } from '$lib/domain/measurement';
import { invertedByDefault, showDefaultDisplay } from './default-display';
import {
	addMeasurementTools,
	cine,
	listenForMeasurements,
	setPrimaryTool,
	type PrimaryTool
} from './measurement-tools';

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
}

/** How a hanging protocol shows a viewport's images: mirrored, pinned to one edge (the chest wall). */
export interface Presentation {
	flip: boolean;
	align: 'left' | 'right' | 'centre';
}

export interface StackViewer {
	/** The Cornerstone viewport's id (one per viewport of the layout). */
	readonly viewportId: string;
	/** Flip and alignment for what is shown next and after each fit or reset. */
	present(presentation: Presentation): void;
	/** Shows a case's images (URLs); resolves once the stack is set. */
	show(urls: string[]): Promise<void>;
	/** Loads images into the cache ahead of time (the next case). */
	prefetch(urls: string[]): Promise<void>;
	/** Drops images from the cache (a case already read). */
	release(urls: string[]): void;
	setWindow(window: DisplayWindow): void;
	/** The window stored in the current image's DICOM header, if any. */
	dicomWindow(): DisplayWindow | null;
	toggleInvert(): boolean;
	reset(): void;
	fit(): void;
	scroll(delta: number): void;
	/** Shows the image at this 0-based position of the current stack. */
	setImage(index: number): Promise<void>;
	/** Zoom (1 = fitted) and pan (world units) of the view. */
	camera(): { zoom: number; pan: [number, number] };
	setCamera(zoom: number, pan: [number, number]): void;
	imageIndex(): number;
	imageCount(): number;
	imageSize(): { columns: number; rows: number } | null;
	/** Pixel position (0-based column/row, pixel centres on integers) → canvas CSS pixels. */
	imageToCanvas(x: number, y: number): [number, number] | null;
	canvasToImage(canvasX: number, canvasY: number): [number, number] | null;
	/** What the left button does: window/level, a measurement tool or the magnifier. */
	setPrimaryTool(tool: PrimaryTool): void;
	/** Plays the stack at this frame rate, or stops (null). */
	cine(framesPerSecond: number | null): void;
	resize(): void;
	destroy(): void;
}

export const ENGINE_ID = 'tandem-reading';
const VIEWPORT_ID = 'tandem-stack';
const TOOL_GROUP_ID = 'tandem-reading-tools';

/**
 * The viewport of `slot` (0 when the case is not hung: the one viewport) in the page's one
 * rendering engine, in the one tool group every viewport of the layout shares.
 */
export function createStackViewer(
	cornerstone: Cornerstone,
	element: HTMLDivElement,
	listener: ViewerListener,
	slot = 0
): StackViewer {
	return new CornerstoneStack(
		cornerstone,
		element,
		listener,
		slot === 0 ? VIEWPORT_ID : `${VIEWPORT_ID}-${slot}`
	);
}

const NO_PRESENTATION: Presentation = { flip: false, align: 'centre' };

class CornerstoneStack implements StackViewer {
	private readonly engine: InstanceType<Cornerstone['core']['RenderingEngine']>;
	private readonly viewport: Types.IStackViewport;
	private readonly detach: () => void;
	private readonly detachMeasurements: () => void;
	private stack: string[] = [];
	private readonly element: HTMLDivElement;
	private generation = 0;
	private presentation = NO_PRESENTATION;

	constructor(
		private readonly cornerstone: Cornerstone,
		element: HTMLDivElement,
		listener: ViewerListener,
		readonly viewportId: string
	) {
		const { core } = cornerstone;
		this.element = element;
		this.engine = core.getRenderingEngine(ENGINE_ID) ?? new core.RenderingEngine(ENGINE_ID);
		if (this.engine.getViewport(viewportId)) this.engine.disableElement(viewportId);
		this.engine.enableElement({
			viewportId,
			element,
			type: core.Enums.ViewportType.STACK,
			defaultOptions: { background: [0, 0, 0] }
		});
		this.viewport = this.engine.getViewport(viewportId) as Types.IStackViewport;
		bindTools(cornerstone, viewportId);
		this.detach = listen(
			cornerstone,
			element,
			this.viewport,
			listener,
			() => this.stack,
			() => this.defaultInvert()
		);
		this.detachMeasurements = listenForMeasurements(cornerstone, () => this.stack, listener);
	}

	present(presentation: Presentation): void {
		this.presentation = presentation;
	}

	async show(urls: string[]): Promise<void> {
		const ids = urls.map(imageIdFor);
		const mine = ++this.generation;
		this.stack = ids;
		await this.viewport.setStack(ids, 0);
		if (mine !== this.generation) return;
		this.resetDisplay();
		this.viewport.resetCamera();
		this.applyPresentation();
		this.viewport.render();
	}

	/** The image's default display: its own VOI, and MONOCHROME1 inverted (default-display.ts). */
	private resetDisplay(): void {
		showDefaultDisplay(this.viewport, this.photometric());
		this.viewport.render();
	}

	async prefetch(urls: string[]): Promise<void> {
		const { imageLoader } = this.cornerstone.core;
		await Promise.allSettled(urls.map((url) => imageLoader.loadAndCacheImage(imageIdFor(url))));
	}

	release(urls: string[]): void {
		const { cache } = this.cornerstone.core;
		for (const id of urls.map(imageIdFor)) {
			if (!this.stack.includes(id) && cache.getImageLoadObject(id))
				cache.removeImageLoadObject(id, { force: true });
		}
	}

	setWindow({ center, width }: DisplayWindow): void {
		this.viewport.setProperties({
			voiRange: this.cornerstone.core.utilities.windowLevel.toLowHighRange(width, center)
		});
		this.viewport.render();
	}

	dicomWindow(): DisplayWindow | null {
		const id = this.currentImageId();
		const module = id
			? (this.cornerstone.core.metaData.get('voiLutModule', id) as
					{ windowCenter?: number | number[]; windowWidth?: number | number[] } | undefined)
			: undefined;
		const center = first(module?.windowCenter);
		const width = first(module?.windowWidth);
		return center !== undefined && width !== undefined && width > 0 ? { center, width } : null;
	}

	toggleInvert(): boolean {
		const invert = !this.viewport.getProperties().invert;
		this.viewport.setProperties({ invert });
		this.viewport.render();
		return invert !== this.defaultInvert();
	}

	/** MONOCHROME1 (high values dark) is displayed inverted unless the reader inverts it. */
	private defaultInvert(): boolean {
		return invertedByDefault(this.photometric());
	}

	private photometric(): string | undefined {
		const id = this.currentImageId();
		const module = id
			? (this.cornerstone.core.metaData.get('imagePixelModule', id) as
					{ photometricInterpretation?: string } | undefined)
			: undefined;
		return module?.photometricInterpretation;
	}

	reset(): void {
		this.resetDisplay();
		this.fit();
	}

	fit(): void {
		this.viewport.resetCamera();
		this.applyPresentation();
		this.viewport.render();
	}

	scroll(delta: number): void {
		if (this.stack.length > 1) this.viewport.scroll(delta);
	}

	async setImage(index: number): Promise<void> {
		if (index >= 0 && index < this.stack.length) await this.viewport.setImageIdIndex(index);
	}

	camera(): { zoom: number; pan: [number, number] } {
		const [x, y] = this.viewport.getPan();
		return { zoom: this.viewport.getZoom(), pan: [x, y] };
	}

	setCamera(zoom: number, pan: [number, number]): void {
		this.viewport.setZoom(zoom);
		this.viewport.setPan(pan);
		this.viewport.render();
	}

	imageIndex(): number {
		return this.viewport.getCurrentImageIdIndex();
	}

	imageCount(): number {
		return this.stack.length;
	}

	imageSize(): { columns: number; rows: number } | null {
		const image = this.viewport.getCornerstoneImage();
		return image ? { columns: image.columns, rows: image.rows } : null;
	}

	imageToCanvas(x: number, y: number): [number, number] | null {
		const id = this.currentImageId();
		const world = id
			? this.cornerstone.core.utilities.imageToWorldCoords(id, [x + 0.5, y + 0.5])
			: undefined;
		return world ? (this.viewport.worldToCanvas(world) as [number, number]) : null;
	}

	canvasToImage(canvasX: number, canvasY: number): [number, number] | null {
		const id = this.currentImageId();
		if (!id) return null;
		const image = this.cornerstone.core.utilities.worldToImageCoords(
			id,
			this.viewport.canvasToWorld([canvasX, canvasY])
		);
		return image ? [image[0] - 0.5, image[1] - 0.5] : null;
	}

	setPrimaryTool(tool: PrimaryTool): void {
		const group = this.cornerstone.tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
		if (group) setPrimaryTool(this.cornerstone.tools, group, tool);
	}

	cine(framesPerSecond: number | null): void {
		if (framesPerSecond === null || this.stack.length > 1)
			cine(this.cornerstone, this.element, framesPerSecond);
	}

	resize(): void {
		this.engine.resize(true, true);
		// A hung image stays pinned to its chest wall when the viewport changes size.
		if (this.presentation.align !== 'centre' && this.imageSize()) {
			this.alignImage();
			this.viewport.render();
		}
	}

	destroy(): void {
		this.generation += 1;
		this.cine(null);
		this.detach();
		this.detachMeasurements();
		const { ToolGroupManager } = this.cornerstone.tools;
		ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.removeViewports(ENGINE_ID, this.viewportId);
		this.engine.disableElement(this.viewportId);
		// The last viewport of the page takes the engine and the tool group with it.
		if (this.engine.getViewports().length === 0) {
			ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
			this.engine.destroy();
		}
	}

	/**
	 * The hanging protocol's flip (the camera's, never the pixels') and alignment: the image moved
	 * sideways until its edge on that side touches the viewport's edge.
	 */
	private applyPresentation(): void {
		if (this.presentation.flip) this.viewport.setCamera({ flipHorizontal: true });
		this.alignImage();
	}

	/** Pan (canvas pixels) until the image's edge on the chosen side touches the viewport's. */
	private alignImage(): void {
		const { align } = this.presentation;
		if (align === 'centre') return;
		const span = this.imageSpan();
		const width = this.viewport.element.clientWidth;
		if (!span || width === 0) return;
		const shift = align === 'left' ? -span[0] : width - span[1];
		if (Math.abs(shift) < 1) return;
		const [panX, panY] = this.viewport.getPan();
		this.viewport.setPan([panX + shift, panY]);
		const moved = this.imageSpan();
		// Should the pan's direction differ with the camera (flipped or not): move the other way.
		if (moved && Math.sign(moved[0] - span[0]) !== Math.sign(shift))
			this.viewport.setPan([panX - shift, panY]);
	}

	/** The displayed image's left and right edge in canvas CSS pixels. */
	private imageSpan(): [number, number] | null {
		const size = this.imageSize();
		if (!size) return null;
		const left = this.imageToCanvas(-0.5, -0.5);
		const right = this.imageToCanvas(size.columns - 0.5, -0.5);
		if (!left || !right) return null;
		return [Math.min(left[0], right[0]), Math.max(left[0], right[0])];
	}

	/** The image on screen, if it belongs to the current case (image-coordinate conversions need it). */
	private currentImageId(): string | null {
		const id = this.viewport.getCurrentImageId();
		return id && this.stack.includes(id) ? id : null;
	}
}

function first(value: number | number[] | undefined): number | undefined {
	const number = Array.isArray(value) ? value[0] : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function bindTools({ tools }: Cornerstone, viewportId: string): void {
	const { MouseBindings, KeyboardBindings } = tools.Enums;
	const existing = tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
	if (existing) {
		existing.addViewport(viewportId, ENGINE_ID);
		return;
	}
	const group = tools.ToolGroupManager.createToolGroup(TOOL_GROUP_ID)!;
	for (const tool of [tools.WindowLevelTool, tools.ZoomTool, tools.PanTool, tools.StackScrollTool])
		group.addTool(tool.toolName);
	addMeasurementTools(tools, group);
	group.addViewport(viewportId, ENGINE_ID);
	group.setToolActive(tools.WindowLevelTool.toolName, {
		bindings: [{ mouseButton: MouseBindings.Primary }]
	});
	group.setToolActive(tools.ZoomTool.toolName, {
		bindings: [
			{ mouseButton: MouseBindings.Secondary },
			{ mouseButton: MouseBindings.Wheel, modifierKey: KeyboardBindings.Ctrl }
		]
	});
	group.setToolActive(tools.PanTool.toolName, {
		bindings: [{ mouseButton: MouseBindings.Auxiliary }]
	});
	group.setToolActive(tools.StackScrollTool.toolName, {
		bindings: [{ mouseButton: MouseBindings.Wheel }]
	});
}

function listen(
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
	return () => {
		for (const [type, handler] of handlers) element.removeEventListener(type, handler);
	};
}
