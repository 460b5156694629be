// lesions.csv and lesion-regions.csv of a blind export: the truth lesions under the export's case
// codes, sorted by code. lesions.csv is the truth file `tandem analyze --truth` reads (case,
// lesion, weight, then the lesion attributes; `case,0,0` for a non-diseased case);
// lesion-regions.csv says where each lesion lies, one row per region (a lesion on two views has
// two). Pure: the lesions come in by case key.
import { compareCodeUnits } from '../../design/schedule/ordering';
import type { LesionRegionRecord } from '../../design/protocol/lesion-table';
import type { CaseTruthLesion } from '../cases/truth-lesions';

export const LESION_REGIONS_HEADER = [
	'case',
	'lesion',
	'image_first',
	'image_last',
	'frame',
	'shape',
	'x',
	'y',
	'radius_mm',
	'x0',
	'y0',
	'x1',
	'y1',
	'contour'
];

type Cell = string | number | null;

interface CodedCase {
	code: string;
	truth: number;
	lesions: readonly CaseTruthLesion[];
}

function coded(
	cases: ReadonlyArray<{ key: string; truth: number }>,
	lesionsByCase: ReadonlyMap<string, readonly CaseTruthLesion[]>,
	caseCodes: ReadonlyMap<string, string>
): CodedCase[] {
	return cases
		.map((row) => {
			const code = caseCodes.get(row.key);
			if (code === undefined) throw new Error(`no code for case '${row.key}'`);
			return { code, truth: row.truth, lesions: lesionsByCase.get(row.key) ?? [] };
		})
		.sort((left, right) => compareCodeUnits(left.code, right.code));
}

/** The attribute columns, in the order of the protocol's file (every lesion carries each). */
function attributeColumns(
	lesionsByCase: ReadonlyMap<string, readonly CaseTruthLesion[]>
): string[] {
	const columns: string[] = [];
	for (const lesions of lesionsByCase.values())
		for (const lesion of lesions)
			for (const column of Object.keys(lesion.attributes))
				if (!columns.includes(column)) columns.push(column);
	return columns;
}

export function lesionTruthTable(
	cases: ReadonlyArray<{ key: string; truth: number }>,
	lesionsByCase: ReadonlyMap<string, readonly CaseTruthLesion[]>,
	caseCodes: ReadonlyMap<string, string>
): { header: string[]; rows: Cell[][] } {
	const attributes = attributeColumns(lesionsByCase);
	const rows = coded(cases, lesionsByCase, caseCodes).flatMap((item): Cell[][] =>
		item.truth === 1
			? item.lesions.map((lesion) => [
					item.code,
					lesion.id,
					lesion.weight,
					...attributes.map((column) => lesion.attributes[column] ?? '')
				])
			: [[item.code, 0, 0, ...attributes.map(() => '')]]
	);
	return { header: ['case', 'lesion', 'weight', ...attributes], rows };
}

export function lesionRegionRows(
	cases: ReadonlyArray<{ key: string; truth: number }>,
	lesionsByCase: ReadonlyMap<string, readonly CaseTruthLesion[]>,
	caseCodes: ReadonlyMap<string, string>
): Cell[][] {
	return coded(cases, lesionsByCase, caseCodes).flatMap((item) =>
		item.lesions.flatMap((lesion) =>
			lesion.regions.map((region) => [item.code, lesion.id, ...regionCells(region)])
		)
	);
}

function regionCells(entry: LesionRegionRecord): Cell[] {
	const { region } = entry;
	const place = [entry.firstImage, entry.lastImage, entry.frame ?? null];
	if (region.kind === 'point')
		return [...place, 'point', region.x, region.y, region.radiusMm, null, null, null, null, null];
	if (region.kind === 'box') {
		const { x0, y0, x1, y1 } = region.box;
		return [...place, 'box', null, null, null, x0, y0, x1, y1, null];
	}
	const contour = region.points.map(([x, y]) => `${x} ${y}`).join(';');
	return [...place, 'contour', null, null, null, null, null, null, null, contour];
}
