// The lesion-level study a command reads: the pair of CSVs (marks as --input, the lesions as
// --truth) or a JAFROC FROC workbook (--input study.xlsx, recognised by its extension). Every
// problem in the files becomes a CliError naming the file and where in it.
import { readFileSync } from 'node:fs';
import { CsvEncodingError, decodeCsvBytes } from '../lib/stats/input/csv-bytes';
import {
	LesionInputError,
	parseLesionMarksCsv,
	parseLesionTruthCsv
} from '../lib/stats/input/lesion-csv';
import type { LesionStudy } from '../lib/stats/lesion/lesion-study';
import { CliError } from './cli-error';

/** True for a path the lesion-level commands read as a JAFROC workbook. */
export function isWorkbookPath(path: string | undefined): path is string {
	return path !== undefined && /\.xlsx$/i.test(path);
}

/** A file's bytes, or a CliError naming the option and the reason. */
export function readInputFile(command: string, path: string, option = '--input'): Uint8Array {
	try {
		return readFileSync(path);
	} catch (error) {
		const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
		throw new CliError(`tandem ${command}: cannot read ${option} '${path}' (${reason})`, 1);
	}
}

function decoded(bytes: Uint8Array, file: string): string {
	try {
		return decodeCsvBytes(bytes);
	} catch (error) {
		if (error instanceof CsvEncodingError) throw new LesionInputError(`${file}: ${error.message}`);
		throw error;
	}
}

/** Read the study from a workbook (`truth` undefined) or the CSV pair. */
export async function readLesionStudy(
	command: string,
	input: string,
	truth: string | undefined
): Promise<LesionStudy> {
	try {
		if (isWorkbookPath(input)) {
			if (truth !== undefined)
				throw new CliError(
					`tandem ${command}: a JAFROC workbook holds its own truth (the Truth sheet); drop --truth`,
					1
				);
			const bytes = readInputFile(command, input);
			const { readJafrocWorkbook } = await import('../lib/server/export/jafroc-xlsx');
			return await readJafrocWorkbook(bytes, input);
		}
		if (truth === undefined)
			throw new CliError(
				`tandem ${command}: a marks CSV needs its lesions as --truth <lesions.csv> (or give a JAFROC workbook, .xlsx, as --input)`,
				1
			);
		const marksBytes = readInputFile(command, input);
		const truthBytes = readInputFile(command, truth, '--truth');
		const lesions = parseLesionTruthCsv(decoded(truthBytes, truth), truth);
		return parseLesionMarksCsv(decoded(marksBytes, input), lesions, input);
	} catch (error) {
		if (error instanceof LesionInputError) throw new CliError(error.message, 1);
		throw error;
	}
}
