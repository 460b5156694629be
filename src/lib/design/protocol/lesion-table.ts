// Checks on the truth lesions file (truth.lesions in study.yaml, e.g. lesions.csv): one row per
// region of a lesion — `case_id, lesion_id`, the image (`image`, or `image_first, image_last` for a
// lesion spanning slices), an optional `frame`, the geometry (`x, y, radius_mm`: a point; `x0, y0,
// x1, y1`: a box; `contour`: "x y;x y;…"), an optional `weight`, and any further columns as lesion
// attributes (type, size_mm…). Several rows may share a lesion id within a case: the same lesion
// on several images (a mass on CC and MLO). Pure: rows come in split into fields with their line.
import { MAX_CELL_LENGTH, type TableProblem, type TableRow } from './case-table';
import type { TruthLesion } from '../../stats/lesion/match-marks';
import { decimal, regionOf, type Problem } from './lesion-region-cells';

export const LESION_COLUMNS = [
	'case_id',
	'lesion_id',
	'image',
	'image_first',
	'image_last',
	'frame',
	'x',
	'y',
	'radius_mm',
	'x0',
	'y0',
	'x1',
	'y1',
	'contour',
	'weight'
] as const;
export const REQUIRED_LESION_COLUMNS = ['case_id', 'lesion_id'];

/** One region of a lesion: where match-marks looks, plus the frame of a multi-frame image. */
export type LesionRegionRecord = TruthLesion & { frame?: number };

export interface TruthLesionRecord {
	caseKey: string;
	id: string;
	/** The lesion's weight within its case (given, or an equal share); a case's weights sum to 1. */
	weight: number;
	/** Whether the weight was given in the file (else an equal share). */
	weightGiven: boolean;
	attributes: Record<string, string>;
	regions: LesionRegionRecord[];
	line: number;
}

export interface LesionTableContext {
	/** Each case of the manifest with its truth (1 diseased, 0 non-diseased). */
	truth: ReadonlyMap<string, 0 | 1>;
	/** The number of images of each case, where known (folder images; not imported ones). */
	imageCounts?: ReadonlyMap<string, number>;
}

const LESION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const WEIGHT_TOLERANCE = 1e-6;

export function lesionAttributeColumns(header: readonly string[]): string[] {
	return header.filter((column) => !(LESION_COLUMNS as readonly string[]).includes(column));
}

export function checkLesionRows(
	context: LesionTableContext,
	header: readonly string[],
	rows: readonly TableRow[]
): { records: TruthLesionRecord[]; problems: TableProblem[] } {
	const problems: TableProblem[] = [];
	const attributeColumns = lesionAttributeColumns(header);
	const byCase = new Map<string, TruthLesionRecord[]>();
	const weightLine = new Map<TruthLesionRecord, number>();
	/** Cases with a row, valid or not: a case whose only row is wrong is not also "without lesions". */
	const listed = new Set<string>();
	for (const row of rows) {
		const problem = (field: string | undefined, message: string) =>
			problems.push({ line: row.line, field, message });
		const before = problems.length;
		const caseKey = row.fields['case_id'] ?? '';
		const id = row.fields['lesion_id'] ?? '';
		const truth = context.truth.get(caseKey);
		listed.add(caseKey);
		if (truth === undefined)
			problem('case_id', `case "${clip(caseKey)}" is not in the case manifest`);
		else if (truth === 0)
			problem('case_id', `case ${caseKey} is non-diseased in the truth file: it has no lesions`);
		if (id === '0')
			problem('lesion_id', 'lesion id 0 is reserved (it means a non-lesion localisation)');
		else if (!LESION_ID.test(id))
			problem('lesion_id', `"${clip(id)}" is not a lesion id (letters, digits, . _ -; at most 64)`);
		for (const [field, value] of Object.entries(row.fields))
			if (value.length > MAX_CELL_LENGTH)
				problem(field, `longer than ${MAX_CELL_LENGTH.toLocaleString('en-US')} characters`);
		const images = imageRange(row, problem, context.imageCounts?.get(caseKey));
		const frame = optionalCount(row, 'frame', problem);
		const region = regionOf(row, problem);
		const weight = optionalWeight(row, problem);
		if (problems.length > before || !images || !region) continue;

		const lesions = byCase.get(caseKey) ?? [];
		byCase.set(caseKey, lesions);
		let lesion = lesions.find((other) => other.id === id);
		if (!lesion) {
			lesion = {
				caseKey,
				id,
				weight: 0,
				weightGiven: false,
				attributes: Object.fromEntries(attributeColumns.map((c) => [c, row.fields[c] ?? ''])),
				regions: [],
				line: row.line
			};
			lesions.push(lesion);
		} else {
			for (const column of attributeColumns) {
				const value = row.fields[column] ?? '';
				if (value !== '' && lesion.attributes[column] === '') lesion.attributes[column] = value;
				else if (value !== '' && value !== lesion.attributes[column])
					problem(
						column,
						`lesion ${id} of case ${caseKey} has ${column} "${clip(lesion.attributes[column]!)}" on line ${lesion.line}`
					);
			}
		}
		if (weight !== undefined) {
			const first = weightLine.get(lesion);
			if (first !== undefined && lesion.weight !== weight)
				problem(
					'weight',
					`lesion ${id} of case ${caseKey} has weight ${lesion.weight} on line ${first}`
				);
			lesion.weight = weight;
			lesion.weightGiven = true;
			weightLine.set(lesion, first ?? row.line);
		}
		lesion.regions.push({
			id,
			firstImage: images[0],
			lastImage: images[1],
			region,
			...(frame !== undefined && { frame })
		});
	}
	for (const lesions of byCase.values()) settleWeights(lesions, problems);
	const missing = [...context.truth]
		.filter(([caseKey, truth]) => truth === 1 && !listed.has(caseKey))
		.map(([caseKey]) => caseKey);
	if (missing.length > 0)
		problems.push({
			line: 1,
			field: 'case_id',
			message: `no lesion for diseased case(s) ${shortList(missing)}: a lesion-level analysis needs every diseased case's lesions`
		});
	return { records: [...byCase.values()].flat(), problems };
}

/** Weights given for every lesion of a case (summing to 1) or for none (then equal shares). */
function settleWeights(lesions: TruthLesionRecord[], problems: TableProblem[]): void {
	const given = lesions.filter((lesion) => lesion.weightGiven);
	const first = lesions[0]!;
	if (given.length === 0) {
		for (const lesion of lesions) lesion.weight = 1 / lesions.length;
		return;
	}
	if (given.length < lesions.length) {
		const without = lesions.find((lesion) => !lesion.weightGiven)!;
		problems.push({
			line: without.line,
			field: 'weight',
			message: `case ${first.caseKey} gives weights to some lesions but not to lesion ${without.id}: give all or none`
		});
		return;
	}
	const sum = lesions.reduce((total, lesion) => total + lesion.weight, 0);
	if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
		problems.push({
			line: first.line,
			field: 'weight',
			message: `the weights of case ${first.caseKey}'s lesions sum to ${Number(sum.toFixed(9))}, not 1`
		});
}

function imageRange(
	row: TableRow,
	problem: Problem,
	count: number | undefined
): [number, number] | null {
	const single = (row.fields['image'] ?? '') !== '';
	const ranged =
		(row.fields['image_first'] ?? '') !== '' || (row.fields['image_last'] ?? '') !== '';
	if (single && ranged) {
		problem('image', 'give image, or image_first and image_last, not both');
		return null;
	}
	if (!single && !ranged) {
		problem(
			'image',
			'give the image (instance number within the case), or image_first and image_last'
		);
		return null;
	}
	const first = count1(row, single ? 'image' : 'image_first', problem);
	const last = single ? first : count1(row, 'image_last', problem);
	if (first === undefined || last === undefined) return null;
	if (last < first) {
		problem('image_last', `image_last ${last} comes before image_first ${first}`);
		return null;
	}
	if (count !== undefined && last > count) {
		problem(
			single ? 'image' : 'image_last',
			`image ${last} is beyond the case's ${count} image${count === 1 ? '' : 's'}`
		);
		return null;
	}
	return [first, last];
}

function count1(row: TableRow, field: string, problem: Problem): number | undefined {
	const text = row.fields[field] ?? '';
	if (!/^[1-9][0-9]{0,5}$/.test(text)) {
		problem(field, `"${clip(text)}" is not a whole number from 1`);
		return undefined;
	}
	return Number(text);
}

function optionalCount(row: TableRow, field: string, problem: Problem): number | undefined {
	return (row.fields[field] ?? '') === '' ? undefined : count1(row, field, problem);
}

function optionalWeight(row: TableRow, problem: Problem): number | undefined {
	const text = row.fields['weight'] ?? '';
	if (text === '') return undefined;
	const value = decimal(text);
	if (value === undefined || value <= 0 || value > 1) {
		problem('weight', `"${clip(text)}" is not a weight in (0, 1]`);
		return undefined;
	}
	return value;
}

function shortList(keys: string[]): string {
	return keys.slice(0, 5).join(', ') + (keys.length > 5 ? `, … (${keys.length} in all)` : '');
}

function clip(value: string): string {
	return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
