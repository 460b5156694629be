import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { buildConformanceSet } from '$fixtures/dicom-conformance.fixture';
import { inflatePart10, inflateRaw } from './deflated-part10';

const { files } = buildConformanceSet(mkdtempSync(join(tmpdir(), 'tandem-deflated-')));
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

function pixels(bytes: Uint8Array): { syntax: string; rows: number; pixelData: Uint8Array } {
	const dataSet = dicomParser.parseDicom(bytes);
	const element = dataSet.elements.x7fe00010!;
	return {
		syntax: dataSet.string('x00020010') ?? '',
		rows: dataSet.uint16('x00280010') ?? 0,
		pixelData: bytes.subarray(element.dataOffset, element.dataOffset + element.length)
	};
}

describe('inflatePart10', () => {
	const deflated = files.filter((file) => file.syntax === 'deflated');

	it('turns each deflated file (dcmconv +td) into Explicit VR Little Endian with the same pixels', async () => {
		expect(deflated.length).toBeGreaterThanOrEqual(8);
		for (const file of deflated) {
			const plain = files.find(
				(other) => other.syntax === 'explicitLittle' && other.original === file.original
			)!;
			const served = bytesOf(file.path);
			// As served, a parser without an inflater finds no pixel data where they belong.
			expect(() => pixels(served).pixelData.length).toThrow();
			const inflated = pixels(await inflatePart10(served));
			const original = pixels(bytesOf(plain.path));
			expect(inflated.syntax, file.name).toBe('1.2.840.10008.1.2.1');
			expect(inflated.rows).toBe(original.rows);
			expect(
				Buffer.from(inflated.pixelData).equals(Buffer.from(original.pixelData)),
				file.name
			).toBe(true);
		}
	});

	it('hands any other file back as it is', async () => {
		for (const file of files.filter((other) => other.syntax !== 'deflated').slice(0, 6)) {
			const served = bytesOf(file.path);
			expect(await inflatePart10(served)).toBe(served);
		}
		const notDicom = new Uint8Array([1, 2, 3]);
		expect(await inflatePart10(notDicom)).toBe(notDicom);
	});

	it('stops a data set that inflates past its bound', async () => {
		const bomb = deflateRawSync(new Uint8Array(4096));
		await expect(inflateRaw(bomb, 1000)).rejects.toThrow(/more than 1000 bytes/);
		expect((await inflateRaw(bomb, 4096)).length).toBe(4096);
	});
});
