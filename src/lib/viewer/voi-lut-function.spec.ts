import { describe, expect, it } from 'vitest';
import { normalisedVoiLut, voiLutFunctionOf } from './voi-lut-function';

describe('voiLutFunctionOf', () => {
	it('reads VOILUTFunction (0028,1056) as the DICOM parser gives it: one string', () => {
		expect(voiLutFunctionOf('LINEAR')).toBe('LINEAR');
		expect(voiLutFunctionOf('SIGMOID')).toBe('SIGMOID');
		expect(voiLutFunctionOf('LINEAR_EXACT')).toBe('LINEAR_EXACT');
		expect(voiLutFunctionOf(' sigmoid ')).toBe('SIGMOID');
	});

	it('reads the first of several values, and falls back to LINEAR for unknown or absent ones', () => {
		expect(voiLutFunctionOf(['SIGMOID', 'LINEAR'])).toBe('SIGMOID');
		expect(voiLutFunctionOf('SIGMOID\\LINEAR')).toBe('SIGMOID');
		expect(voiLutFunctionOf('LOG')).toBe('LINEAR');
		expect(voiLutFunctionOf('')).toBeUndefined();
		expect(voiLutFunctionOf(undefined)).toBeUndefined();
	});
});

describe('normalisedVoiLut', () => {
	it('gives the image loader the function as a one-element list (a bare string was read as its first letter)', () => {
		const module = { windowCenter: [1800], windowWidth: [2800], voiLUTFunction: 'LINEAR' };
		const normalised = normalisedVoiLut(module) as { voiLUTFunction: string[] };
		expect(normalised).toEqual({ ...module, voiLUTFunction: ['LINEAR'] });
		// What @cornerstonejs/dicom-image-loader's createImage takes as the image's VOI LUT function.
		const taken = normalised.voiLUTFunction.length && normalised.voiLUTFunction[0];
		expect(taken).toBe('LINEAR');
	});

	it('leaves a module without the attribute, and anything not a module, as it is', () => {
		const module = { windowCenter: [40], windowWidth: [400], voiLUTFunction: undefined };
		expect(normalisedVoiLut(module)).toBe(module);
		expect(normalisedVoiLut(undefined)).toBeUndefined();
	});
});
