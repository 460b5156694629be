import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@cornerstonejs/core';
import * as tools from '@cornerstonejs/tools';
import { fakeEngine } from './cornerstone-viewports.fixture';
import type { Cornerstone } from './cornerstone';
import { ENGINE_ID } from './stack-viewer';
import { synchroniseViewports } from './viewport-sync';

const VIEWPORTS = ['tandem-stack', 'tandem-stack-1', 'tandem-stack-2', 'tandem-stack-3'];
const { Events } = core.Enums;
const SYNCED_EVENTS = [Events.VOI_MODIFIED, Events.CAMERA_MODIFIED, Events.STACK_NEW_IMAGE];
const cornerstone = { core, tools } as unknown as Cornerstone;

describe('synchroniseViewports', () => {
	let remove = () => {};
	afterEach(() => remove());

	it('links every viewport of the layout for each property, and its undo unlinks all of them', async () => {
		const engine = await fakeEngine(ENGINE_ID, VIEWPORTS);
		remove = engine.remove;
		const undo = synchroniseViewports(cornerstone, VIEWPORTS, ['window', 'zoom', 'pan', 'scroll']);
		const made = tools.SynchronizerManager.getAllSynchronizers();
		expect(made).toHaveLength(3);
		for (const element of engine.elements.values())
			for (const type of SYNCED_EVENTS) expect(element.listeners(type)).toBe(1);

		undo();

		expect(tools.SynchronizerManager.getAllSynchronizers()).toHaveLength(0);
		for (const sync of made) {
			expect(sync.getSourceViewports()).toEqual([]);
			expect(sync.getTargetViewports()).toEqual([]);
		}
		// A synchronizer left listening on a viewport keeps syncing it with the others: one more per
		// case read, each VOI or camera change then cascading through all of them.
		for (const [id, element] of engine.elements)
			for (const type of SYNCED_EVENTS) expect(element.listeners(type), `${id} ${type}`).toBe(0);
	});

	it("leaves no listener of any event on the elements or on Cornerstone's eventTarget, case after case", async () => {
		const engine = await fakeEngine(ENGINE_ID, VIEWPORTS);
		remove = engine.remove;
		const target = core.eventTarget as unknown as { listeners: Record<string, unknown[]> };
		const onTarget = () =>
			Object.fromEntries(
				Object.entries(target.listeners)
					.map(([type, listeners]) => [type, listeners.length])
					.filter(([, count]) => count !== 0)
			);
		const before = onTarget();
		for (let read = 0; read < 5; read += 1)
			synchroniseViewports(cornerstone, VIEWPORTS, ['window', 'zoom', 'pan', 'scroll'])();
		for (const [id, element] of engine.elements) expect(element.held(), id).toEqual({});
		expect(onTarget()).toEqual(before);
	});

	it('does not pile up listeners over many cases', async () => {
		const engine = await fakeEngine(ENGINE_ID, VIEWPORTS);
		remove = engine.remove;
		for (let read = 0; read < 20; read += 1)
			synchroniseViewports(cornerstone, VIEWPORTS, ['window', 'zoom'])();
		const undo = synchroniseViewports(cornerstone, VIEWPORTS, ['window', 'zoom']);
		for (const element of engine.elements.values()) {
			expect(element.listeners(Events.VOI_MODIFIED)).toBe(1);
			expect(element.listeners(Events.CAMERA_MODIFIED)).toBe(1);
		}
		undo();
	});
});
