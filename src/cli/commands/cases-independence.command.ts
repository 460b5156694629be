// `tandem cases check-independence`: the sponsor's training manifest (keyed hashes of patient IDs
// and institutions) against the test set's, overlaps by case, stored with the dataset version.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError } from '../cli-error';
import { choiceOption } from '../option-parsers';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { exchangeKeyFile } from '../../lib/server/config';
import { loadExchangeKey } from '../../lib/server/cases/exchange-hash';
import { checkIndependence } from '../../lib/server/cases/independence-check.service';
import type { IndependenceCheckView } from '../../lib/domain/test-set-independence';

export function registerCheckIndependence(cases: Command): void {
	cases
		.command('check-independence')
		.requiredOption('--study <slug>', 'study')
		.requiredOption(
			'--training-manifest <csv>',
			"the sponsor's training manifest: patient_hmac[,institution_hmac], keyed hashes only"
		)
		.addOption(choiceOption('--format <format>', 'output', ['text', 'json']).default('text'))
		.description(
			'compare the test set with the training data by keyed hashes of patient IDs and institutions; overlaps by case, stored with the dataset version'
		)
		.action(
			async (options: { study: string; trainingManifest: string; format: 'text' | 'json' }) => {
				let text: string;
				try {
					text = readFileSync(options.trainingManifest, 'utf8');
				} catch (error) {
					throw new CliError(
						`tandem: cannot read the training manifest ${options.trainingManifest}: ${(error as Error).message}`
					);
				}
				const check = await checkIndependence(getDatabase(), operatorPrincipal(), options.study, {
					manifest: { file: basename(options.trainingManifest), text },
					exchangeKey: loadExchangeKey(exchangeKeyFile())
				});
				process.stdout.write(
					options.format === 'json'
						? `${JSON.stringify(check, null, 2)}\n`
						: independenceText(options.study, check)
				);
			}
		);
}

export function independenceText(study: string, check: IndependenceCheckView): string {
	const dataset =
		check.datasetVersion === null
			? `the case set (not frozen, fingerprint ${check.datasetFingerprint})`
			: `dataset version ${check.datasetVersion} (fingerprint ${check.datasetFingerprint})`;
	const patients = check.overlaps.filter((overlap) => overlap.patient).length;
	const institutions = check.overlaps.filter((overlap) => overlap.institution).length;
	const lines = [
		`${study}: ${dataset} against a training manifest of ${check.manifestRows} row(s), sha256 ${check.manifestSha256}, exchange key ${check.exchangeKeyId}`,
		`${check.cases} case(s) compared: ${patients} share a patient with the training data, ${institutions} an institution`
	];
	for (const overlap of check.overlaps) {
		const what = [overlap.patient && 'same patient', overlap.institution && 'same institution']
			.filter(Boolean)
			.join(', ');
		lines.push(`overlap: case ${overlap.case}: ${what}`);
	}
	if (check.sites.length > 0)
		lines.push(`declared sites that are training institutions: ${check.sites.join(', ')}`);
	if (check.unchecked.length > 0)
		lines.push(
			`not checked (no patient hash under this exchange key; imported without TANDEM_EXCHANGE_KEY_FILE or with another key): ${check.unchecked.join(', ')}`
		);
	if (check.overlaps.length === 0 && check.sites.length === 0)
		lines.push('no overlap with the training data found');
	return `${lines.join('\n')}\n`;
}

/** The report's line on the latest check. */
export function independenceLine(check: IndependenceCheckView | null): string {
	if (!check)
		return 'independence: not checked (tandem cases check-independence --training-manifest FILE)';
	const patients = check.overlaps.filter((overlap) => overlap.patient).map((row) => row.case);
	const institutions = check.overlaps
		.filter((overlap) => overlap.institution)
		.map((row) => row.case);
	const list = (keys: string[]) => (keys.length > 0 ? ` (${keys.join(', ')})` : '');
	return [
		`independence: checked against a training manifest of ${check.manifestRows} row(s), sha256 ${check.manifestSha256}, ${check.checkedAt.toISOString()} by ${check.checkedBy}`,
		`${check.cases} case(s) compared, ${patients.length} with a training patient${list(patients)}, ${institutions.length} from a training institution${list(institutions)}, ${check.unchecked.length} not checked`,
		...(check.sites.length > 0
			? [`training institutions among the sites: ${check.sites.join(', ')}`]
			: []),
		...(check.current ? [] : ['the case set has changed since: check again'])
	].join('; ');
}
