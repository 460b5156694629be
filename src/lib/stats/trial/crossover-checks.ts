// Crossover checks. Period effect: each reader reads every case once per period, so the reads
// analysed with the period in place of the arm form a fully crossed design; the OR RRRC
// difference (period 2 − period 1) tests whether reading later changes the figure of merit.
// Sequence (carry-over) effect: each reader's test − reference difference, compared between the
// two sequence groups with Welch's t test (readers as the units; Grizzle 1965).
import { analyzeStudy } from '../analyze';
import { DesignError } from '../design-error';
import { studentTQuantile, studentTSurvival } from '../distributions';
import { longCsvText } from '../input/long-csv-writer';
import { parseLongCsv, ReadsInputError } from '../input/long-csv';
import { compareNatural } from '../natural-order';
import { orientedDifference, type Difference } from './oriented-contrast';
import type { ReaderDifference } from './endpoint-analysis';
import { isLesionMetric, type TrialEndpoint, type TrialInput } from './trial-input';

export interface PeriodEffect {
	metric: TrialEndpoint['metric'];
	periods: Array<{ period: string; estimate: number }>;
	/** Last period − first period, RRRC. */
	difference: Difference;
}

export interface SequenceEffect {
	groups: Array<{ sequence: string; readers: number; meanDifference: number }>;
	/** Difference of the groups' mean test − reference differences, Welch t. */
	estimate: number;
	se: number;
	df: number;
	p: number;
	ciLower: number;
	ciUpper: number;
}

export interface CrossoverChecks {
	period?: PeriodEffect;
	sequence?: SequenceEffect;
	notes: string[];
}

function periodEffect(input: TrialInput, endpoint: TrialEndpoint, alpha: number): PeriodEffect {
	const metric = endpoint.metric;
	if (isLesionMetric(metric))
		throw new DesignError(
			`the period check compares the case-level ratings of the two periods; the primary endpoint (${metric}) is lesion-level`
		);
	const reads = input.reads.map((row) => {
		if (row.period === null || row.period === undefined)
			throw new DesignError('the reads carry no period');
		return { ...row, modality: `period ${row.period}` };
	});
	const study = parseLongCsv(longCsvText(reads));
	if (study.modalities.length !== 2)
		throw new DesignError(`the period check needs two periods, found ${study.modalities.length}`);
	const fom = metric === 'reading_time' ? 'auc' : metric;
	const report = analyzeStudy(study, { fom, covariance: 'jackknife', method: 'or', alpha });
	const [first, last] = study.modalities as [string, string];
	return {
		metric: endpoint.metric,
		periods: report.or!.rrrc.modalityCi.map((row) => ({
			period: row.modality,
			estimate: row.estimate
		})),
		difference: orientedDifference(report.or!.rrrc.diffs, { test: last, reference: first })
	};
}

function sequenceEffect(
	input: TrialInput,
	readerDifferences: ReaderDifference[],
	alpha: number
): SequenceEffect {
	const sequenceOf = new Map<string, string>();
	for (const row of input.reads) if (row.sequence) sequenceOf.set(row.reader, row.sequence);
	const groups = new Map<string, number[]>();
	for (const row of readerDifferences) {
		const sequence = sequenceOf.get(row.reader);
		if (sequence === undefined) throw new DesignError(`reader ${row.reader} has no sequence`);
		let list = groups.get(sequence);
		if (!list) groups.set(sequence, (list = []));
		list.push(row.estimate);
	}
	const names = [...groups.keys()].sort(compareNatural);
	if (names.length !== 2)
		throw new DesignError(`the sequence check needs two sequence groups, found ${names.length}`);
	const stats = names.map((sequence) => {
		const values = groups.get(sequence) as number[];
		const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
		const variance =
			values.length > 1
				? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1)
				: NaN;
		return { sequence, readers: values.length, meanDifference: mean, variance };
	});
	const [a, b] = stats as [(typeof stats)[0], (typeof stats)[0]];
	if (a.readers < 2 || b.readers < 2)
		throw new DesignError('the sequence check needs at least two readers in each sequence group');
	const [va, vb] = [a.variance / a.readers, b.variance / b.readers];
	const se = Math.sqrt(va + vb);
	const df =
		se > 0 ? (va + vb) ** 2 / (va ** 2 / (a.readers - 1) + vb ** 2 / (b.readers - 1)) : Infinity;
	const estimate = b.meanDifference - a.meanDifference;
	const t = se > 0 ? estimate / se : 0;
	const half = se > 0 ? studentTQuantile(1 - alpha / 2, df) * se : 0;
	return {
		groups: stats.map(({ sequence, readers, meanDifference }) => ({
			sequence,
			readers,
			meanDifference
		})),
		estimate,
		se,
		df,
		p: se > 0 ? 2 * studentTSurvival(Math.abs(t), df) : 1,
		ciLower: estimate - half,
		ciUpper: estimate + half
	};
}

export function crossoverChecks(
	input: TrialInput,
	primary: TrialEndpoint,
	readerDifferences: ReaderDifference[],
	alpha = 0.05
): CrossoverChecks {
	const notes: string[] = [];
	const attempt = <T>(what: string, run: () => T): T | undefined => {
		try {
			return run();
		} catch (error) {
			if (error instanceof DesignError || error instanceof ReadsInputError) {
				notes.push(`${what} not run: ${error.message}`);
				return undefined;
			}
			throw error;
		}
	};
	return {
		period: attempt('period check', () => periodEffect(input, primary, alpha)),
		sequence: attempt('sequence check', () => sequenceEffect(input, readerDifferences, alpha)),
		notes
	};
}
