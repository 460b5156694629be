// Test pilot: Van Dyke et al. 1993 (RJafroc's dataset02), OR components with jackknife covariance
// and the RRRC difference as computed by MRMCaov 0.3.0 (../shared/reference). Specs only.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PilotComponents, PowerSettings } from './hillis-obuchowski-berbaum';

const referenceDirectory = fileURLToPath(new URL('../../../../../shared/reference/', import.meta.url));
const expected = JSON.parse(readFileSync(`${referenceDirectory}vandyke.auc.jackknife.expected.json`, 'utf8')) as {
	design: { cases: number };
	variance_components: { var_tr: number; var: number; cov1: number; cov2: number; cov3: number };
	rrrc: { diffs: Array<{ estimate: number }> };
};
export const components = expected.variance_components;

export const vanDyke: PilotComponents = {
	varTR: components.var_tr,
	variance: components.var,
	cov1: components.cov1,
	cov2: components.cov2,
	cov3: components.cov3,
	cases: expected.design.cases
};
export const observedEffect = Math.abs(expected.rrrc.diffs[0]?.estimate ?? NaN);
export const twoSided: PowerSettings = { effect: observedEffect, margin: 0, alpha: 0.05, test: 'two-sided' };
