import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConformanceSet } from '$fixtures/dicom-conformance.fixture';
import { imageFrames } from './image-size';

describe('imageFrames on Deflated Explicit VR Little Endian files (a folder load serves them as stored)', () => {
	it('reads NumberOfFrames from the inflated header', () => {
		const { files } = buildConformanceSet(mkdtempSync(join(tmpdir(), 'tandem-frames-')));
		const deflated = files.filter((file) => file.syntax === 'deflated');
		expect(deflated.some((file) => file.original.frames > 1)).toBe(true);
		for (const file of deflated)
			expect(imageFrames(file.path, `${file.name}-sha`), file.name).toBe(file.original.frames);
	});
});
