import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dcmjs from 'dcmjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAMILY_NAMES, GIVEN_NAMES } from './demo-sites';
import { CT_IMAGE_STORAGE, EXPLICIT_VR_LITTLE_ENDIAN, PRIVATE_CREATOR } from './dicom-writer';
import { generateDemoStudy } from './generate-demo-study';
import { elementText, walkPart10 } from './part10';

const COMMITTED_STUDY = fileURLToPath(new URL('../../studies/demo-crossover/', import.meta.url));
const CASES_HEADER =
	'case_id,images,site,vendor,device_model,modality,slices,patient_age_band,patient_sex';
const TRUTH_HEADER =
	'case_id,truth,lesion_size_mm,lesion_contrast_hu,lesion_slice,lesion_x,lesion_y';
const MANUFACTURERS = { ge: 'GE MEDICAL SYSTEMS', siemens: 'SIEMENS', philips: 'Philips' } as const;
const UID_PATTERN = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;
const SIZE = 512;

type Row = Record<string, string>;

function parseCsv(text: string): { header: string; rows: Row[] } {
	const [header = '', ...lines] = text.trimEnd().split('\n');
	const names = header.split(',');
	const rows = lines.map((line) =>
		Object.fromEntries(line.split(',').map((value, index) => [names[index], value]))
	);
	return { header, rows };
}

/** sha256 of every file under `dir`, keyed by path relative to `dir`. */
async function hashTree(dir: string): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		hashes.set(
			path.slice(dir.length),
			createHash('sha256')
				.update(await readFile(path))
				.digest('hex')
		);
	}
	return hashes;
}

function slicePath(studyDir: string, caseId: string, instance: number): string {
	return join(studyDir, 'images', caseId, `${String(instance).padStart(3, '0')}.dcm`);
}

/** One file read back with dcmjs: naturalized meta and dataset, and the pixels in HU. */
async function readSlice(studyDir: string, caseId: string, instance: number) {
	const bytes = await readFile(slicePath(studyDir, caseId, instance));
	const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
	const message = DicomMessage.readFile(new Uint8Array(bytes).buffer);
	const tags = DicomMetaDictionary.naturalizeDataset(message.dict);
	const stored = new Uint16Array((tags.PixelData as ArrayBuffer[])[0] as ArrayBuffer);
	const hu = Int16Array.from(stored, (value) => value - 1024);
	const spacingMm = (tags.PixelSpacing as number[])[0] as number;
	return { meta: DicomMetaDictionary.naturalizeDataset(message.meta), tags, hu, spacingMm };
}

/**
 * Lesion-sized contrast at (x, y): mean HU in a core disc (radius 0.3 R, at least 1 px) minus the
 * mean in a ring from 1.6 R + 2 px to 2.4 R + 4 px, R = lesion radius in pixels.
 */
function localContrast(hu: Int16Array, x: number, y: number, radiusPx: number): number {
	const core = Math.max(1, 0.3 * radiusPx);
	const [ringInner, ringOuter] = [1.6 * radiusPx + 2, 2.4 * radiusPx + 4];
	const coreValues: number[] = [];
	const ringValues: number[] = [];
	const reach = Math.ceil(ringOuter);
	for (let dy = -reach; dy <= reach; dy += 1) {
		for (let dx = -reach; dx <= reach; dx += 1) {
			const distance = Math.sqrt(dx * dx + dy * dy);
			const value = hu[(y + dy) * SIZE + x + dx] as number;
			if (distance <= core) coreValues.push(value);
			else if (distance >= ringInner && distance <= ringOuter) ringValues.push(value);
		}
	}
	return mean(coreValues) - mean(ringValues);
}

function mean(values: readonly number[]): number {
	return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
	const [mx, my] = [mean(xs), mean(ys)];
	let [sxy, sxx, syy] = [0, 0, 0];
	xs.forEach((x, index) => {
		const y = ys[index] as number;
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
		syy += (y - my) ** 2;
	});
	return sxy / Math.sqrt(sxx * syy);
}

const temporaryDirs: string[] = [];
async function freshDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'tandem-demo-'));
	temporaryDirs.push(dir);
	return dir;
}
afterAll(() => Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('generateDemoStudy — default seed, full size', () => {
	let studyDir = '';
	let result = { cases: 0, images: 0 };
	let cases: Row[] = [];
	let truth: Row[] = [];
	const progress: Array<[number, number]> = [];
	const caseOf = (caseId: string | undefined): Row =>
		cases.find((row) => row.case_id === caseId) ?? {};

	beforeAll(async () => {
		studyDir = await freshDir();
		result = await generateDemoStudy({
			outDir: studyDir,
			onProgress: (...call) => progress.push(call)
		});
		cases = parseCsv(await readFile(join(studyDir, 'cases.csv'), 'utf8')).rows;
		truth = parseCsv(await readFile(join(studyDir, 'truth.csv'), 'utf8')).rows;
	}, 120_000);

	it('matches the committed cases.csv and truth.csv byte for byte', async () => {
		for (const name of ['cases.csv', 'truth.csv']) {
			const committed = await readFile(join(COMMITTED_STUDY, name));
			expect(committed.equals(await readFile(join(studyDir, name))), name).toBe(true);
		}
	});

	it('writes the agreed CSV headers; cases.csv says nothing about lesions', async () => {
		expect(parseCsv(await readFile(join(studyDir, 'cases.csv'), 'utf8')).header).toBe(CASES_HEADER);
		expect(parseCsv(await readFile(join(studyDir, 'truth.csv'), 'utf8')).header).toBe(TRUTH_HEADER);
		for (const row of truth.filter((candidate) => candidate.truth === '0')) {
			const { case_id, truth: label, ...lesion } = row;
			expect(Object.values(lesion), case_id).toEqual(['', '', '', '', '']);
			expect(label).toBe('0');
		}
	});

	it('has ~40 % prevalence, shuffled across case ids', () => {
		expect(result.cases).toBe(120);
		expect(truth.map((row) => row.case_id)).toEqual(cases.map((row) => row.case_id));
		const prevalence = truth.filter((row) => row.truth === '1').length / truth.length;
		expect(prevalence).toBeGreaterThanOrEqual(0.35);
		expect(prevalence).toBeLessThanOrEqual(0.45);
		const labels = truth.map((row) => row.truth).join('');
		expect(labels.match(/01/g)?.length ?? 0).toBeGreaterThan(10); // not sorted by truth
	});

	it('keeps prevalence even across sites and vendors, so what readers see does not hint at truth', () => {
		for (const column of ['site', 'vendor'] as const) {
			for (const value of new Set(cases.map((row) => row[column]))) {
				const ids = new Set(cases.filter((row) => row[column] === value).map((row) => row.case_id));
				const group = truth.filter((row) => ids.has(row.case_id));
				const prevalence = group.filter((row) => row.truth === '1').length / group.length;
				expect(prevalence, `${column} ${value}`).toBeGreaterThanOrEqual(0.35);
				expect(prevalence, `${column} ${value}`).toBeLessThanOrEqual(0.45);
			}
		}
	});

	it('crosses three sites with three vendors, unbalanced, and includes 8 stacks', () => {
		const cells = new Map<string, number>();
		for (const { site, vendor } of cases) {
			cells.set(`${site}/${vendor}`, (cells.get(`${site}/${vendor}`) ?? 0) + 1);
		}
		expect(new Set(cases.map((row) => row.site))).toEqual(new Set(['site-a', 'site-b', 'site-c']));
		expect(new Set(cases.map((row) => row.vendor))).toEqual(new Set(['ge', 'siemens', 'philips']));
		expect(cells.size).toBe(9);
		expect(new Set(cells.values()).size).toBeGreaterThan(1);
		const stacks = cases.filter((row) => row.slices !== '1');
		expect(stacks).toHaveLength(8);
		for (const { slices } of stacks)
			expect(Number(slices) >= 12 && Number(slices) <= 24, slices).toBe(true);
		const truthOf = (caseId: string | undefined) =>
			truth.find((candidate) => candidate.case_id === caseId);
		const stackTruth = stacks.map((row) => truthOf(row.case_id)?.truth);
		expect(stackTruth).toContain('1');
		expect(stackTruth).toContain('0');
		expect(result.images).toBe(cases.reduce((sum, row) => sum + Number(row.slices), 0));
		expect(progress.at(-1)).toEqual([result.images, result.images]);
	});

	it('writes Part-10 files that a plain explicit-VR walker accepts, with consistent file meta', async () => {
		for (const row of cases) {
			for (let instance = 1; instance <= Number(row.slices); instance += 1) {
				const bytes = new Uint8Array(
					await readFile(slicePath(studyDir, row.case_id as string, instance))
				);
				const elements = walkPart10(bytes);
				const byTag = new Map(elements.map((element) => [element.tag, element]));
				const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
				const groupLength = view.getUint32(byTag.get('00020000')?.valueOffset ?? 0, true);
				const lastMeta = elements.filter((element) => element.tag.startsWith('0002')).at(-1);
				// (0002,0000) counts the bytes after itself (it ends at 132 + 12) up to the end of group 0002.
				expect(lastMeta && lastMeta.valueOffset + lastMeta.length - 144).toBe(groupLength);
				const text = (tag: string): string =>
					elementText(bytes, byTag.get(tag) ?? { tag, vr: '', valueOffset: 0, length: 0 });
				const version = byTag.get('00020001');
				expect(
					version && [...bytes.subarray(version.valueOffset, version.valueOffset + 2)]
				).toEqual([0, 1]);
				expect(text('00020002')).toBe(CT_IMAGE_STORAGE);
				expect(text('00020003')).toBe(text('00080018')); // MediaStorageSOPInstanceUID = SOPInstanceUID
				expect(text('00020010')).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
				expect(text('00020012')).toMatch(UID_PATTERN); // ImplementationClassUID
				expect(text('00080005')).toBe('ISO_IR 100');
				expect(byTag.get('7fe00010')).toMatchObject({ vr: 'OW', length: SIZE * SIZE * 2 });
			}
		}
	});

	it('reads back with dcmjs: CT tags, vendor, fake identifiers, private group, SYNTHETIC marker', async () => {
		for (const vendor of ['ge', 'siemens', 'philips'] as const) {
			const row = cases.find((candidate) => candidate.vendor === vendor) ?? {};
			const { meta, tags } = await readSlice(studyDir, row.case_id as string, 1);
			expect(meta.MediaStorageSOPClassUID).toBe(CT_IMAGE_STORAGE);
			expect(meta.TransferSyntaxUID).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
			expect(tags).toMatchObject({
				SOPClassUID: CT_IMAGE_STORAGE,
				Modality: 'CT',
				SamplesPerPixel: 1
			});
			expect(tags).toMatchObject({
				Rows: SIZE,
				Columns: SIZE,
				BitsAllocated: 16,
				BitsStored: 12,
				HighBit: 11
			});
			expect(tags).toMatchObject({
				PixelRepresentation: 0,
				PhotometricInterpretation: 'MONOCHROME2'
			});
			expect(tags).toMatchObject({
				RescaleIntercept: -1024,
				RescaleSlope: 1,
				WindowCenter: 40,
				WindowWidth: 400
			});
			expect(tags).toMatchObject({
				Manufacturer: MANUFACTURERS[vendor],
				ManufacturerModelName: row.device_model
			});
			const name = (tags.PatientName as Array<{ Alphabetic: string }>)[0]?.Alphabetic ?? '';
			const [family, given] = name.split('^');
			expect(FAMILY_NAMES).toContain(family);
			expect(GIVEN_NAMES).toContain(given);
			for (const key of [
				'PatientID',
				'PatientBirthDate',
				'AccessionNumber',
				'InstitutionName',
				'StudyDate'
			]) {
				expect(tags[key], key).toBeTruthy();
			}
			expect(tags.PatientSex).toBe(row.patient_sex);
			expect(tags['00090010']).toBe(PRIVATE_CREATOR);
			expect(tags['00091002']).toBe(`MRN ${String(tags.PatientID)}`);
			expect(tags.SyntheticData).toBe('YES');
			expect(tags.StudyDescription).toMatch(/SYNTHETIC/);
			for (const key of [
				'StudyInstanceUID',
				'SeriesInstanceUID',
				'SOPInstanceUID',
				'FrameOfReferenceUID'
			]) {
				expect(tags[key], key).toMatch(UID_PATTERN);
				expect(String(tags[key]).length, key).toBeLessThanOrEqual(64);
			}
		}
	});

	it('numbers stack slices 1…n in one series, with distinct instances and evenly spaced positions', async () => {
		const stack = cases.find((row) => row.slices !== '1') ?? {};
		const count = Number(stack.slices);
		const slices = await Promise.all(
			Array.from({ length: count }, (_, index) =>
				readSlice(studyDir, stack.case_id as string, index + 1)
			)
		);
		expect(slices.map(({ tags }) => tags.InstanceNumber)).toEqual(
			slices.map((_, index) => index + 1)
		);
		expect(new Set(slices.map(({ tags }) => tags.SeriesInstanceUID)).size).toBe(1);
		expect(new Set(slices.map(({ tags }) => tags.SOPInstanceUID)).size).toBe(count);
		const locations = slices.map(({ tags }) => tags.SliceLocation as number);
		const thickness = slices[0]?.tags.SliceThickness as number;
		for (let index = 1; index < count; index += 1) {
			expect(locations[index]).toBeCloseTo((locations[index - 1] as number) - thickness, 6);
			const position = slices[index]?.tags.ImagePositionPatient as number[];
			expect(position[2]).toBeCloseTo(locations[index] as number, 6);
		}
	});

	it('puts a blob of about the declared contrast at each lesion centre, and none in negatives', async () => {
		const declared: number[] = [];
		const measured: number[] = [];
		const probes: Array<{ x: number; y: number; radiusPx: number }> = [];
		for (const row of truth.filter((candidate) => candidate.truth === '1')) {
			const { hu, spacingMm } = await readSlice(
				studyDir,
				row.case_id as string,
				Number(row.lesion_slice)
			);
			const radiusPx = Number(row.lesion_size_mm) / 2 / spacingMm;
			const probe = { x: Number(row.lesion_x), y: Number(row.lesion_y), radiusPx };
			declared.push(Number(row.lesion_contrast_hu));
			measured.push(localContrast(hu, probe.x, probe.y, probe.radiusPx));
			probes.push(probe);
		}
		const residuals = measured.map((value, index) => value - (declared[index] as number));
		expect(Math.abs(mean(residuals))).toBeLessThan(6);
		expect(pearson(declared, measured)).toBeGreaterThan(0.7);
		// Negatives, probed at the positives' lesion positions: no blob there on average.
		const negatives = truth.filter((row) => row.truth === '0');
		const background: number[] = [];
		for (const [index, row] of negatives.entries()) {
			const { hu } = await readSlice(studyDir, row.case_id as string, 1);
			const probe = probes[index % probes.length] ?? { x: 0, y: 0, radiusPx: 0 };
			background.push(localContrast(hu, probe.x, probe.y, probe.radiusPx));
		}
		expect(Math.abs(mean(background))).toBeLessThan(6);
		expect(mean(measured)).toBeGreaterThan(mean(background) + 25);
	});

	it('confines a stack lesion to the slices near its centre', async () => {
		const isStack = (candidate: Row): boolean => caseOf(candidate.case_id).slices !== '1';
		const row = truth.find((candidate) => candidate.truth === '1' && isStack(candidate)) ?? {};
		const slices = Number(caseOf(row.case_id).slices);
		const centre = Number(row.lesion_slice);
		const far = centre > slices / 2 ? 1 : slices;
		const contrastAt = async (instance: number) => {
			const { tags, hu, spacingMm } = await readSlice(studyDir, row.case_id as string, instance);
			const radiusPx = Number(row.lesion_size_mm) / 2 / spacingMm;
			const contrast = localContrast(hu, Number(row.lesion_x), Number(row.lesion_y), radiusPx);
			return { thickness: tags.SliceThickness as number, contrast };
		};
		const [atCentre, atFar] = [await contrastAt(centre), await contrastAt(far)];
		expect(Math.abs(far - centre) * atFar.thickness).toBeGreaterThan(
			Number(row.lesion_size_mm) * 0.65
		);
		expect(atCentre.contrast - atFar.contrast).toBeGreaterThan(Number(row.lesion_contrast_hu) / 2);
	});

	it('gives each vendor its own noise level and grain (air corner: scanner noise only)', async () => {
		const noise: Record<string, { sd: number; correlationX: number; correlationY: number }> = {};
		for (const vendor of ['ge', 'siemens', 'philips']) {
			const row = cases.find((candidate) => candidate.vendor === vendor) ?? {};
			const { hu } = await readSlice(studyDir, row.case_id as string, 1);
			const values: number[] = [];
			const right: number[] = [];
			const below: number[] = [];
			for (let y = 8; y < 48; y += 1) {
				for (let x = 8; x < 200; x += 1) {
					values.push(hu[y * SIZE + x] as number);
					right.push(hu[y * SIZE + x + 1] as number);
					below.push(hu[(y + 1) * SIZE + x] as number);
				}
			}
			const average = mean(values);
			const sd = Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
			noise[vendor] = {
				sd,
				correlationX: pearson(values, right),
				correlationY: pearson(values, below)
			};
		}
		const { ge, siemens, philips } = noise as Record<
			'ge' | 'siemens' | 'philips',
			(typeof noise)[string]
		>;
		expect(siemens.sd).toBeLessThan(ge.sd);
		expect(ge.sd).toBeLessThan(philips.sd);
		expect(siemens.correlationX).toBeGreaterThan(ge.correlationX); // smoother kernel
		expect(philips.correlationX).toBeGreaterThan(philips.correlationY + 0.05); // streaky grain
	});
});

describe('generateDemoStudy — determinism (small images, for speed)', () => {
	it('writes byte-identical files for the same seed and different ones for another seed', async () => {
		const [first, second, other] = [await freshDir(), await freshDir(), await freshDir()];
		await generateDemoStudy({ outDir: first, imageSize: 128 });
		await generateDemoStudy({ outDir: second, imageSize: 128 });
		const firstHashes = await hashTree(first);
		expect(firstHashes.size).toBeGreaterThan(120);
		expect(await hashTree(second)).toEqual(firstHashes);
		// The CSVs describe the default 512 × 512 images whatever imageSize is.
		for (const name of ['cases.csv', 'truth.csv']) {
			const committed = await readFile(join(COMMITTED_STUDY, name));
			expect(committed.equals(await readFile(join(first, name))), name).toBe(true);
		}
		await generateDemoStudy({ outDir: other, seed: 7, imageSize: 128 });
		const otherTruth = await readFile(join(other, 'truth.csv'), 'utf8');
		expect(otherTruth).not.toBe(await readFile(join(first, 'truth.csv'), 'utf8'));
	}, 60_000);
});
