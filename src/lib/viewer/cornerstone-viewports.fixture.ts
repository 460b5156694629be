// Viewports of a Cornerstone rendering engine without WebGL, for specs of code that links
// viewports through @cornerstonejs/tools (synchronizers): an engine registered in core's own
// engine registry whose viewports are plain elements that count their event listeners.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

interface EngineRegistry {
	set(engine: { id: string }): void;
	delete(id: string): boolean;
}

/**
 * An element that knows which listeners of each event type it holds: as an EventTarget keeps
 * them, a listener added twice is held once and removing one it does not hold changes nothing.
 */
export class CountingElement extends EventTarget {
	private readonly held_ = new Map<string, Set<unknown>>();

	override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
		super.addEventListener(...args);
		const [type, listener] = args;
		if (!this.held_.has(type)) this.held_.set(type, new Set());
		this.held_.get(type)!.add(listener);
	}

	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
		super.removeEventListener(...args);
		this.held_.get(args[0])?.delete(args[1]);
	}

	/** Listeners of `type` added and not removed. */
	listeners(type: string): number {
		return this.held_.get(type)?.size ?? 0;
	}

	/** The event types it still holds listeners of, with their counts. */
	held(): Record<string, number> {
		return Object.fromEntries(
			[...this.held_].map(([type, set]) => [type, set.size]).filter(([, count]) => count !== 0)
		);
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
