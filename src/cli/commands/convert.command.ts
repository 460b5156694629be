// `tandem convert`: move a lesion-level study between the pair of CSVs `tandem analyze --truth`
// reads and the JAFROC FROC workbook RJafroc reads, either way. Thin: the conversion lives in
// $lib/stats (formats/jafroc-froc, formats/lesion-csv-writer, input/jafroc-workbook) and the
// .xlsx bytes in $lib/server/export/jafroc-xlsx; this file reads, checks the options and writes.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PeerFormatError } from '../../lib/stats/formats/peer-reads';
import { lesionMarksCsvText, lesionTruthCsvText } from '../../lib/stats/formats/lesion-csv-writer';
import { CliError } from '../cli-error';
import { isWorkbookPath, readLesionStudy } from '../lesion-input';

interface ConvertFlags {
	input: string;
	truth?: string;
	out: string;
	outTruth?: string;
}

function write(path: string, contents: string | Uint8Array, option: string): void {
	try {
		writeFileSync(path, contents);
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new CliError(`tandem convert: cannot write ${option} '${path}' (${reason})`, 1);
	}
}

async function runConvert(flags: ConvertFlags): Promise<void> {
	const toWorkbook = !isWorkbookPath(flags.input);
	if (toWorkbook && !isWorkbookPath(flags.out))
		throw new CliError(
			'tandem convert: from the CSV pair (--input marks.csv --truth lesions.csv) --out is the workbook, a .xlsx file',
			1
		);
	if (!toWorkbook && (isWorkbookPath(flags.out) || flags.outTruth === undefined))
		throw new CliError(
			'tandem convert: from a workbook --out is the marks CSV and --out-truth the lesions CSV',
			1
		);
	if (toWorkbook && flags.outTruth !== undefined)
		throw new CliError('tandem convert: --out-truth goes with a workbook as --input', 1);
	const study = await readLesionStudy('convert', flags.input, flags.truth);
	const counts = `${study.readers.length} readers × ${study.modalities.length} modalities × ${study.cases.length} cases, ${study.weights.length} lesions`;
	if (toWorkbook) {
		const { jafrocWorkbookBytes } = await import('../../lib/server/export/jafroc-xlsx');
		let bytes: Uint8Array;
		try {
			bytes = await jafrocWorkbookBytes(study);
		} catch (error) {
			if (error instanceof PeerFormatError)
				throw new CliError(`tandem convert: ${error.message}`, 1);
			throw error;
		}
		write(flags.out, bytes, '--out');
		process.stdout.write(`wrote ${flags.out}: JAFROC FROC workbook, ${counts}\n`);
		return;
	}
	write(flags.out, lesionMarksCsvText(study), '--out');
	write(flags.outTruth as string, lesionTruthCsvText(study), '--out-truth');
	process.stdout.write(`wrote ${flags.out} (marks) and ${flags.outTruth} (lesions): ${counts}\n`);
}

export function registerConvert(program: Command): void {
	program
		.command('convert')
		.description(
			'lesion-level study: the marks and lesions CSVs to a JAFROC FROC workbook (.xlsx) for RJafroc, or back'
		)
		.requiredOption(
			'--input <path>',
			'the marks CSV (reader,modality,case,lesion,rating) with --truth, or a JAFROC FROC workbook (.xlsx)'
		)
		.option('--truth <path>', 'the lesions CSV (case,lesion[,weight]) of a marks CSV')
		.requiredOption(
			'--out <path>',
			'the workbook to write (.xlsx), or from a workbook the marks CSV to write'
		)
		.option('--out-truth <path>', 'from a workbook: the lesions CSV to write')
		.action(async (flags: ConvertFlags) => runConvert(flags));
}
