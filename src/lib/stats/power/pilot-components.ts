// Where `tandem power` gets its pilot Obuchowski–Rockette components: a JSON document (the
// output of `tandem analyze --format json`, or a bare object with the components and the
// number of cases), or a pilot reads CSV analysed here with the core's OR analysis.
import { analyzeStudy, type AnalysisFom, type CovarianceMethod } from '../analyze';
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

/**
 * Pilot components from parsed JSON: either `{ variance_components: { var_tr, var, cov1, cov2,
 * cov3 }, design: { cases } }` (the analysis report) or `{ var_tr, var, cov1, cov2, cov3, cases }`.
 */
export function pilotFromJson(document: unknown): PilotComponents {
	if (!isRecord(document)) throw new PilotInputError('the pilot JSON must be an object');
	const components = isRecord(document.variance_components)
		? document.variance_components
		: document;
	const design = isRecord(document.design) ? document.design : document;
	const read = (source: Record<string, unknown>, key: string, where: string): number => {
		const value = source[key];
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			throw new PilotInputError(
				`the pilot JSON needs a finite number at ${where}${key}, found ${JSON.stringify(value) ?? 'nothing'}`
			);
		}
		return value;
	};
	const prefix = components === document ? '' : 'variance_components.';
	const cases = read(design, 'cases', design === document ? '' : 'design.');
	if (!(Number.isInteger(cases) && cases >= 2))
		throw new PilotInputError(
			`the pilot's number of cases must be a whole number ≥ 2, found ${cases}`
		);
	return {
		varTR: read(components, COMPONENT_KEYS.varTR, prefix),
		variance: read(components, COMPONENT_KEYS.variance, prefix),
		cov1: read(components, COMPONENT_KEYS.cov1, prefix),
		cov2: read(components, COMPONENT_KEYS.cov2, prefix),
		cov3: read(components, COMPONENT_KEYS.cov3, prefix),
		cases
	};
}

export interface PilotFromStudy {
	pilot: PilotComponents;
	/** The pilot's observed RRRC difference (second − first modality in natural order). */
	observedDifference: number;
}

/** Pilot components from pilot reads: the OR analysis of the given figure of merit. */
export function pilotFromStudy(
	study: ReadingStudy,
	options: { fom?: AnalysisFom; covariance?: CovarianceMethod } = {}
): PilotFromStudy {
	if (study.modalities.length !== 2) {
		throw new PilotInputError(
			`sizing compares two modalities; the pilot has ${study.modalities.length} (${study.modalities.join(', ')})`
		);
	}
	const report = analyzeStudy(study, {
		fom: options.fom ?? 'auc',
		covariance: options.covariance ?? 'jackknife',
		method: 'or'
	});
	const or = report.or;
	if (!or) throw new PilotInputError('the OR analysis of the pilot gave no variance components');
	const components = or.varianceComponents;
	const [difference] = or.rrrc.diffs;
	return {
		pilot: {
			varTR: components.varTR,
			variance: components.variance,
			cov1: components.cov1,
			cov2: components.cov2,
			cov3: components.cov3,
			cases: study.cases.length
		},
		observedDifference: -(difference?.estimate ?? NaN)
	};
}
