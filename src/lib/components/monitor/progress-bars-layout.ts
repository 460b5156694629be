// Layout of the monitor's progress bars: the label column is as wide as the longest label and the
// figure as wide as bars and values need, so no label or value is clipped, in any language.
import { approxTextWidth } from '$lib/verification-report/figures/text-width';

export interface BarRow {
	label: string;
	done: number;
	total: number;
}

const BAR_AREA = 200;
const GAP = 6;

export interface BarsLayout {
	width: number;
	labelWidth: number;
	scale: (value: number) => number;
}

export function progressBarsLayout(rows: readonly BarRow[], fontSize: number): BarsLayout {
	const widest = (texts: string[]) =>
		Math.ceil(Math.max(0, ...texts.map((text) => approxTextWidth(text, fontSize))));
	const labelWidth = widest(rows.map((row) => row.label)) + 2 * GAP;
	const valueWidth = widest(rows.map((row) => `${row.done}/${row.total}`)) + 2 * GAP;
	const max = Math.max(1, ...rows.map((row) => row.total));
	return {
		width: labelWidth + BAR_AREA + valueWidth,
		labelWidth,
		scale: (value: number) => (BAR_AREA * value) / max
	};
}
