// The properties a hanging protocol synchronises between the viewports of a layout, through
// Cornerstone's synchronizers: window/level (VOI), zoom and pan (camera), scroll (image index).
import type { Synchronised } from '$lib/design/protocol/hanging-protocol.schema';
import type { Types } from '@cornerstonejs/core';
import type { Cornerstone } from './cornerstone';
import { ENGINE_ID } from './stack-viewer';

let counter = 0;

/** Links the viewports for each property listed; returns what undoes it. */
export function synchroniseViewports(
	{ core, tools }: Cornerstone,
	viewportIds: readonly string[],
	properties: readonly Synchronised[]
): () => void {
	if (viewportIds.length < 2 || properties.length === 0) return () => {};
	const { SynchronizerManager, synchronizers } = tools;
	const made: string[] = [];
	const name = (what: string) => {
		const id = `tandem-${what}-${++counter}`;
		made.push(id);
		return id;
	};
	const add = <
		T extends { add: (viewport: { renderingEngineId: string; viewportId: string }) => void }
	>(
		sync: T
	): T => {
		withoutDisableHandlers(sync);
		for (const viewportId of viewportIds) sync.add({ renderingEngineId: ENGINE_ID, viewportId });
		return sync;
	};
	if (properties.includes('window'))
		add(
			synchronizers.createVOISynchronizer(name('window'), {
				syncInvertState: false,
				syncColormap: false
			})
		);
	const zoom = properties.includes('zoom');
	const pan = properties.includes('pan');
	if (zoom || pan) {
		const camera = add(synchronizers.createZoomPanSynchronizer(name('camera')));
		for (const viewportId of viewportIds)
			camera.setOptions(viewportId, { syncZoom: zoom, syncPan: pan });
	}
	if (properties.includes('scroll')) {
		const engine = () => core.getRenderingEngine(ENGINE_ID);
		add(
			SynchronizerManager.createSynchronizer(
				name('scroll'),
				core.Enums.Events.STACK_NEW_IMAGE,
				(_sync, source, target) => {
					const from = engine()?.getViewport(source.viewportId) as Types.IStackViewport | undefined;
					const to = engine()?.getViewport(target.viewportId) as Types.IStackViewport | undefined;
					if (!from || !to) return;
					const index = Math.min(from.getCurrentImageIdIndex(), to.getImageIds().length - 1);
					if (index >= 0 && index !== to.getCurrentImageIdIndex()) void to.setImageIdIndex(index);
				}
			)
		);
	}
	return () => {
		for (const id of made) {
			const sync = SynchronizerManager.getSynchronizer(id);
			if (sync) unlink(sync);
			SynchronizerManager.destroySynchronizer(id);
		}
	};
}

interface Linked {
	getSourceViewports(): Array<{ renderingEngineId: string; viewportId: string }>;
	getTargetViewports(): Array<{ renderingEngineId: string; viewportId: string }>;
	remove(viewport: { renderingEngineId: string; viewportId: string }): void;
}

/**
 * Takes every viewport out of a synchronizer. Cornerstone's own destroy() removes them while
 * iterating the same array, so it skips every other one: with four viewports two stayed linked
 * and listening, one more synchronizer per case read, until each window or camera change
 * cascaded through all of them and the page froze after some ten mammography cases.
 */
function unlink(sync: Linked): void {
	const viewports = [...sync.getSourceViewports(), ...sync.getTargetViewports()];
	for (const viewport of viewports) sync.remove(viewport);
}

/**
 * Each time a viewport is added to or removed from a Cornerstone synchronizer, it adds a new
 * ELEMENT_DISABLED listener to every element it links and tries to remove the previous one with
 * a closure that is not it: 27 listeners more per element per case read (three synchronizers,
 * four viewports), each holding its destroyed synchronizer, on elements the workstation keeps
 * from case to case. They never run — core fires ELEMENT_DISABLED on its eventTarget, not on the
 * element — so the synchronizers made here go without them; undoing takes the viewports out.
 */
function withoutDisableHandlers(sync: object): void {
	(sync as { _updateDisableHandlers?: () => void })._updateDisableHandlers = () => {};
}
