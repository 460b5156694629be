// Small pure helpers of the workstation page.
import type { DisplayWindow } from '$lib/viewer/stack-viewer';

export interface WindowPreset extends DisplayWindow {
	name: string;
}

/** The protocol's presets, preceded by the image's own (DICOM) window unless a preset already is it. */
export function presetsWithImageWindow(
	presets: WindowPreset[],
	image: DisplayWindow | null
): WindowPreset[] {
	if (
		!image ||
		presets.some((preset) => preset.center === image.center && preset.width === image.width)
	)
		return presets;
	return [{ name: `Image ${image.center}/${image.width}`, ...image }, ...presets];
}

/** What has the keyboard focus, as far as shortcuts are concerned. */
export function targetKind(target: EventTarget | null): 'text' | 'slider' | 'number' | 'other' {
	if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return 'other';
	if (
		target.isContentEditable ||
		target instanceof HTMLTextAreaElement ||
		target instanceof HTMLSelectElement
	)
		return 'text';
	if (!(target instanceof HTMLInputElement)) return 'other';
	if (target.type === 'range' || target.type === 'radio') return 'slider';
	if (target.type === 'number') return 'number';
	return ['checkbox', 'button', 'submit', 'reset'].includes(target.type) ? 'other' : 'text';
}

/** m:ss for the reading clock. */
export function formatClock(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A confidence typed into the field: a whole number from 0 to 100, else null (not taken). */
export function typedConfidence(text: string): number | null {
	const trimmed = text.trim();
	if (!/^\d{1,3}$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return value <= 100 ? value : null;
}
