import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs, { type ElementMap } from 'dcmjs';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { miniImportStudy, operator, rows, type MiniImportStudy } from './case-import-setup.fixture';
import { readDicomFile, text } from '../dicom/dicom-file';
import { identifiedDicom, type IdentifiedOptions } from '$fixtures/identified-dicom.fixture';
import { requireSystemTool } from '$fixtures/system-tools.fixture';

const MAPPING = {
	file: 'mapping.csv',
	text: 'case_id,accession_number\nK1,ACC-1\nK2,ACC-2\nK3,ACC-3\nK4,ACC-4\n'
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function image(options: IdentifiedOptions, change?: (dict: ElementMap) => void): Uint8Array {
	const bytes = identifiedDicom({ rows: 4, columns: 4, ...options });
	if (!change) return bytes;
	const message = dcmjs.data.DicomMessage.readFile(new Uint8Array(bytes).buffer);
	change(message.dict);
	const dicom = new dcmjs.data.DicomDict(message.meta);
	dicom.dict = message.dict;
	return new Uint8Array(dicom.write());
}

const run = (study: MiniImportStudy) =>
	importCases(study.db, operator, 'mini-study', {
		source: folderSource(study.source),
		match: 'accession',
		mapping: MAPPING,
		keyFile: study.keyFile
	});

describe('hostile files in a case import', () => {
	it('refuses images with impossible geometry, listing each by path and reason', async () => {
		const study = await miniImportStudy();
		const us = (value: number) => ({ vr: 'US', Value: [value] });
		const cases: Array<[string, (dict: ElementMap) => void]> = [
			['rows-0.dcm', (d) => (d['00280010'] = us(0))],
			['bits-7.dcm', (d) => (d['00280100'] = us(7))],
			['photometric.dcm', (d) => (d['00280004'] = { vr: 'CS', Value: ['RGB'] })],
			[
				'long-pixels.dcm',
				(d) => (d['7FE00010'] = { vr: 'OW', Value: [new Uint16Array(40).buffer] })
			]
		];
		cases.forEach(([name, change], index) =>
			study.put(
				name,
				image({ accession: 'ACC-1', sopUid: `1.2.826.0.1.3680043.99.40.${index}` }, change)
			)
		);
		study.put('good.dcm', image({ accession: 'ACC-2', sopUid: '1.2.826.0.1.3680043.99.40.9' }));
		const report = await run(study);
		expect(report).toMatchObject({ imported: 1, failed: 4 });
		expect(report.failedFiles).toEqual([
			{
				path: 'bits-7.dcm',
				reason: 'BitsAllocated (0028,0100) is 7: it must be 1 or a multiple of 8'
			},
			{
				path: 'long-pixels.dcm',
				reason:
					'pixel data has 80 bytes, but its header declares 32 (4 × 4 pixels, 1 sample, 16 bits, 1 frame)'
			},
			{
				path: 'photometric.dcm',
				reason:
					'SamplesPerPixel (0028,0002) is 1, but PhotometricInterpretation RGB has 3 samples per pixel'
			},
			{ path: 'rows-0.dcm', reason: 'Rows (0028,0010) is 0: an image has at least one row' }
		]);
		expect(await rows(study.db, 'SELECT * FROM imported_instances')).toHaveLength(1);
	});

	it('reports a SOP Instance UID shared by images of two patients, with both paths and hashes, and refuses the second', async () => {
		const study = await miniImportStudy();
		const sopUid = '1.2.826.0.1.3680043.99.41.1';
		const first = image({ accession: 'ACC-1', patientId: 'P-ONE', sopUid });
		const second = image({
			accession: 'ACC-2',
			patientId: 'P-TWO',
			patientName: 'OTHER^PERSON',
			sopUid
		});
		study.put('a-first.dcm', first);
		study.put('b-copy.dcm', first);
		study.put('c-second.dcm', second);
		const report = await run(study);
		expect(report).toMatchObject({ imported: 1, alreadyImported: 1, failed: 1 });
		expect(report.failedFiles).toEqual([
			{
				path: 'c-second.dcm',
				reason: `SOP Instance UID collision: a-first.dcm (sha256 ${sha256(first)}) has the same SOP Instance UID but belongs to another patient; this file (sha256 ${sha256(second)}) is not imported`
			}
		]);
		// A later run still reports it, against the stored file.
		const again = await run(study);
		expect(again).toMatchObject({ imported: 0, alreadyImported: 2, failed: 1 });
		const stored = await rows<{ path: string; sha256: string }>(
			study.db,
			'SELECT path, sha256 FROM imported_instances'
		);
		expect(again.failedFiles[0]!.reason).toBe(
			`SOP Instance UID collision: ${stored[0]!.path} (stored earlier, sha256 ${stored[0]!.sha256}) has the same SOP Instance UID but belongs to another patient; this file (sha256 ${sha256(second)}) is not imported`
		);
	});

	it('imports a Deflated Explicit VR Little Endian file (made by dcmtk), stored uncompressed with the same pixels', async () => {
		const dcmconv = requireSystemTool('dcmconv');
		const study = await miniImportStudy();
		const plain = join(study.source, '..', `${study.source.split('/').pop()}-plain.dcm`);
		const original = image({ accession: 'ACC-3', sopUid: '1.2.826.0.1.3680043.99.42.1' });
		writeFileSync(plain, original);
		execFileSync(dcmconv, ['+td', plain, join(study.source, 'deflated.dcm')]);
		expect(text(readDicomFile(original).meta, '00020010')).toBe('1.2.840.10008.1.2.1');
		expect(
			readFileSync(join(study.source, 'deflated.dcm')).includes('1.2.840.10008.1.2.1.99')
		).toBe(true);
		const report = await run(study);
		expect(report).toMatchObject({ imported: 1, failed: 0 });
		const [row] = await rows<{ path: string; transfer_syntax_uid: string }>(
			study.db,
			'SELECT path, transfer_syntax_uid FROM imported_instances'
		);
		expect(row!.transfer_syntax_uid).toBe('1.2.840.10008.1.2.1');
		const storedFile = readDicomFile(new Uint8Array(readFileSync(join(study.studyDir, row!.path))));
		const pixels = (file: { dict: ElementMap }) =>
			Buffer.from(file.dict['7FE00010']!.Value![0] as ArrayBuffer).toString('hex');
		expect(pixels(storedFile)).toBe(pixels(readDicomFile(original)));
	});

	it("never shows a parser's internal message: a damaged header is a sentence about the file", async () => {
		const study = await miniImportStudy();
		const good = image({ accession: 'ACC-4', sopUid: '1.2.826.0.1.3680043.99.43.1' });
		// The SpecificCharacterSet value bit-flipped into a character set that does not exist.
		const flipped = Buffer.from(good);
		const at = flipped.indexOf('ISO_IR 100');
		flipped[at + 1] = flipped[at + 1]! ^ 0x01;
		study.put('charset.dcm', flipped);
		// A sequence item's tag damaged.
		const item = Buffer.from(good);
		item[item.indexOf(Buffer.from([0xfe, 0xff, 0x00, 0xe0]))] = 0x00;
		study.put('item.dcm', item);
		const report = await run(study);
		expect(report.failedFiles.map((file) => file.path)).toEqual(['charset.dcm', 'item.dcm']);
		for (const file of report.failedFiles) {
			expect(file.reason).not.toMatch(
				/dicomParser|undefined|is not a function|Cannot read|Unsupported/
			);
			expect(file.reason).toMatch(/^malformed DICOM: /);
		}
	});
});
