// `tandem cases …`: import images (folder or DICOMweb) with de-identification, review what was
// found, import reference truth, freeze the case set and reopen it for a new version.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError } from '../cli-error';
import { progressLine } from '../progress';
import { choiceOption, integerIn } from '../option-parsers';
import { cliSignature, signedBy, withSignature, type SignatureFlags } from '../signature-options';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { importCases, type ImportReport } from '../../lib/server/cases/case-import.service';
import { dicomwebSource, folderSource } from '../../lib/server/cases/import-sources';
import { MATCH_KEYS, type MatchKey } from '../../lib/server/cases/case-matching';
import { freezeDataset, reopenDataset } from '../../lib/server/cases/dataset-freeze.service';
import { importTruth } from '../../lib/server/cases/truth-import.service';
import {
	datasetReport,
	deidLogOf,
	type DatasetReport
} from '../../lib/server/cases/dataset-report.service';
import { exchangeKeyFile } from '../../lib/server/config';
import { loadExchangeKey } from '../../lib/server/cases/exchange-hash';
import { independenceLine, registerCheckIndependence } from './cases-independence.command';
import { balanceLine } from '../../lib/verification-report/figures/stratum-bar-chart';
import {
	REVIEW_DECISIONS,
	decideBurnedInReview,
	listBurnedInReviews,
	type ReviewDecision
} from '../../lib/server/cases/burned-in-review.service';

export function registerCases(program: Command): void {
	const cases = program
		.command('cases')
		.description('case images: import with de-identification, review, truth, freeze');
	registerImport(cases);
	registerTruthImport(cases);
	registerFreeze(cases);
	registerReport(cases);
	registerCheckIndependence(cases);
	registerReview(cases);
}

function readText(path: string, what: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new CliError(`tandem: cannot read the ${what} ${path}: ${(error as Error).message}`);
	}
}

function registerImport(cases: Command): void {
	cases
		.command('import')
		.requiredOption('--study <slug>', 'study')
		.option('--from <dir>', 'a folder of DICOM files (any layout, any depth)')
		.option(
			'--from-dicomweb <url>',
			'a DICOMweb server, e.g. http://pacs:8042/dicom-web (QIDO-RS, WADO-RS)'
		)
		.addOption(
			choiceOption('--match <key>', 'header value that identifies a case', MATCH_KEYS).default(
				'accession'
			)
		)
		.option(
			'--mapping <csv>',
			'case_id + accession_number | study_instance_uid | patient_id; without it the case id is the value'
		)
		.option('--key-file <file>', "the study's de-identification key (default: beside the database)")
		.option(
			'--source-label <text>',
			'what the import run and the audit record as the source (default: a keyed hash of the folder path, never the path)'
		)
		.option(
			'--allow-identifying-case-ids <reason>',
			'import images whose case id equals one of their DICOM identifiers (accession number, patient ID…); audited'
		)
		.description(
			"de-identify images into the cases' image folders; resumable; bad files are reported and skipped"
		)
		.action(
			async (options: {
				study: string;
				from?: string;
				fromDicomweb?: string;
				match: MatchKey;
				mapping?: string;
				keyFile?: string;
				sourceLabel?: string;
				allowIdentifyingCaseIds?: string;
			}) => {
				if (Boolean(options.from) === Boolean(options.fromDicomweb))
					throw new CliError('tandem: give exactly one of --from <dir> and --from-dicomweb <url>');
				const source = options.from
					? folderSource(options.from)
					: dicomwebSource(options.fromDicomweb!);
				const mapping = options.mapping
					? { file: basename(options.mapping), text: readText(options.mapping, 'mapping') }
					: undefined;
				process.stderr.write(`import: ${options.study} from ${source.description}\n`);
				const exchangeKey = loadExchangeKey(exchangeKeyFile());
				if (!exchangeKey)
					process.stderr.write(
						'import: TANDEM_EXCHANGE_KEY_FILE is not set: no patient or institution hashes are kept, so `tandem cases check-independence` cannot check these images\n'
					);
				const report = await importCases(getDatabase(), operatorPrincipal(), options.study, {
					source,
					match: options.match,
					mapping,
					keyFile: options.keyFile,
					sourceLabel: options.sourceLabel,
					allowIdentifyingCaseIds: options.allowIdentifyingCaseIds,
					exchangeKey,
					onProgress: (progress) =>
						process.stderr.write(progressLine('import', progress.done, progress.total))
				});
				if (process.stderr.isTTY) process.stderr.write('\n');
				process.stdout.write(importSummary(options.study, report));
			}
		);
}

export function importSummary(study: string, report: ImportReport): string {
	const lines = [
		`${study}: ${report.total} file(s) found, ${report.imported} imported, ${report.alreadyImported} already imported, ${report.skipped} skipped, ${report.failed} could not be read`,
		`cases with new images: ${report.casesTouched.length}; flagged for burned-in annotation review: ${report.burnedInFlagged}; missing required tags: ${report.missingTagImages}; lossy: ${report.lossyImages}`
	];
	for (const file of report.failedFiles) lines.push(`not imported: ${file.path}: ${file.reason}`);
	for (const file of report.skippedFiles) lines.push(`skipped: ${file.path}: ${file.reason}`);
	return `${lines.join('\n')}\n`;
}

function registerTruthImport(cases: Command): void {
	cases
		.command('truth-import')
		.requiredOption('--study <slug>', 'study')
		.requiredOption(
			'--file <csv>',
			'case_id, truth (1 diseased / 0 not), further columns kept as details'
		)
		.requiredOption(
			'--source <text>',
			'where the truth comes from, e.g. "pathology" or "12-month follow-up"'
		)
		.description(
			'replace the reference truth from a CSV, checked against the cases; all or nothing, audited'
		)
		.action(async (options: { study: string; file: string; source: string }) => {
			const result = await importTruth(getDatabase(), operatorPrincipal(), options.study, {
				file: basename(options.file),
				text: readText(options.file, 'truth file'),
				source: options.source
			});
			process.stdout.write(
				`${options.study}: truth for ${result.cases} cases (${result.positives} diseased), ${result.changed} changed, sha256 ${result.sha256}\n`
			);
		});
}

function registerFreeze(cases: Command): void {
	withSignature(
		cases
			.command('freeze')
			.requiredOption('--study <slug>', 'study')
			.option('--reason <text>', 'e.g. "QC passed, 10 % sample checked"')
			.option(
				'--accept-warnings',
				'freeze despite findings that do not block (missing tags, lossy images…); they are recorded'
			)
			.description(
				'freeze the case set: a new dataset version with a fingerprint over images, truth and strata, signed by an admin'
			)
	).action(
		async (
			options: { study: string; reason?: string; acceptWarnings?: boolean } & SignatureFlags
		) => {
			const db = getDatabase();
			const { principal, signature } = await cliSignature(db, options, 'tandem cases freeze');
			const result = await freezeDataset(db, principal, options.study, signature, {
				reason: options.reason,
				acceptWarnings: options.acceptWarnings
			});
			for (const finding of result.accepted) process.stderr.write(`accepted: ${finding.message}\n`);
			process.stdout.write(
				`${options.study}: dataset version ${result.version} frozen (${result.cases} cases, ${result.images} images), fingerprint ${result.fingerprint}\n${signedBy(principal, options.meaning)}\n`
			);
		}
	);
	cases
		.command('reopen')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--reason <text>', 'why the frozen case set must change')
		.description(
			'reopen a frozen case set for changes; the next freeze makes a new version (audited)'
		)
		.action(async (options: { study: string; reason: string }) => {
			const result = await reopenDataset(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.reason
			);
			process.stdout.write(
				`${options.study}: dataset version ${result.reopenedVersion} reopened; the next freeze makes version ${result.nextVersion}\n`
			);
		});
}

function registerReport(cases: Command): void {
	cases
		.command('report')
		.requiredOption('--study <slug>', 'study')
		.addOption(choiceOption('--format <format>', 'output', ['text', 'json']).default('text'))
		.description(
			'quality control: findings, stratum distribution, burned-in reviews, imports, dataset versions'
		)
		.action(async (options: { study: string; format: 'text' | 'json' }) => {
			const report = await datasetReport(getDatabase(), operatorPrincipal(), options.study);
			process.stdout.write(
				options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(report)
			);
		});
	cases
		.command('deid-log')
		.requiredOption('--study <slug>', 'study')
		.requiredOption('--case <id>', 'case id')
		.description('per stored file of a case: which tags de-identification changed, and how')
		.action(async (options: { study: string; case: string }) => {
			for (const entry of await deidLogOf(
				getDatabase(),
				operatorPrincipal(),
				options.study,
				options.case
			)) {
				process.stdout.write(`${entry.path}${entry.withdrawn ? ' (withdrawn)' : ''}\n`);
				for (const change of entry.changes)
					process.stdout.write(`  ${change.tag} ${change.keyword || '-'}: ${change.action}\n`);
			}
		});
}

export function reportText(report: DatasetReport): string {
	const lines = [
		`${report.study}: ${report.cases} cases, ${report.images} images (${report.importedImages} imported, ${report.withdrawnImages} withdrawn); images from ${report.imagesFrom}`,
		report.freeze
			? `frozen: version ${report.freeze.version}, fingerprint ${report.freeze.fingerprint}, ${report.freeze.frozenAt.toISOString()} by ${report.freeze.frozenBy}`
			: `not frozen; current fingerprint ${report.currentFingerprint}`,
		`burned-in annotation review: ${report.burnedIn.pending} pending, ${report.burnedIn.cleared} cleared, ${report.burnedIn.identifying} withdrawn`
	];
	for (const [stratum, counts] of Object.entries(report.distribution)) {
		lines.push(
			`${stratum}: ${Object.entries(counts)
				.sort(([first], [second]) => first.localeCompare(second))
				.map(([value, n]) => `${value} ${n}`)
				.join(', ')}`
		);
		const balance = report.balance.find((row) => row.stratum === stratum);
		if (balance) lines.push(`  balance: ${balance.categories} value(s), ${balanceLine(balance)}`);
	}
	lines.push(independenceLine(report.independence));
	for (const finding of report.findings) lines.push(`${finding.severity}: ${finding.message}`);
	for (const version of report.versions) {
		lines.push(
			`version ${version.version}: ${version.fingerprint} frozen ${version.frozenAt.toISOString()} by ${version.frozenBy}${version.reopenedAt ? `; reopened ${version.reopenedAt.toISOString()}: ${version.reopenReason}` : ''}`
		);
	}
	for (const run of report.runs) {
		lines.push(
			`import ${run.id} (${run.status}) from ${run.sourceKind} ${run.source}: ${run.imported} imported, ${run.alreadyImported} already, ${run.skipped} skipped, ${run.failed} unreadable`
		);
	}
	return `${lines.join('\n')}\n`;
}

function registerReview(cases: Command): void {
	cases
		.command('review')
		.requiredOption('--study <slug>', 'study')
		.option(
			'--decide <id>',
			'decide one flagged image (a review id)',
			integerIn(1, 2 ** 31, '--decide')
		)
		.addOption(
			choiceOption(
				'--as <decision>',
				'cleared: no identity in the pixels; identifying: withdraw the image',
				REVIEW_DECISIONS
			)
		)
		.option('--note <text>', 'what was seen (required for identifying)')
		.description("the burned-in annotation review queue (also on the coordinator's site page)")
		.action(
			async (options: { study: string; decide?: number; as?: ReviewDecision; note?: string }) => {
				const db = getDatabase();
				if (options.decide !== undefined) {
					if (!options.as) throw new CliError('tandem: --decide needs --as cleared|identifying');
					const row = await decideBurnedInReview(
						db,
						operatorPrincipal(),
						options.study,
						options.decide,
						options.as,
						options.note ?? ''
					);
					process.stdout.write(`review ${row.id} (case ${row.caseKey}): ${row.status}\n`);
					return;
				}
				for (const row of await listBurnedInReviews(db, operatorPrincipal(), options.study)) {
					process.stdout.write(
						`${row.id}\t${row.caseKey}\t${row.siteCode ?? '-'}\t${row.modality ?? '-'}\t${row.status}\t${row.reasons.join('; ')}\n`
					);
				}
			}
		);
}
