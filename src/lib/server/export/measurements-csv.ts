// measurements.csv of a blind export: the readers' measurements (lengths, ROIs, angles), one row
// per measurement, under the export's codes for reader, case and modality, like reads.csv. Sorted
// by the codes (never in the order they were stored, which could tell the arms apart in a
// sequential design). Written only when some read has a measurement.
import type { StudyRead } from '../reads/study-reads';
import type { Measurement } from '../../domain/measurement';
import { compareCodeUnits } from '../../design/schedule/ordering';

export const MEASUREMENTS_HEADER = [
	'reader',
	'modality',
	'case',
	'read_version',
	'superseded',
	'measurement',
	'kind',
	'image',
	'frame',
	'calibration',
	'x1',
	'y1',
	'x2',
	'y2',
	'x3',
	'y3',
	'value',
	'unit',
	'mean',
	'sd',
	'pixel_unit',
	'pixels',
	'mark_confidence'
];

type Cell = string | number | null;

export function measurementRows(
	rows: ReadonlyArray<
		Pick<StudyRead, 'id' | 'reader' | 'arm' | 'caseKey' | 'supersedes' | 'measurements'>
	>,
	codes: {
		readers: ReadonlyMap<string, string>;
		cases: ReadonlyMap<string, string>;
		arms: ReadonlyMap<string, string>;
	}
): Cell[][] {
	const version = new Map<number, number>();
	const superseded = new Set<number>();
	for (const row of rows) {
		version.set(row.id, row.supersedes === null ? 1 : (version.get(row.supersedes) ?? 0) + 1);
		if (row.supersedes !== null) superseded.add(row.supersedes);
	}
	const out = rows.flatMap((row) =>
		(JSON.parse(row.measurements) as Measurement[]).map((item, index): Cell[] => {
			const [p1, p2, p3] = item.points as Array<[number, number] | undefined>;
			const value =
				item.kind === 'length' ? item.length : item.kind === 'angle' ? item.angle : item.area;
			const roi = item.kind === 'ellipse' || item.kind === 'rectangle' ? item : null;
			return [
				codes.readers.get(row.reader) ?? null,
				codes.arms.get(row.arm) ?? null,
				codes.cases.get(row.caseKey) ?? null,
				version.get(row.id)!,
				superseded.has(row.id) ? 1 : 0,
				index + 1,
				item.kind,
				item.image,
				item.frame ?? null,
				item.calibration,
				p1?.[0] ?? null,
				p1?.[1] ?? null,
				p2?.[0] ?? null,
				p2?.[1] ?? null,
				p3?.[0] ?? null,
				p3?.[1] ?? null,
				value.value,
				value.unit,
				roi?.mean.value ?? null,
				roi?.sd.value ?? null,
				roi?.mean.unit ?? null,
				roi?.pixels ?? null,
				roi?.confidence ?? null
			];
		})
	);
	const key = (cells: Cell[]) =>
		cells
			.slice(0, 6)
			.map((cell) => String(cell).padStart(6, '0'))
			.join(' ');
	return out.sort((left, right) => compareCodeUnits(key(left), key(right)));
}
