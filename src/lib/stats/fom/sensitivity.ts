// Sensitivity: the fraction of diseased cases called positive (binary decision 1).
import { assertBinary, binaryProportion } from './binary-proportion';
import { casesWithTruth, type FigureOfMerit } from './figure-of-merit';

export const sensitivityFom: FigureOfMerit = {
	name: 'sensitivity',
	label: 'sensitivity',
	boundedToUnitInterval: true,
	jackknifeCases: (truth) => casesWithTruth(truth, 1),
	compute(calls, truth) {
		assertBinary(calls, 'sensitivity inputs');
		return binaryProportion(calls, truth, 1, 1);
	}
};
