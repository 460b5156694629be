// The geometry cells of a truth lesions row: exactly one of a point (`x, y`, optional
// `radius_mm`), a box (`x0, y0, x1, y1`) and a contour (`contour`: "x y;x y;…"), complete, in
// image pixel coordinates. Pure.
import type { TableRow } from './case-table';
import type { LesionRegion } from '../../stats/lesion/match-marks';

export type Problem = (field: string | undefined, message: string) => void;

const POINT = ['x', 'y'] as const;
const BOX = ['x0', 'y0', 'x1', 'y1'] as const;

/** The row's geometry: exactly one of a point, a box and a contour, complete. */
export function regionOf(row: TableRow, problem: Problem): LesionRegion | null {
	const has = (field: string) => (row.fields[field] ?? '') !== '';
	const kinds = [
		POINT.some(has) || has('radius_mm') ? 'point' : null,
		BOX.some(has) ? 'box' : null,
		has('contour') ? 'contour' : null
	].filter((kind) => kind !== null);
	if (kinds.length === 0) {
		problem('x', 'no geometry: give x, y (and radius_mm), or x0, y0, x1, y1, or a contour');
		return null;
	}
	if (kinds.length > 1) {
		problem(undefined, `one geometry per row: this row has a ${kinds.join(' and a ')}`);
		return null;
	}
	const coordinate = (field: string): number | undefined => {
		const text = row.fields[field] ?? '';
		if (text === '') {
			problem(
				field,
				`missing: a ${kinds[0]} needs ${kinds[0] === 'box' ? BOX.join(', ') : 'x, y'}`
			);
			return undefined;
		}
		const value = decimal(text);
		if (value === undefined || value < 0 || value > 100_000)
			problem(field, `"${clip(text)}" is not a pixel coordinate (0 to 100000)`);
		return value;
	};
	if (kinds[0] === 'point') {
		const [x, y] = POINT.map(coordinate);
		const radiusText = row.fields['radius_mm'] ?? '';
		const radiusMm = radiusText === '' ? 0 : decimal(radiusText);
		if (radiusMm === undefined || radiusMm < 0 || radiusMm > 1000) {
			problem('radius_mm', `"${clip(radiusText)}" is not a radius in mm (0 to 1000)`);
			return null;
		}
		return x === undefined || y === undefined ? null : { kind: 'point', x, y, radiusMm };
	}
	if (kinds[0] === 'box') {
		const [x0, y0, x1, y1] = BOX.map(coordinate);
		if ([x0, y0, x1, y1].some((value) => value === undefined)) return null;
		return { kind: 'box', box: { x0: x0!, y0: y0!, x1: x1!, y1: y1! } };
	}
	const points = contourPoints(row.fields['contour'] ?? '');
	if (!points) {
		problem('contour', 'a contour is at least 3 points "x y;x y;x y", coordinates from 0');
		return null;
	}
	return { kind: 'contour', points };
}

function contourPoints(text: string): Array<[number, number]> | null {
	const points = text
		.split(';')
		.map((pair) => pair.trim())
		.filter((pair) => pair !== '')
		.map((pair) => pair.split(/\s+/).map(decimal));
	if (points.length < 3 || points.length > 10_000) return null;
	if (
		!points.every(
			(p) => p.length === 2 && p.every((v) => v !== undefined && v >= 0 && v <= 100_000)
		)
	)
		return null;
	return points as Array<[number, number]>;
}

export function decimal(text: string): number | undefined {
	return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : undefined;
}

function clip(value: string): string {
	return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
