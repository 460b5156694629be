// A lesion-level endpoint of a trial (wAFROC, AFROC, lesion sensitivity = MaxLLF, NLs per
// non-diseased image = MaxNLF) analysed as `tandem analyze --input marks.csv --truth lesions.csv`
// does: the figure per reader × arm, Obuchowski–Rockette with jackknife covariance and Hillis df,
// RRRC as the decision analysis, the same margin tests as the case-level endpoints. NLs per
// image is better lower: its test is test − reference < δ (non-inferiority) or < 0 (superiority).
// LROC: PCL, the fraction of diseased cases correctly localised at the endpoint's false-positive
// fraction (default 0.2, as RJafroc; lroc.ts).
import type { LesionFom } from '../analysis-report';
import { DEFAULT_LROC_FPF } from '../lesion/lroc';
import { analyzeLesionStudy } from '../lesion/analyze-lesions';
import type { LesionStudy } from '../lesion/lesion-study';
import { differenceEndpoint, differenceFigures, type EndpointResult } from './endpoint-analysis';
import { lowerIsBetterDeclaredP, lowerIsBetterTest } from './lower-is-better-test';
import type { ArmPair, LesionEndpointMetric, TrialEndpoint } from './trial-input';

/** The `--fom` of `tandem analyze` for each lesion-level metric of a protocol. */
export const LESION_FOM: Record<Exclude<LesionEndpointMetric, 'lroc'>, LesionFom> = {
	wafroc: 'wafroc',
	afroc: 'afroc',
	lesion_sensitivity: 'lesion-sensitivity',
	fp_per_image: 'nl-per-image'
};

export function lesionFomOf(metric: LesionEndpointMetric): LesionFom {
	return metric === 'lroc' ? 'pcl' : LESION_FOM[metric];
}

export function analyzeLesionEndpoint(
	study: LesionStudy,
	endpoint: TrialEndpoint & { metric: LesionEndpointMetric },
	arms: ArmPair,
	alpha = 0.05
): EndpointResult {
	const fom = lesionFomOf(endpoint.metric);
	const report = analyzeLesionStudy(study, {
		fom,
		...(endpoint.metric === 'lroc' && { fpf: endpoint.fpf ?? DEFAULT_LROC_FPF }),
		covariance: 'jackknife',
		method: 'or',
		alpha,
		margin: endpoint.margin ?? 0,
		testAlpha: endpoint.alpha,
		test: arms.test,
		reference: arms.reference
	});
	if (endpoint.metric !== 'fp_per_image') return differenceEndpoint(report, endpoint, arms);
	const figures = differenceFigures(report, arms);
	const { rrrc } = figures;
	const test = lowerIsBetterTest(
		endpoint.hypothesis,
		{ estimate: rrrc.estimate, se: rrrc.se, df: rrrc.df ?? Infinity },
		endpoint.margin ?? 0,
		endpoint.alpha
	);
	// The report's own margin tests read higher as better: not this endpoint's test.
	report.hypothesis = {
		...report.hypothesis,
		tests: [],
		note: 'fewer NLs per image is better: the declared test is test − reference below its bound'
	};
	return {
		endpoint,
		scale: 'difference',
		better: 'lower',
		...figures,
		test,
		declared: lowerIsBetterDeclaredP(test),
		met: test.rejected,
		report
	};
}
