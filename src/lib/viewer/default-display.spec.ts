import { describe, expect, it } from 'vitest';
import {
	invertedByDefault,
	invertedRelative,
	showDefaultDisplay,
	type DisplayProperties
} from './default-display';

interface Range {
	lower: number;
	upper: number;
}

/**
 * A stack viewport as Cornerstone 5 keeps it: an invert flag, the transfer function on screen
 * (inverted or not), the nodes captured when the function was made, and default properties that
 * the first setProperties() call fills in.
 */
class FakeViewport implements DisplayProperties {
	invert = false;
	screenInverted = false;
	initialInvert = false;
	initialNodesInverted = false;
	voi: Range = { lower: 0, upper: 1 };
	imageVoi: Range = { lower: 0, upper: 1 };
	defaults: { invert?: boolean; voiRange?: Range } = {};

	/** setStack() + the image's load: a new actor (nodes uninverted), then MONOCHROME1 inverted. */
	showImage(photometric: string, imageVoi: Range): void {
		this.invert = false;
		this.screenInverted = false;
		this.initialNodesInverted = false;
		this.imageVoi = imageVoi;
		this.voi = imageVoi;
		this.initialInvert = photometric === 'MONOCHROME1';
		this.setInvertColor(this.invert || this.initialInvert);
	}

	private setInvertColor(invert: boolean): void {
		if (invert !== this.invert) this.screenInverted = !this.screenInverted;
		this.invert = invert;
	}

	setProperties(properties: { invert?: boolean; voiRange?: Range }): void {
		this.defaults = {
			invert: this.defaults.invert ?? properties.invert,
			voiRange: this.defaults.voiRange ?? properties.voiRange
		};
		if (properties.voiRange) this.voi = properties.voiRange;
		if (properties.invert !== undefined) this.setInvertColor(properties.invert);
	}

	/** What the old code used: the nodes go back to those captured at creation. */
	resetProperties(): void {
		this.voi = this.imageVoi;
		this.setInvertColor(this.initialInvert);
		this.screenInverted = this.initialNodesInverted;
	}

	setDefaultProperties(properties: { invert?: boolean; voiRange?: Range }): void {
		this.defaults = properties;
	}

	resetToDefaultProperties(): void {
		this.voi = this.defaults.voiRange ?? this.imageVoi;
		this.setInvertColor(false);
	}
}

const CT = { lower: -1000, upper: 1000 };
const CR = { lower: 0, upper: 16383 };

describe('the default display', () => {
	it('inverts MONOCHROME1 only', () => {
		expect(invertedByDefault('MONOCHROME1')).toBe(true);
		for (const photometric of ['MONOCHROME2', 'RGB', 'PALETTE COLOR', undefined])
			expect(invertedByDefault(photometric)).toBe(false);
		expect(invertedRelative(true, 'MONOCHROME1')).toBe(false);
		expect(invertedRelative(false, 'MONOCHROME1')).toBe(true);
		expect(invertedRelative(true, 'MONOCHROME2')).toBe(true);
	});

	it('shows a MONOCHROME1 image inverted after a MONOCHROME2 one, and the reverse', () => {
		const viewport = new FakeViewport();
		viewport.showImage('MONOCHROME2', CT);
		showDefaultDisplay(viewport, 'MONOCHROME2');
		viewport.setProperties({ voiRange: { lower: 0, upper: 80 } }); // a preset
		viewport.showImage('MONOCHROME1', CR);
		showDefaultDisplay(viewport, 'MONOCHROME1');
		expect(viewport.screenInverted).toBe(true);
		expect(viewport.invert).toBe(true);
		expect(viewport.voi).toEqual(CR);
		viewport.showImage('MONOCHROME2', CT);
		showDefaultDisplay(viewport, 'MONOCHROME2');
		expect(viewport.screenInverted).toBe(false);
		expect(viewport.voi).toEqual(CT);
	});

	it('keeps the screen and the invert flag together through a toggle and a reset', () => {
		const viewport = new FakeViewport();
		viewport.showImage('MONOCHROME1', CR);
		showDefaultDisplay(viewport, 'MONOCHROME1');
		viewport.setProperties({ invert: !viewport.invert }); // the reader's toggle
		expect(viewport.screenInverted).toBe(false);
		expect(invertedRelative(viewport.invert, 'MONOCHROME1')).toBe(true);
		viewport.setProperties({ voiRange: { lower: 10, upper: 20 } });
		showDefaultDisplay(viewport, 'MONOCHROME1'); // reset
		expect(viewport.screenInverted).toBe(true);
		expect(viewport.invert).toBe(true);
		expect(viewport.voi).toEqual(CR);
		viewport.setProperties({ invert: !viewport.invert });
		expect(viewport.screenInverted).toBe(viewport.invert);
	});

	it('is what resetProperties() fails to give (the defect this replaces)', () => {
		const viewport = new FakeViewport();
		viewport.showImage('MONOCHROME1', CR);
		viewport.resetProperties();
		viewport.setProperties({ invert: true });
		expect(viewport.invert).toBe(true);
		expect(viewport.screenInverted).toBe(false);
	});
});
