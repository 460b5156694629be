// The one tool group every viewport of the page shares: window/level (left drag), zoom (right
// drag, Ctrl + wheel), pan (middle drag), slice scroll (wheel) and the measurement tools.
import type { Cornerstone } from './cornerstone';
import { addMeasurementTools, setPrimaryTool, type PrimaryTool } from './measurement-tools';

export const ENGINE_ID = 'tandem-reading';
export const TOOL_GROUP_ID = 'tandem-reading-tools';

/** Adds the viewport to the page's tool group, making the group on the first viewport. */
export function bindTools({ tools }: Cornerstone, viewportId: string): void {
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

/** Takes the viewport out of the tool group. */
export function unbindTools({ tools }: Cornerstone, viewportId: string): void {
	tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID)?.removeViewports(ENGINE_ID, viewportId);
}

/** The tool group goes with the page's last viewport. */
export function destroyTools({ tools }: Cornerstone): void {
	tools.ToolGroupManager.destroyToolGroup(TOOL_GROUP_ID);
}

/** The group's left-button tool (measurement-tools.ts: setPrimaryTool). */
export function primaryTool({ tools }: Cornerstone, tool: PrimaryTool): void {
	const group = tools.ToolGroupManager.getToolGroup(TOOL_GROUP_ID);
	if (group) setPrimaryTool(tools, group, tool);
}
