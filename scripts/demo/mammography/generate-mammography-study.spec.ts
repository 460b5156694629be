import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { compressFrame, TRANSFER_SYNTAX } from './mammo-case';
import { mammoCasesCsv, mammoLesionsCsv, mammoTruthCsv, markPixels } from './mammo-csv';
import {
	COLUMNS,
	MAMMO_SEED,
	planMammoStudy,
	ROWS,
	VIEWS,
	type Compression,
	type MammoCasePlan
} from './mammo-plan';
import { MG_FOR_PRESENTATION, patientOrientation, writeMammogram } from './mammo-writer';
import { packBits } from './encode-pixels';
import { decodeImage } from '../../../src/lib/server/dicom/decode/decode-image';
import { decodeRle } from '../../../src/lib/server/dicom/decode/rle';
import { renderView } from './render-view';

const studyDir = join(import.meta.dirname, '../../../studies/demo-mammography');
const plans = planMammoStudy(MAMMO_SEED);

function twoViewMassCase(): MammoCasePlan {
	const plan = plans.find((candidate) =>
		candidate.lesions.some((lesion) => lesion.type === 'mass' && lesion.marks.length === 2)
	);
	if (!plan) throw new Error('the demo has no mass seen in two views');
	return plan;
}

describe('the mammography demo plan', () => {
	it('matches the committed cases.csv and truth.csv', () => {
		expect(readFileSync(join(studyDir, 'cases.csv'), 'utf8')).toBe(mammoCasesCsv(plans));
		expect(readFileSync(join(studyDir, 'truth.csv'), 'utf8')).toBe(mammoTruthCsv(plans));
	});

	it('writes lesions.csv with each lesion on the images of its views, as truth.csv places it', () => {
		const text = readFileSync(join(studyDir, 'lesions.csv'), 'utf8');
		expect(text).toBe(mammoLesionsCsv(plans));
		const lines = text.trim().split('\n');
		expect(lines[0]).toBe('case_id,lesion_id,image,x,y,radius_mm,type');
		// truth.csv: M002 has one calcification cluster, on R-CC (image 1) and R-MLO (image 3).
		expect(lines.filter((line) => line.startsWith('M002,'))).toEqual([
			'M002,1,1,495,2621,3.5,calcifications',
			'M002,1,3,523,1224,3.5,calcifications'
		]);
		// One row per mark of truth.csv; every diseased case has a lesion, no healthy case has one.
		const truth = readFileSync(join(studyDir, 'truth.csv'), 'utf8').trim().split('\n').slice(1);
		const marks = truth.flatMap((line) => {
			const cells = line.split(',');
			return [0, 1, 2, 3]
				.filter((k) => cells[3 + 6 * k] !== '')
				.map((k) => {
					const [lesion, type, view, x, y, radius] = cells.slice(3 + 6 * k, 9 + 6 * k);
					const image = VIEWS.findIndex((v) => v.name === view) + 1;
					return [cells[0], lesion, image, x, y, radius, type].join(',');
				});
		});
		expect(lines.slice(1)).toEqual(marks);
		const diseased = truth.filter((line) => line.split(',')[1] === '1').map((l) => l.split(',')[0]);
		expect([...new Set(lines.slice(1).map((line) => line.split(',')[0]))]).toEqual(diseased);
	});

	it('has both classes, lesions in two views, cases with two lesions, every compression', () => {
		const positives = plans.filter((plan) => plan.lesions.length > 0);
		expect(positives.length).toBe(plans.length / 2);
		expect(plans.filter((plan) => plan.lesions.length === 2).length).toBeGreaterThanOrEqual(2);
		const marks = positives.flatMap((plan) => plan.lesions.map((lesion) => lesion.marks.length));
		expect(marks).toContain(2);
		expect(marks).toContain(1);
		expect(new Set(plans.map((plan) => plan.compression))).toEqual(
			new Set<Compression>(['jpeg2000', 'jpeg-ls', 'rle'])
		);
		expect(plans.filter((plan) => plan.compression === 'jpeg2000').length).toBeGreaterThan(
			plans.length / 2
		);
		expect(new Set(plans.map((plan) => plan.site.id)).size).toBe(3);
		expect(new Set(plans.map((plan) => plan.vendor.id)).size).toBe(3);
	});

	it('stores every view with the chest wall at the left: rows run anterior', () => {
		expect(patientOrientation('L', 'CC')).toEqual(['A', 'R']);
		expect(patientOrientation('R', 'CC')).toEqual(['A', 'L']);
		expect(patientOrientation('L', 'MLO')).toEqual(['A', 'FR']);
		expect(patientOrientation('R', 'MLO')).toEqual(['A', 'FL']);
	});
});

describe('a rendered view', () => {
	it('shows the lesion where truth.csv puts it, and nothing where it does not', () => {
		const plan = twoViewMassCase();
		const lesion = plan.lesions.find((candidate) => candidate.type === 'mass')!;
		const mark = markPixels(plan).find(
			(candidate) => candidate.lesion === lesion.number && candidate.view === lesion.marks[0]!.view
		)!;
		const index = VIEWS.findIndex((view) => view.name === mark.view);
		const withLesion = renderView(plan, mark.view, index);
		const without = renderView({ ...plan, lesions: [] }, mark.view, index);
		const radius = Math.round(lesion.radiusMm / 0.07 / 2);
		const meanDifference = (cx: number, cy: number) => {
			let sum = 0;
			let count = 0;
			for (let y = cy - radius; y <= cy + radius; y += 1)
				for (let x = cx - radius; x <= cx + radius; x += 1) {
					sum += (withLesion[y * COLUMNS + x] as number) - (without[y * COLUMNS + x] as number);
					count += 1;
				}
			return sum / count;
		};
		expect(meanDifference(mark.x, mark.y)).toBeGreaterThan(0.5 * lesion.contrast);
		// Far from every lesion of the view the two images differ by noise only.
		expect(
			Math.abs(meanDifference(mark.x, mark.y + 800 < ROWS ? mark.y + 800 : mark.y - 800))
		).toBeLessThan(3);
		// The breast is bright on the left, the background dark on the right.
		expect(withLesion[(ROWS / 2) * COLUMNS + 100]).toBeGreaterThan(900);
		expect(withLesion[(ROWS / 2) * COLUMNS + COLUMNS - 10]).toBeLessThan(100);
	});
});

describe.each(['jpeg2000', 'jpeg-ls', 'rle'] as const)('a %s file', (compression) => {
	it('is an encapsulated MG For Presentation image that decodes to the rendered pixels', async () => {
		const plan = { ...twoViewMassCase(), compression };
		const pixels = renderView(plan, 'L-MLO', 3);
		const frame = await compressFrame(compression, pixels);
		const bytes = writeMammogram({
			plan,
			seed: MAMMO_SEED,
			side: 'L',
			position: 'MLO',
			instance: 4,
			transferSyntax: TRANSFER_SYNTAX[compression],
			frame
		});
		const dataSet = dicomParser.parseDicom(bytes);
		expect(dataSet.string('x00020010')).toBe(TRANSFER_SYNTAX[compression]);
		expect(dataSet.string('x00080016')).toBe(MG_FOR_PRESENTATION);
		expect(dataSet.string('x00080060')).toBe('MG');
		expect([dataSet.uint16('x00280010'), dataSet.uint16('x00280011')]).toEqual([ROWS, COLUMNS]);
		expect(dataSet.uint16('x00280101')).toBe(12);
		expect(dataSet.string('x00280004')).toBe('MONOCHROME2');
		expect(dataSet.string('x00200062')).toBe('L');
		expect(dataSet.string('x00185101')).toBe('MLO');
		expect(dataSet.string('x00200020')).toBe('A\\FR');
		expect(dataSet.string('x00181164')).toBe('0.07\\0.07');
		expect(dataSet.string('x00280030')).toBe('0.07\\0.07');
		const pixelData = dataSet.elements['x7fe00010']!;
		expect(pixelData.encapsulatedPixelData).toBe(true);
		expect(pixelData.basicOffsetTable).toEqual([0]);
		expect(pixelData.fragments).toHaveLength(1);
		const fragment = pixelData.fragments![0]!;
		expect(fragment.length % 2).toBe(0);
		expect(fragment.length).toBe(frame.length + (frame.length % 2));
		expect(fragment.length).toBeLessThan(pixels.byteLength / 2); // it does compress
		// Decoded as the AI worker and the burned-in preview decode it: every pixel as rendered.
		const decoded = await decodeImage(bytes);
		expect(decoded.frames).toHaveLength(1);
		const values = Uint16Array.from(decoded.frames[0]!);
		// Compared as bytes: a deep equality of 13 million elements would take minutes.
		expect(
			Buffer.from(values.buffer).equals(
				Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength)
			)
		).toBe(true);
	}, 120_000);
});

describe('PackBits (RLE segments)', () => {
	it('round-trips runs, long literals and odd lengths without crossing rows', () => {
		const row = [
			...Array(130).fill(7),
			...Array.from({ length: 300 }, (_, k) => k % 251),
			1,
			1,
			2,
			3,
			3
		];
		const bytes = Uint8Array.from([...row, ...row.slice().reverse()]);
		const pixels = new Uint16Array(bytes.length);
		for (let k = 0; k < pixels.length; k += 1)
			pixels[k] = ((bytes[k] as number) << 8) | (255 - (bytes[k] as number));
		const segment = packBits(bytes, row.length);
		expect(segment.length % 2).toBe(0);
		const encoded = new Uint8Array(64 + 2 * segment.length);
		const view = new DataView(encoded.buffer);
		view.setUint32(0, 2, true);
		view.setUint32(4, 64, true);
		const low = packBits(
			Uint8Array.from(bytes, (b) => 255 - b),
			row.length
		);
		view.setUint32(8, 64 + segment.length, true);
		encoded.set(segment, 64);
		encoded.set(low, 64 + segment.length);
		const decoded = decodeRle(
			encoded.subarray(0, 64 + segment.length + low.length),
			2,
			row.length,
			1,
			2
		);
		expect(Array.from(new Uint16Array(decoded.buffer, decoded.byteOffset, pixels.length))).toEqual(
			Array.from(pixels)
		);
	});
});
