// Viewports of a Cornerstone rendering engine without WebGL, for specs of code that links
// viewports through @cornerstonejs/tools (synchronizers): an engine registered in core's own
// engine registry whose viewports are plain elements that count their event listeners.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface EngineRegistry {
	set(engine: { id: string }): void;
	delete(id: string): boolean;
}

/** An element that knows how many listeners of each event type it holds. */
export class CountingElement extends EventTarget {
	private readonly counts = new Map<string, number>();

	override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
		super.addEventListener(...args);
		this.counts.set(args[0], (this.counts.get(args[0]) ?? 0) + 1);
	}

	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
		super.removeEventListener(...args);
		this.counts.set(args[0], Math.max(0, (this.counts.get(args[0]) ?? 0) - 1));
	}

	/** Listeners of `type` added and not removed (a listener added twice counts twice). */
	listeners(type: string): number {
		return this.counts.get(type) ?? 0;
	}
}

async function engineRegistry(): Promise<EngineRegistry> {
	// The registry is internal to @cornerstonejs/core (not in its exports): loaded by file URL, so
	// it is the very module instance core's getRenderingEngine reads.
	const require = createRequire(import.meta.url);
	const core = require.resolve('@cornerstonejs/core');
	const registry = new URL('./RenderingEngine/renderingEngineCache.js', pathToFileURL(core));
	return ((await import(registry.href)) as { default: EngineRegistry }).default;
}

/** Registers an engine `engineId` with these viewports; returns their elements and an undo. */
export async function fakeEngine(
	engineId: string,
	viewportIds: readonly string[]
): Promise<{ elements: Map<string, CountingElement>; remove: () => void }> {
	const registry = await engineRegistry();
	const elements = new Map(viewportIds.map((id) => [id, new CountingElement()]));
	registry.set({
		id: engineId,
		getViewport: (id: string) => (elements.has(id) ? { id, element: elements.get(id) } : undefined)
	} as { id: string });
	return { elements, remove: () => void registry.delete(engineId) };
}
