// The default display of an image: its own VOI (window) and MONOCHROME1 (high values dark) shown
// inverted; the viewer's invert toggle is relative to that default. Only the display changes,
// never the stored pixels.
//
// Cornerstone's resetProperties() cannot be used for this: it sets its invert flag to the image's
// default and then restores the transfer function's colour nodes to those captured when the
// function was made — uninverted, as the viewport builds it before inverting a MONOCHROME1 image.
// The flag then says "inverted" while the screen is not, and every later toggle keeps the two
// apart. resetToDefaultProperties() leaves the nodes alone (it only toggles them with the flag),
// so the default is reached through it, with the viewport's default properties cleared first (the
// first setProperties() call — a window preset — would otherwise stay the "default" window).

/** The part of a Cornerstone stack viewport this needs. */
export interface DisplayProperties {
	setDefaultProperties(properties: { invert?: boolean }): void;
	resetToDefaultProperties(): void;
	setProperties(properties: { invert?: boolean }): void;
}

/** Whether an image of this photometric interpretation is shown inverted by default. */
export function invertedByDefault(photometric: string | undefined): boolean {
	return photometric === 'MONOCHROME1';
}

/** Whether a display inverted (or not) is inverted relative to the image's default. */
export function invertedRelative(displayed: boolean, photometric: string | undefined): boolean {
	return displayed !== invertedByDefault(photometric);
}

/** Shows the image's default display: its own window, MONOCHROME1 inverted, nothing else. */
export function showDefaultDisplay(
	viewport: DisplayProperties,
	photometric: string | undefined
): void {
	viewport.setDefaultProperties({});
	viewport.resetToDefaultProperties();
	viewport.setProperties({ invert: invertedByDefault(photometric) });
}
