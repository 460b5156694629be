// Where `tandem power` gets its pilot Obuchowski–Rockette components: a JSON document (the
// output of `tandem analyze --format json`, the analysis.json of `tandem report`, or a bare
// object with the components and the number of cases), or a pilot reads CSV analysed here with
// the core's OR analysis — or a lesion-level (FROC) pilot, whose wAFROC (or other lesion-level
// figure's) OR components feed the same formulas as an AUC pilot's. Keys the reader does not
// know are ignored.
import { analyzeStudy, type AnalysisFom, type CovarianceMethod } from '../analyze';
import type { AnalysisReport, LesionFom, ReportFom } from '../analysis-report';
import { analyzeLesionStudy } from '../lesion/analyze-lesions';
import type { LesionStudy } from '../lesion/lesion-study';
import {
	orientationText,
	type Orientation,
	type OrientationOptions
} from '../hypothesis/orientation';
import { differenceBetween } from '../hypothesis/plan';
import type { ReadingStudy } from '../study';
import type { PilotComponents } from './hillis-obuchowski-berbaum';

export class PilotInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PilotInputError';
	}
}

const COMPONENT_KEYS = {
	varTR: 'var_tr',
	variance: 'var',
	cov1: 'cov1',
	cov2: 'cov2',
	cov3: 'cov3'
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(source: Record<string, unknown>, key: string, where: string): number {
	const value = source[key];
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new PilotInputError(
			`the pilot JSON needs a finite number at ${where}${key}, found ${JSON.stringify(value) ?? 'nothing'}`
		);
	}
	return value;
}

function wholeCases(cases: number): number {
	if (!(Number.isInteger(cases) && cases >= 2))
		throw new PilotInputError(
			`the pilot's number of cases must be a whole number ≥ 2, found ${cases}`
		);
	return cases;
}

export interface PilotFromJson {
	pilot: PilotComponents;
	/** Where in the document the components were found, when it is not the document itself. */
	source?: string;
}

/** A protocol's endpoint metric for each `--fom` whose name differs (lesion_sensitivity…). */
const ENDPOINT_METRIC: Partial<Record<ReportFom, string>> = {
	'lesion-sensitivity': 'lesion_sensitivity',
	'nl-per-image': 'fp_per_image'
};

/**
 * The endpoint of the report's analysis (`analysis.endpoints[]`, each with the `tandem analyze`
 * report it rests on) whose metric is `fom`, as components.
 */
function fromReportAnalysis(endpoints: unknown[], fom: ReportFom): PilotFromJson {
	const metricOf = (row: unknown) =>
		isRecord(row) && isRecord(row.endpoint) ? String(row.endpoint.metric) : '?';
	const wanted = ENDPOINT_METRIC[fom] ?? fom;
	for (const [index, row] of endpoints.entries()) {
		if (!isRecord(row) || metricOf(row) !== wanted || !isRecord(row.report)) continue;
		const { or, design } = row.report;
		if (!isRecord(or) || !isRecord(or.varianceComponents) || !isRecord(design)) continue;
		const where = `analysis.endpoints[${index}].report.`;
		const v = or.varianceComponents;
		const prefix = `${where}or.varianceComponents.`;
		const group = isRecord(row.endpoint) ? String(row.endpoint.group) : '?';
		return {
			pilot: {
				varTR: finite(v, 'varTR', prefix),
				variance: finite(v, 'variance', prefix),
				cov1: finite(v, 'cov1', prefix),
				cov2: finite(v, 'cov2', prefix),
				cov3: finite(v, 'cov3', prefix),
				cases: wholeCases(finite(design, 'cases', `${where}design.`))
			},
			source: `the ${fom} endpoint (${group})`
		};
	}
	throw new PilotInputError(
		`the report has no ${fom} endpoint with OR variance components (endpoints: ${endpoints.map(metricOf).join(', ') || 'none'}); choose one with --fom`
	);
}

/**
 * Pilot components from parsed JSON: the report's analysis.json (`analysis.endpoints[]`, the
 * endpoint of metric `fom`), the analysis of `tandem analyze` (`{ variance_components: { var_tr,
 * var, cov1, cov2, cov3 }, design: { cases } }`) or `{ var_tr, var, cov1, cov2, cov3, cases }`.
 */
export function pilotFromJson(document: unknown, fom: ReportFom = 'auc'): PilotFromJson {
	if (!isRecord(document)) throw new PilotInputError('the pilot JSON must be an object');
	if (isRecord(document.analysis) && Array.isArray(document.analysis.endpoints))
		return fromReportAnalysis(document.analysis.endpoints, fom);
	const components = isRecord(document.variance_components)
		? document.variance_components
		: document;
	const design = isRecord(document.design) ? document.design : document;
	const prefix = components === document ? '' : 'variance_components.';
	const cases = wholeCases(finite(design, 'cases', design === document ? '' : 'design.'));
	return {
		pilot: {
			varTR: finite(components, COMPONENT_KEYS.varTR, prefix),
			variance: finite(components, COMPONENT_KEYS.variance, prefix),
			cov1: finite(components, COMPONENT_KEYS.cov1, prefix),
			cov2: finite(components, COMPONENT_KEYS.cov2, prefix),
			cov3: finite(components, COMPONENT_KEYS.cov3, prefix),
			cases
		}
	};
}

export interface PilotFromStudy {
	pilot: PilotComponents;
	/** The pilot's observed RRRC difference, test − reference. */
	observedDifference: number;
	orientation: Orientation;
	/** "test (X) − reference (Y)". */
	orientationText: string;
}

/** Pilot components from pilot reads: the OR analysis of the given figure of merit. */
export function pilotFromStudy(
	study: ReadingStudy,
	options: { fom?: AnalysisFom; covariance?: CovarianceMethod } & OrientationOptions = {}
): PilotFromStudy {
	if (study.modalities.length !== 2) {
		throw new PilotInputError(
			`sizing compares two modalities; the pilot has ${study.modalities.length} (${study.modalities.join(', ')})`
		);
	}
	const report = analyzeStudy(study, {
		fom: options.fom ?? 'auc',
		covariance: options.covariance ?? 'jackknife',
		method: 'or',
		test: options.test,
		reference: options.reference,
		aided: options.aided,
		unaided: options.unaided
	});
	return pilotOfReport(report, study.cases.length);
}

function pilotOfReport(report: AnalysisReport, cases: number): PilotFromStudy {
	const or = report.or;
	if (!or) throw new PilotInputError('the OR analysis of the pilot gave no variance components');
	const components = or.varianceComponents;
	const orientation = report.orientation;
	if (!orientation) throw new PilotInputError('the pilot has no test and reference modality');
	const difference = differenceBetween(or.rrrc.diffs, orientation.test, orientation.reference);
	return {
		pilot: {
			varTR: components.varTR,
			variance: components.variance,
			cov1: components.cov1,
			cov2: components.cov2,
			cov3: components.cov3,
			cases
		},
		observedDifference: difference.estimate,
		orientation,
		orientationText: orientationText(orientation)
	};
}

/**
 * Pilot components from a lesion-level pilot (matched marks and truth lesions): the OR analysis
 * of a lesion-level figure (wAFROC by default), jackknife over cases. With more than two
 * modalities the components are those of the whole pilot, as RJafroc's SsPowerGivenJK takes
 * them, and the pair (test and reference) names the observed difference.
 */
export function pilotFromLesionStudy(
	study: LesionStudy,
	options: { fom?: LesionFom; covariance?: 'jackknife' | 'bootstrap' } & OrientationOptions = {}
): PilotFromStudy {
	if (study.modalities.length < 2)
		throw new PilotInputError(
			`sizing compares two modalities; the pilot has ${study.modalities.length} (${study.modalities.join(', ')})`
		);
	const report = analyzeLesionStudy(study, {
		fom: options.fom ?? 'wafroc',
		covariance: options.covariance ?? 'jackknife',
		method: 'or',
		test: options.test,
		reference: options.reference,
		aided: options.aided,
		unaided: options.unaided
	});
	if (!report.orientation)
		throw new PilotInputError(
			`the pilot has ${study.modalities.length} modalities: name the pair with --reference and --test`
		);
	return pilotOfReport(report, study.cases.length);
}
