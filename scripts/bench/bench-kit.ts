// What every benchmark prints the same way: the machine it ran on, and each figure as the median of
// several runs with their spread and its ratio to the target or to the peer it is compared with.
// `npm run bench` (scripts/bench/run.ts) prints every recorded figure again at the end as one
// Markdown table, the one the README's benchmark tables are copied from.
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** One figure: the value each run gave (e.g. each run's p95, or each run's wall time). */
export interface Figure {
	/** What was measured, e.g. "submit → first pixel, p95". */
	label: string;
	/** One value per run; their median is the figure, their minimum and maximum its spread. */
	runs: readonly number[];
	unit: 'ms' | 's' | '%' | '/s' | '';
	/** A target the median must stay below (or above, for a rate). */
	target?: { value: number; better: 'lower' | 'higher' };
	/** The established tool or earlier figure it is compared with, in the same unit. */
	peer?: { label: string; value: number };
	/** How the figure was measured, in a few words (shown in the table). */
	note?: string;
}

const recorded: Figure[] = [];

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[
		Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	]!;
}

export function formatValue(value: number, unit: Figure['unit']): string {
	const digits =
		unit === 's' ? (value < 10 ? 2 : value < 100 ? 1 : 0) : unit === '%' ? 1 : value < 10 ? 1 : 0;
	const text = value.toLocaleString('en-GB', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return unit === '' ? text : unit === '%' || unit === '/s' ? `${text} ${unit}` : `${text} ${unit}`;
}

/** "median 412 ms (398–431 ms, 5 runs)". */
export function spreadText(figure: Pick<Figure, 'runs' | 'unit'>): string {
	const { runs, unit } = figure;
	const low = Math.min(...runs);
	const high = Math.max(...runs);
	const range =
		runs.length > 1
			? ` (${formatValue(low, unit).replace(/ .*$/, '')}${low < 0 ? ' to ' : '–'}${formatValue(high, unit)}, ${runs.length} runs)`
			: ' (1 run)';
	return `median ${formatValue(median(runs), unit)}${range}`;
}

/** "target < 500 ms: met, 0.82 ×" or "MRMCaov 96 s: 230 × faster". */
export function comparisonText(figure: Figure): string {
	const value = median(figure.runs);
	const parts: string[] = [];
	if (figure.target) {
		const { value: target, better } = figure.target;
		const met = better === 'lower' ? value < target : value > target;
		// A ratio says nothing for a value at or below zero (an overhead within the noise).
		const ratio = value > 0 && target > 0 ? `, ${(value / target).toFixed(2)} ×` : '';
		parts.push(
			`target ${better === 'lower' ? '<' : '>'} ${formatValue(target, figure.unit)}: ${met ? 'met' : 'NOT met'}${ratio}`
		);
	}
	if (figure.peer) {
		// How many times faster than the peer: less time, or (for a rate) more per second.
		const ratio = figure.unit === '/s' ? value / figure.peer.value : figure.peer.value / value;
		const times = (x: number) =>
			x.toLocaleString('en-GB', { maximumFractionDigits: x >= 10 ? 0 : x >= 1.1 ? 1 : 2 });
		parts.push(
			`${figure.peer.label} ${formatValue(figure.peer.value, figure.unit)}: ${
				ratio >= 1 ? `${times(ratio)} × faster` : `${times(1 / ratio)} × slower`
			}`
		);
	}
	return parts.join('; ');
}

/** Prints the figure on one line and keeps it for the closing table. */
export function report(figure: Figure): void {
	recorded.push(figure);
	const comparison = comparisonText(figure);
	console.log(`${figure.label}: ${spreadText(figure)}${comparison ? ` — ${comparison}` : ''}`);
}

export function recordedFigures(): readonly Figure[] {
	return recorded;
}

/** The closing Markdown table of every figure reported in this process. */
export function figuresTable(figures: readonly Figure[] = recorded): string {
	const rows = figures.map(
		(figure) =>
			`| ${figure.label}${figure.note ? ` (${figure.note})` : ''} | ${spreadText(figure)} | ${comparisonText(figure) || '—'} |`
	);
	return ['| figure | median (min–max, runs) | target / peer |', '|---|---|---|', ...rows].join(
		'\n'
	);
}

/** Runs `measure` `count` times (after `warmup` discarded runs); the values, in run order. */
export async function repeat(
	count: number,
	measure: (run: number) => number | Promise<number>,
	warmup = 0
): Promise<number[]> {
	for (let run = 0; run < warmup; run += 1) await measure(-1 - run);
	const values: number[] = [];
	for (let run = 0; run < count; run += 1) values.push(await measure(run));
	return values;
}

/** How many runs each figure takes (BENCH_RUNS, default `fallback`). */
export function runCount(fallback: number): number {
	const requested = Number(process.env.BENCH_RUNS ?? fallback);
	return Number.isInteger(requested) && requested > 0 ? requested : fallback;
}

function cpuModel(): string {
	const model = cpus()[0]?.model.trim();
	if (model && !/^(unknown|)$/i.test(model)) return model;
	try {
		const text = execFileSync('lscpu', { encoding: 'utf8' });
		return /Model name:\s*(.+)/.exec(text)?.[1]?.trim() ?? 'unknown CPU';
	} catch {
		return 'unknown CPU';
	}
}

/** The machine the figures come from, and how busy it was (load averages over 1, 5, 15 min). */
export function machine(): string {
	const load = loadavg()
		.map((value) => value.toFixed(2))
		.join(' / ');
	const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(1);
	return `machine: ${cpuModel()}, ${cpus().length} cores, ${gib(totalmem())} GiB memory (${gib(freemem())} free), Node ${process.version}; load average ${load}`;
}
