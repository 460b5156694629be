// The measurement tools of the reading workstation: Cornerstone's Length, EllipticalROI,
// RectangleROI and Angle tools draw, the Magnify tool magnifies, and the cine utility plays a
// stack. A drawing, once completed, becomes a Measurement computed by buildMeasurement from its
// points in image pixel coordinates, the header's pixel spacing and the pixels after the Modality
// LUT — never from Cornerstone's own text — and the Cornerstone annotation is removed: the
// workstation shows the stored measurements itself (measurement-overlay.svelte). Everything here
// works on a tool group, so it applies to every viewport the group holds.
import type { Types } from '@cornerstonejs/core';
import type { Cornerstone } from './cornerstone';
import { buildMeasurement, type Measurement, type MeasurementKind } from '$lib/domain/measurement';
import { isHounsfield, spacingFrom, type Point } from '$lib/domain/measurement-math';

/** What the reader's left button does: window/level (the default), a measurement, the magnifier. */
export type PrimaryTool = 'windowlevel' | MeasurementKind | 'magnify';

export const PRIMARY_TOOLS: readonly PrimaryTool[] = [
	'windowlevel',
	'length',
	'ellipse',
	'rectangle',
	'angle',
	'magnify'
];

type Tools = Cornerstone['tools'];
type ToolGroup = NonNullable<ReturnType<Tools['ToolGroupManager']['getToolGroup']>>;

/** The Cornerstone tool classes this module adds (cornerstone.ts registers them once). */
export function measurementToolClasses(tools: Tools) {
	return [
		tools.LengthTool,
		tools.EllipticalROITool,
		tools.RectangleROITool,
		tools.AngleTool,
		tools.MagnifyTool
	];
}

function toolName(tools: Tools, tool: PrimaryTool): string {
	const names: Record<PrimaryTool, string> = {
		windowlevel: tools.WindowLevelTool.toolName,
		length: tools.LengthTool.toolName,
		ellipse: tools.EllipticalROITool.toolName,
		rectangle: tools.RectangleROITool.toolName,
		angle: tools.AngleTool.toolName,
		magnify: tools.MagnifyTool.toolName
	};
	return names[tool];
}

function kindOf(tools: Tools, name: string): MeasurementKind | null {
	if (name === tools.LengthTool.toolName) return 'length';
	if (name === tools.EllipticalROITool.toolName) return 'ellipse';
	if (name === tools.RectangleROITool.toolName) return 'rectangle';
	if (name === tools.AngleTool.toolName) return 'angle';
	return null;
}

/** Adds the measurement tools to a tool group, passive until chosen. */
export function addMeasurementTools(tools: Tools, group: ToolGroup): void {
	for (const tool of measurementToolClasses(tools)) {
		group.addTool(tool.toolName);
		group.setToolPassive(tool.toolName);
	}
}

/** The one way the left button's tool changes: the chosen tool active on it, the others passive. */
export function setPrimaryTool(tools: Tools, group: ToolGroup, tool: PrimaryTool): void {
	const primary = [{ mouseButton: tools.Enums.MouseBindings.Primary }];
	for (const other of PRIMARY_TOOLS)
		if (other !== tool)
			group.setToolPassive(toolName(tools, other), { removeAllBindings: primary });
	group.setToolActive(toolName(tools, tool), { bindings: primary });
}

export interface MeasuredListener {
	/** A drawing on the image at this 0-based stack position was completed and measured. */
	measured(imageIndex: number, measurement: Measurement): void;
}

/**
 * Listens for completed drawings of the given stack (`imageIds()`): each is measured, reported
 * and its annotation removed. Returns the function that stops listening.
 */
export function listenForMeasurements(
	cornerstone: Cornerstone,
	imageIds: () => string[],
	listener: MeasuredListener
): () => void {
	const { core, tools } = cornerstone;
	const onCompleted = (event: Event) => {
		const { annotation } = (event as CustomEvent<{ annotation: AnnotationLike }>).detail;
		const kind = kindOf(tools, annotation.metadata.toolName);
		const imageId = annotation.metadata.referencedImageId;
		const index = imageId ? imageIds().indexOf(imageId) : -1;
		if (annotation.annotationUID)
			setTimeout(() => {
				tools.annotation.state.removeAnnotation(annotation.annotationUID!);
				tools.utilities.triggerAnnotationRenderForToolGroupIds(
					tools.ToolGroupManager.getAllToolGroups().map((group) => group.id)
				);
			}, 0);
		if (!kind || !imageId || index < 0) return;
		const measurement = measure(cornerstone, kind, imageId, index + 1, annotation);
		if (measurement) listener.measured(index, measurement);
	};
	const type = tools.Enums.Events.ANNOTATION_COMPLETED;
	core.eventTarget.addEventListener(type, onCompleted);
	return () => core.eventTarget.removeEventListener(type, onCompleted);
}

interface AnnotationLike {
	annotationUID?: string;
	metadata: { toolName: string; referencedImageId?: string };
	data: { handles: { points: Types.Point3[] } };
}

function measure(
	{ core, loader }: Cornerstone,
	kind: MeasurementKind,
	imageId: string,
	image: number,
	annotation: AnnotationLike
): Measurement | null {
	const cornerstoneImage = core.cache.getImage(imageId);
	if (!cornerstoneImage) return null;
	const { columns, rows } = cornerstoneImage;
	const clamp = (value: number, size: number) => Math.min(Math.max(value, 0), size - 1);
	const points = annotation.data.handles.points.map((world): Point => {
		const [x, y] = core.utilities.worldToImageCoords(imageId, world) ?? [0, 0];
		// Cornerstone's image coordinates put pixel centres at +0.5; ours on integers.
		return [clamp(x - 0.5, columns), clamp(y - 0.5, rows)];
	});
	const header = headerOf(loader, imageId, (cornerstoneImage as { data?: unknown }).data);
	// Pixels the loader has already put through the Modality LUT are taken as they are.
	const scaled = cornerstoneImage.preScale?.scaled === true;
	const geometry = {
		spacing: spacingFrom({
			pixelSpacing: header.numbers('PixelSpacing'),
			imagerPixelSpacing: header.numbers('ImagerPixelSpacing')
		}),
		hounsfield: isHounsfield(header.text('Modality'), header.text('RescaleType')),
		grid: {
			columns,
			rows,
			values: cornerstoneImage.getPixelData() as ArrayLike<number>,
			slope: scaled ? 1 : (cornerstoneImage.slope ?? 1),
			intercept: scaled ? 0 : (cornerstoneImage.intercept ?? 0)
		}
	};
	const corners = (all: Point[]): Point[] => [
		[Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1]))],
		[Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))]
	];
	const shaped = kind === 'ellipse' || kind === 'rectangle' ? corners(points) : points;
	return buildMeasurement(kind, { image }, shaped, geometry);
}

const TAGS = {
	PixelSpacing: 'x00280030',
	ImagerPixelSpacing: 'x00181164',
	Modality: 'x00080060',
	RescaleType: 'x00281054'
} as const;
type Tag = keyof typeof TAGS;

interface Header {
	numbers(name: Tag): number[] | null;
	text(name: Tag): string | null;
}

/**
 * The image's header as the loader kept it: a dicom-parser data set (image.data, or the wadouri
 * data-set cache), or the naturalized instance of the metadata module (image.data), by keyword.
 */
function headerOf(loader: Cornerstone['loader'], imageId: string, data: unknown): Header {
	type Parsed = { string(tag: string): string | undefined };
	const parsed =
		data && typeof (data as Parsed).string === 'function'
			? (data as Parsed)
			: (loader.wadouri.dataSetCacheManager.get(imageId.replace(/^wadouri:/, '')) as
					Parsed | undefined);
	const natural =
		!parsed && data && typeof data === 'object' ? (data as Record<string, unknown>) : null;
	const text = (name: Tag): string | null => {
		if (parsed) return parsed.string(TAGS[name]) ?? null;
		const value = natural?.[name];
		if (Array.isArray(value)) return value.map(String).join('\\');
		return value === undefined || value === null ? null : String(value);
	};
	return {
		text,
		numbers: (name) => text(name)?.split('\\').map(Number) ?? null
	};
}

/** Plays the stack in the element at `framesPerSecond`, or stops it. */
export function cine(
	{ tools }: Cornerstone,
	element: HTMLDivElement,
	framesPerSecond: number | null
): void {
	if (framesPerSecond === null) tools.utilities.cine.stopClip(element);
	else tools.utilities.cine.playClip(element, { framesPerSecond, loop: true });
}
