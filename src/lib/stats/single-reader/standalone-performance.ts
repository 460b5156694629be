// Standalone performance of an algorithm (AI-3, AI-4): sensitivity and specificity with Wilson
// intervals and the empirical AUC with its DeLong interval, overall and per subgroup, with a
// flag where the best and worst subgroup differ by more than 10 % of the best. Cases the AI
// could not process arrive already scored by the protocol's rule: they stay in the denominator.
import { aucWithDelongInterval, type AucInterval } from './auc-interval';
import { binaryPerformance, confusionMatrix, type BinaryPerformance } from './confusion-matrix';
import { compareNatural } from '../natural-order';

export const SUBGROUP_FLAG_RELATIVE_DIFFERENCE = 0.1;

export interface ScoredCase {
	truth: number;
	score: number;
	call: number;
	strata: Record<string, string>;
}

export interface GroupPerformance {
	group: string;
	cases: number;
	positive: number;
	binary: BinaryPerformance;
	/** Null when the group has fewer than two cases of a truth class. */
	auc: AucInterval | null;
}

export interface SubgroupComparison {
	stratum: string;
	groups: GroupPerformance[];
	/** Metrics whose highest and lowest subgroup estimates differ by more than 10 % of the highest. */
	flags: Array<{
		metric: 'sensitivity' | 'specificity' | 'auc';
		low: string;
		high: string;
		relativeDifference: number;
	}>;
}

export function groupPerformance(
	group: string,
	scored: readonly ScoredCase[],
	alpha = 0.05
): GroupPerformance {
	const truth = scored.map((item) => item.truth);
	const positive = truth.filter((value) => value === 1).length;
	// DeLong's variance needs at least two cases of each class.
	const enoughOfEach = positive >= 2 && scored.length - positive >= 2;
	return {
		group,
		cases: scored.length,
		positive,
		binary: binaryPerformance(
			confusionMatrix(
				scored.map((item) => item.call),
				truth
			),
			alpha
		),
		auc: enoughOfEach
			? aucWithDelongInterval(
					scored.map((item) => item.score),
					truth,
					alpha
				)
			: null
	};
}

export function compareSubgroups(
	stratum: string,
	scored: readonly ScoredCase[],
	alpha = 0.05
): SubgroupComparison {
	const values = [...new Set(scored.map((item) => item.strata[stratum] ?? ''))].sort(
		compareNatural
	);
	const groups = values.map((value) =>
		groupPerformance(
			value,
			scored.filter((item) => (item.strata[stratum] ?? '') === value),
			alpha
		)
	);
	const metrics = {
		sensitivity: (group: GroupPerformance) => group.binary.sensitivity?.estimate ?? null,
		specificity: (group: GroupPerformance) => group.binary.specificity?.estimate ?? null,
		auc: (group: GroupPerformance) => group.auc?.auc ?? null
	};
	const flags: SubgroupComparison['flags'] = [];
	for (const [metric, read] of Object.entries(metrics) as Array<
		[keyof typeof metrics, (group: GroupPerformance) => number | null]
	>) {
		const estimates = groups
			.map((group) => ({ group: group.group, value: read(group) }))
			.filter((entry): entry is { group: string; value: number } => entry.value !== null);
		if (estimates.length < 2) continue;
		const low = estimates.reduce((a, b) => (b.value < a.value ? b : a));
		const high = estimates.reduce((a, b) => (b.value > a.value ? b : a));
		const relativeDifference = high.value === 0 ? 0 : (high.value - low.value) / high.value;
		if (relativeDifference > SUBGROUP_FLAG_RELATIVE_DIFFERENCE)
			flags.push({ metric, low: low.group, high: high.group, relativeDifference });
	}
	return { stratum, groups, flags };
}
