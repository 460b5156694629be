// One Cornerstone stack viewport with the reading tools (viewer-tool-group.ts), reporting its
// events to the page (viewer-listen.ts), showing a hung case's images mirrored and pinned to the
// chest wall where declared (viewer-presentation.ts). Created when the workstation
// mounts, reused from case to case (only the stack changes), destroyed when the page is left.
// Pixels are displayed as stored (the wadouri loader decodes every transfer syntax in its worker),
// no resampling of the data, only the display's window/level. A multi-frame image is one stack
// entry per frame (`?frame=N`, stack-frames.ts). MONOCHROME1 is shown inverted (the loader's and
// the viewport's default); `inverted` here means inverted relative to that default.
import type { Types } from '@cornerstonejs/core';
import { imageIdFor, type Cornerstone } from './cornerstone';
import { invertedByDefault, showDefaultDisplay } from './default-display';
import { cine, listenForMeasurements, type PrimaryTool } from './measurement-tools';
import {
	alignImage,
	applyPresentation,
	NO_PRESENTATION,
	type Presentation
} from './viewer-presentation';
import { bindTools, destroyTools, ENGINE_ID, primaryTool, unbindTools } from './viewer-tool-group';
import { listen, type DisplayWindow, type ViewerListener } from './viewer-listen';

export type { Presentation } from './viewer-presentation';
export type { DisplayWindow, ViewerListener } from './viewer-listen';
export { ENGINE_ID } from './viewer-tool-group';

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
	/** The current image's pixel spacing in mm (row, column), if its header gives one. */
	pixelSpacing(): { row: number; column: number } | null;
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

const VIEWPORT_ID = 'tandem-stack';

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

class CornerstoneStack implements StackViewer {
	private readonly engine: InstanceType<Cornerstone['core']['RenderingEngine']>;
	/** The Cornerstone viewport (the presentation module moves its camera). */
	readonly viewport: Types.IStackViewport;
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
		// An image that could not be loaded has been reported (viewer-listen.ts): nothing to fit.
		if (mine !== this.generation || !this.imageDrawn()) return;
		this.resetDisplay();
		this.viewport.resetCamera();
		applyPresentation(this, this.presentation);
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
		applyPresentation(this, this.presentation);
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

	pixelSpacing(): { row: number; column: number } | null {
		const id = this.currentImageId();
		const plane = id
			? (this.cornerstone.core.metaData.get('imagePlaneModule', id) as
					{ rowPixelSpacing?: number | null; columnPixelSpacing?: number | null } | undefined)
			: undefined;
		const [row, column] = [plane?.rowPixelSpacing, plane?.columnPixelSpacing];
		return typeof row === 'number' && typeof column === 'number' && row > 0 && column > 0
			? { row, column }
			: null;
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
		primaryTool(this.cornerstone, tool);
	}

	cine(framesPerSecond: number | null): void {
		if (framesPerSecond === null || this.stack.length > 1)
			cine(this.cornerstone, this.element, framesPerSecond);
	}

	resize(): void {
		this.engine.resize(true, true);
		// A hung image stays pinned to its chest wall when the viewport changes size.
		if (this.presentation.align !== 'centre' && this.imageSize()) {
			alignImage(this, this.presentation);
			this.viewport.render();
		}
	}

	destroy(): void {
		this.generation += 1;
		this.cine(null);
		this.detach();
		this.detachMeasurements();
		unbindTools(this.cornerstone, this.viewportId);
		this.engine.disableElement(this.viewportId);
		// The last viewport of the page takes the engine and the tool group with it.
		if (this.engine.getViewports().length === 0) {
			destroyTools(this.cornerstone);
			this.engine.destroy();
		}
	}

	/** Whether the viewport holds an image of the current stack (it does once one has loaded). */
	private imageDrawn(): boolean {
		const image = this.viewport.getCornerstoneImage();
		return image !== undefined && image !== null && this.stack.includes(image.imageId);
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
