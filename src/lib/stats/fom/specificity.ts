// Specificity: the fraction of non-diseased cases called negative (binary decision 0).
import { assertBinary, binaryProportion } from './binary-proportion';
import { casesWithTruth, type FigureOfMerit } from './figure-of-merit';

export const specificityFom: FigureOfMerit = {
	name: 'specificity',
	label: 'specificity',
	boundedToUnitInterval: true,
	jackknifeCases: (truth) => casesWithTruth(truth, 0),
	compute(calls, truth) {
		assertBinary(calls, 'specificity inputs');
		return binaryProportion(calls, truth, 0, 0);
	}
};
