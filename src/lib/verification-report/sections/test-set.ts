// Section 3, test set: the cases and readers, the frozen dataset version, the cases per
// stratum and the readers' sites, experience and status.
import type { ReportInput } from '../report-input';
import { DASH, escape, figure, stratumName, table } from '../html';
import { balanceLine, stratumBarChart } from '../figures/stratum-bar-chart';
import { independenceText } from './test-set-independence';
import { testSetCriteriaPart } from './test-set-criteria';

const BALANCE_NOTE = `Strata: the protocol's case strata and the acquisition parameters read from the images'
headers at import (a case whose images disagree is "mixed"). Balance: the Gini coefficient of the
cases per value, normalised to 0 (balanced) … 1 (all cases in one value), and the Shannon entropy
normalised by ln k for k values, 1 (balanced) … 0.`;

const NOT_FROZEN =
	'<p>The case set was not frozen as a dataset version; the lock fingerprint covers every image hash.</p>';

function counts(input: ReportInput): string {
	const { design } = input.analysis;
	const { readers, simulatedReads } = input.testSet;
	const withdrawn = readers.filter((row) => row.withdrawn).length;
	const withdrawnText = withdrawn > 0 ? `, ${withdrawn} withdrawn` : '';
	const simulated = simulatedReads > 0 ? ` ${simulatedReads} reads are simulated (demo).` : '';
	return `<p>${design.cases} cases: ${design.positive} diseased, ${design.negative} non-diseased.
Readers: ${readers.length} enrolled${withdrawnText}.${simulated}</p>`;
}

function freeze(input: ReportInput): string {
	const frozen = input.fingerprints.datasetFreeze;
	if (!frozen) return NOT_FROZEN;
	return `<p>Frozen dataset version ${frozen.version}, fingerprint <code>${escape(frozen.fingerprint)}</code>
(${escape(frozen.frozenAt)}).</p>`;
}

function strataTables(input: ReportInput): string {
	return input.testSet.strata
		.map((stratum) => {
			const rows = stratum.values.map((row) => [escape(row.value), String(row.cases)]);
			const heading = `<h3>${escape(stratumName(stratum.stratum))}</h3>`;
			const balance = `<p class="balance">${stratum.categories} value(s), ${escape(balanceLine(stratum))}</p>`;
			return `<div class="stratum">${heading}${balance}${table(['Value', 'Cases'], rows, 'compact')}</div>`;
		})
		.join('');
}

function strataFigures(input: ReportInput): string {
	return input.testSet.strata
		.filter((stratum) => stratum.values.length > 0)
		.map((stratum) => {
			const title = stratumName(stratum.stratum);
			const svg = stratumBarChart(stratum, {
				title,
				balance: balanceLine(stratum),
				cases: 'cases'
			});
			return figure(svg, `${title}: cases per value.`);
		})
		.join('\n');
}

function readerTable(input: ReportInput): string {
	return table(
		['Reader', 'Site', 'Years of experience', 'Specialty', 'Status'],
		input.testSet.readers.map((row) => [
			escape(row.reader),
			escape(row.site),
			row.yearsExperience === null ? DASH : String(row.yearsExperience),
			escape(row.specialty ?? DASH),
			row.withdrawn ? 'withdrawn' : 'active'
		])
	);
}

export function testSetSection(input: ReportInput): string {
	return `<section id="s3"><h2>3. Test set</h2>
${counts(input)}
${testSetCriteriaPart(input)}
${freeze(input)}
<p>${BALANCE_NOTE}</p>
<div class="columns">${strataTables(input)}</div>
${strataFigures(input)}
<h3>Independence from the training data</h3>
${independenceText(input.testSet.independence)}
<h3>Readers</h3>
${readerTable(input)}
</section>`;
}
