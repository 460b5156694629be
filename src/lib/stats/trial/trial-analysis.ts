// The analysis of a whole trial (STAT-1..5, AI-4): every declared endpoint with its decision,
// each reader's performance, subgroups, the crossover checks, reader agreement and the AI
// standalone beside the readers. It parses the same long reads table the blind export writes,
// so `tandem analyze` on the export reproduces every endpoint figure.
import { DesignError } from '../design-error';
import { longCsvText } from '../input/long-csv-writer';
import { parseLongCsv } from '../input/long-csv';
import {
	readerPerformance,
	type ReaderPerformanceTable
} from '../single-reader/reader-performance';
import {
	compareSubgroups,
	groupPerformance,
	type GroupPerformance,
	type SubgroupComparison
} from '../single-reader/standalone-performance';
import { truthCounts } from '../study';
import { compareNatural } from '../natural-order';
import type { ReadRow } from '../input/read-row';
import { crossoverChecks, type CrossoverChecks } from './crossover-checks';
import { analyzeEndpoint, type EndpointResult } from './endpoint-analysis';
import { readerAgreement, type ArmAgreement } from './reader-agreement';
import { analyzeSubgroups, type SubgroupAnalysis } from './subgroup-analysis';
import { analyzeLesionEndpoint } from './lesion-endpoint';
import { analyzeLesionSubgroups } from './lesion-subgroups';
import { trialLesionStudy, type TrialLesionData } from './lesion-trial-study';
import { lesionCurveData, type LesionCurveData } from './lesion-curve-data';
import {
	isLesionMetric,
	type ArmPair,
	type LesionEndpointMetric,
	type LesionMethod,
	type TrialEndpoint,
	type TrialInput
} from './trial-input';

export type EndpointOutcome = EndpointResult | { endpoint: TrialEndpoint; error: string };

export interface StandaloneAi {
	overall: GroupPerformance;
	subgroups: SubgroupComparison[];
	failed: number;
}

/** Ratings and calls per arm and reader over the cases in `truth` order, for ROC figures. */
export interface CurveData {
	truth: number[];
	arms: Array<{
		arm: string;
		readers: Array<{ reader: string; ratings: number[]; decisions: number[] | null }>;
	}>;
	ai: { scores: number[]; calls: number[] } | null;
}

export interface TrialAnalysis {
	alpha: number;
	arms: ArmPair;
	design: { readers: string[]; cases: number; positive: number; negative: number; reads: number };
	endpoints: EndpointOutcome[];
	readerPerformance: ReaderPerformanceTable;
	subgroups: SubgroupAnalysis[];
	crossover: CrossoverChecks;
	agreement: ArmAgreement[];
	standaloneAi: StandaloneAi | null;
	readingTimes: Array<{ arm: string; seconds: number[] }>;
	curves: CurveData;
	/** The task and matching rule behind the lesion-level endpoints; null without such endpoints. */
	lesionMethod: LesionMethod | null;
	/** FROC and wAFROC curves per arm (and the AI's); null without analysable lesion-level files. */
	lesionCurves: LesionCurveData | null;
	/** Readers left out of the analysis set (an incomplete set of reads). */
	excludedReaders: Array<{ reader: string; reads: number; expected: number }>;
	notes: string[];
}

export const isEndpointResult = (outcome: EndpointOutcome): outcome is EndpointResult =>
	!('error' in outcome);

function attempt(endpoint: TrialEndpoint, run: () => EndpointResult): EndpointOutcome {
	try {
		return run();
	} catch (error) {
		if (error instanceof DesignError) return { endpoint, error: error.message };
		throw error;
	}
}

/**
 * The analysis set: readers who read every case in every arm. A reader who withdrew part-way
 * has an incomplete set and is left out (listed in the notes), as the crossed MRMC analysis needs.
 */
export function completeReaders(reads: readonly ReadRow[]): {
	reads: ReadRow[];
	excluded: Array<{ reader: string; reads: number; expected: number }>;
} {
	const cases = new Set(reads.map((row) => row.case));
	const arms = new Set(reads.map((row) => row.modality));
	const expected = cases.size * arms.size;
	const cells = new Map<string, Set<string>>();
	for (const row of reads) {
		let set = cells.get(row.reader);
		if (!set) cells.set(row.reader, (set = new Set()));
		set.add(`${row.modality}\u0000${row.case}`);
	}
	const excluded = [...cells]
		.filter(([, set]) => set.size < expected)
		.map(([reader, set]) => ({ reader, reads: set.size, expected }));
	const out = new Set(excluded.map((row) => row.reader));
	return {
		reads: out.size === 0 ? [...reads] : reads.filter((row) => !out.has(row.reader)),
		excluded: excluded.sort((a, b) => compareNatural(a.reader, b.reader))
	};
}

export function analyzeTrial(rawInput: TrialInput): TrialAnalysis {
	const alpha = rawInput.alpha ?? 0.05;
	const analysisSet = completeReaders(rawInput.reads);
	const input = { ...rawInput, reads: analysisSet.reads };
	if (input.reads.length === 0)
		throw new DesignError(
			'no reader has read every case in every arm: there is nothing to analyse yet'
		);
	const study = parseLongCsv(longCsvText(input.reads));
	for (const arm of [input.arms.test, input.arms.reference]) {
		if (!study.modalities.includes(arm))
			throw new DesignError(
				`the arm '${arm}' has no reads (arms in the reads: ${study.modalities.join(', ')})`
			);
	}
	// The lesion-level study, read once from the export's files when an endpoint needs it.
	let lesionData: TrialLesionData | undefined;
	const lesionStudy = (): TrialLesionData =>
		(lesionData ??= trialLesionStudy(
			input.lesions ?? { missing: 'the lesion-level files of the export were not given' },
			study
		));
	const endpoints = input.endpoints.map((endpoint) =>
		attempt(endpoint, () =>
			isLesionMetric(endpoint.metric)
				? analyzeLesionEndpoint(
						lesionStudy().study,
						endpoint as TrialEndpoint & { metric: LesionEndpointMetric },
						input.arms,
						alpha
					)
				: analyzeEndpoint(study, endpoint, input.arms, alpha)
		)
	);
	const primary =
		input.endpoints.find(
			(endpoint) => endpoint.group === 'primary' && endpoint.metric !== 'reading_time'
		) ?? input.endpoints[0];
	const primaryResult = endpoints.find((outcome) => outcome.endpoint === primary);
	const metrics = [
		...new Map(
			input.endpoints
				.filter((endpoint) => endpoint.metric !== 'reading_time')
				.map((endpoint) => [endpoint.metric, endpoint])
		).values()
	];
	const aiByCase = input.ai ? new Map(input.ai.map((row) => [row.case, row])) : undefined;
	const aiOrdered = aiByCase ? study.cases.map((id) => aiByCase.get(id)) : undefined;
	const aiComplete = aiOrdered?.every((row) => row !== undefined)
		? (aiOrdered as NonNullable<(typeof aiOrdered)[number]>[])
		: undefined;
	const notes: string[] = analysisSet.excluded.map(
		(row) =>
			`reader ${row.reader} left out of the analysis set: ${row.reads} of ${row.expected} reads`
	);
	if (input.ai && !aiComplete) notes.push('standalone AI: not every case has an AI result');
	const strataOf = new Map(input.cases.map((row) => [row.case, row.strata]));
	return {
		alpha,
		arms: input.arms,
		design: {
			readers: study.readers,
			cases: study.cases.length,
			...truthCounts(study.truth),
			reads: input.reads.length
		},
		endpoints,
		readerPerformance: readerPerformance(study, alpha),
		subgroups: metrics.flatMap((endpoint) => {
			if (!isLesionMetric(endpoint.metric)) return [analyzeSubgroups(input, endpoint, alpha)];
			// Not analysable as a whole (no files, LROC): no subgroups either; the endpoint says why.
			const outcome = endpoints.find((row) => row.endpoint === endpoint);
			if (!outcome || !isEndpointResult(outcome)) return [];
			return [
				analyzeLesionSubgroups(
					input,
					lesionStudy(),
					endpoint as TrialEndpoint & { metric: LesionEndpointMetric },
					alpha
				)
			];
		}),
		crossover:
			primary && primaryResult && isEndpointResult(primaryResult)
				? crossoverChecks(input, primary, primaryResult.readerDifferences, alpha)
				: { notes: ['crossover checks need an analysable primary endpoint'] },
		agreement: readerAgreement(study, aiComplete, alpha),
		standaloneAi: aiComplete
			? (() => {
					const scored = aiComplete.map((row, k) => ({
						truth: study.truth[k] as number,
						score: row.score,
						call: row.call,
						strata: strataOf.get(row.case) ?? {}
					}));
					return {
						overall: groupPerformance('all cases', scored, alpha),
						subgroups: ['vendor', 'site']
							.filter((name) => input.strata.includes(name))
							.map((name) => compareSubgroups(name, scored, alpha)),
						failed: aiComplete.filter((row) => row.failed).length
					};
				})()
			: null,
		readingTimes: study.timeMs
			? study.modalities.map((arm, m) => ({
					arm,
					// A time not recorded (NaN) is not drawn.
					seconds: (study.timeMs![m] as Float64Array[]).flatMap((series) =>
						Array.from(series, (ms) => ms / 1000).filter((seconds) => !Number.isNaN(seconds))
					)
				}))
			: [],
		curves: {
			truth: Array.from(study.truth),
			arms: study.modalities.map((arm, m) => ({
				arm,
				readers: study.readers.map((reader, j) => ({
					reader,
					ratings: Array.from(study.rating[m]![j]!),
					decisions: study.decision ? Array.from(study.decision[m]![j]!) : null
				}))
			})),
			ai: aiComplete
				? { scores: aiComplete.map((row) => row.score), calls: aiComplete.map((row) => row.call) }
				: null
		},
		lesionMethod: input.endpoints.some((endpoint) => isLesionMetric(endpoint.metric))
			? (input.lesionMethod ?? null)
			: null,
		lesionCurves: input.endpoints.some((endpoint) => isLesionMetric(endpoint.metric))
			? lesionCurvesOf(lesionStudy, input.lesionAi ?? null)
			: null,
		excludedReaders: analysisSet.excluded,
		notes
	};
}

/** The lesion-level curves, or null when the files cannot be analysed (the endpoints say why). */
function lesionCurvesOf(
	lesionStudy: () => TrialLesionData,
	ai: LesionCurveData['ai']
): LesionCurveData | null {
	try {
		return lesionCurveData(lesionStudy().study, ai);
	} catch (error) {
		if (error instanceof DesignError) return null;
		throw error;
	}
}
