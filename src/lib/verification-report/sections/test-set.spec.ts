import { describe, expect, it } from 'vitest';
import { testSetSection } from './test-set';
import { independenceText } from './test-set-independence';
import { stratumBalance } from '../../stats/balance/stratum-balance';
import { reportIndependence } from '../../server/verification-report/report-independence';
import type { ReportInput } from '../report-input';

const strata = stratumBalance([
	{
		stratum: 'manufacturer',
		values: [
			{ value: 'GE', cases: 6 },
			{ value: 'Philips', cases: 3 },
			{ value: 'SIEMENS', cases: 1 }
		]
	}
]);

function input(independence: ReportInput['testSet']['independence']): ReportInput {
	return {
		lang: 'en',
		analysis: { design: { cases: 10, positive: 5, negative: 5 } },
		fingerprints: { datasetFreeze: null },
		testSet: { strata, independence, readers: [], simulatedReads: 0 }
	} as unknown as ReportInput;
}

describe('test-set section', () => {
	it("gives each stratum's balance and its bar chart", () => {
		const html = testSetSection(input(null));
		// Counts 6, 3, 1: G* = 0.5, J = 0.817 (stats/balance/balance.spec.ts).
		expect(html).toContain(
			'<p class="balance">3 value(s), Gini 0.500 · Shannon 0.817 (normalised)</p>'
		);
		expect(html).toContain('class="figure stratum-balance"');
		expect(html).toContain('<figcaption>Manufacturer: cases per value.</figcaption>');
		expect(html).toContain('The test set was not checked against a training manifest');
	});

	it('shows the independence check with the overlapping cases under their report labels', () => {
		const check = reportIndependence(
			{
				checkedAt: new Date('2026-12-05T10:00:00Z'),
				checkedBy: 'operator',
				manifestSha256: 'a'.repeat(64),
				manifestRows: 4,
				exchangeKeyId: 'k'.repeat(16),
				datasetVersion: 2,
				datasetFingerprint: 'f'.repeat(64),
				current: false,
				cases: 3,
				overlaps: [
					{ case: 'K3', patient: true, institution: false },
					{ case: 'K1', patient: false, institution: true }
				],
				unchecked: ['K4'],
				sites: ['site-b']
			},
			(key) => ({ K1: 'C-17', K3: 'C-02' })[key] ?? key
		);
		expect(check).toMatchObject({
			overlaps: [
				{ case: 'C-02', patient: true, institution: false },
				{ case: 'C-17', patient: false, institution: true }
			],
			unchecked: 1
		});
		const html = independenceText(check);
		expect(html).toContain(
			'3 case(s) compared: 1 share a patient with the training data, 1 an institution; 1 case(s) could not be checked.'
		);
		expect(html).toContain('dataset version 2');
		expect(html).toContain('The case set changed after this check.');
		expect(html).toContain('Declared sites that are training institutions: site-b.');
		expect(html).toContain('<td>C-02</td><td>yes</td><td>no</td>');
		expect(html).not.toContain('K3');
	});
});
