// Cornerstone3D, initialised once per page load in the browser (conventions §8). Imported only
// from the workstation's onMount, never on the server: the libraries touch WebGL and workers.
import type * as CoreModule from '@cornerstonejs/core';
import type * as ToolsModule from '@cornerstonejs/tools';
import type * as LoaderModule from '@cornerstonejs/dicom-image-loader';
import { measurementToolClasses } from './measurement-tools';
import { inflatePart10 } from './deflated-part10';
import { provideVoiLutFunction } from './voi-lut-function';

export interface Cornerstone {
	core: typeof CoreModule;
	tools: typeof ToolsModule;
	loader: typeof LoaderModule;
}

/** Tools of the reading workstation; bound to buttons per viewport in stack-viewer.ts. */
export const TOOL_NAMES = ['WindowLevel', 'Zoom', 'Pan', 'StackScroll'] as const;

let ready: Promise<Cornerstone> | null = null;

export function loadCornerstone(): Promise<Cornerstone> {
	ready ??= initialise().catch((error: unknown) => {
		ready = null; // let a later visit try again
		throw error;
	});
	return ready;
}

async function initialise(): Promise<Cornerstone> {
	const [core, tools, loader] = await Promise.all([
		import('@cornerstonejs/core'),
		import('@cornerstonejs/tools'),
		import('@cornerstonejs/dicom-image-loader')
	]);
	core.init();
	provideVoiLutFunction(core);
	// wadouri: the DICOM Part-10 file exactly as served; uncompressed pixels are used as stored. A
	// deflated file is inflated in memory first (the loader's parser cannot; deflated-part10.ts).
	loader.init({
		maxWebWorkers: Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)),
		beforeProcessing: async (xhr: XMLHttpRequest) => {
			const served = new Uint8Array(xhr.response as ArrayBuffer);
			const bytes = await inflatePart10(served);
			return bytes === served ? (xhr.response as ArrayBuffer) : (bytes.buffer as ArrayBuffer);
		}
	});
	tools.init();
	for (const tool of [tools.WindowLevelTool, tools.ZoomTool, tools.PanTool, tools.StackScrollTool])
		tools.addTool(tool);
	for (const tool of measurementToolClasses(tools)) tools.addTool(tool);
	return { core, tools, loader };
}

/** The loader's id for an image URL of this app (wadouri, resolved against the page). */
export function imageIdFor(url: string): string {
	return `wadouri:${new URL(url, window.location.href).href}`;
}
