// `tandem power --input marks.csv --truth lesions.csv [--fom wafroc]`: a lesion-level (FROC)
// pilot, read as `tandem analyze --truth` reads it, whose OR components (wAFROC by default) size
// the study like an AUC pilot's. With more than two modalities the pair is named (--test,
// --reference) and the components are the whole pilot's, as RJafroc's SsPowerGivenJK takes them.
import { CsvEncodingError, decodeCsvBytes } from '../../lib/stats/input/csv-bytes';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../lib/stats/input/lesion-csv';
import { isLesionFom } from '../../lib/stats/lesion/lesion-figures';
import type { ReportFom } from '../../lib/stats/analysis-report';
import type { PilotComponents } from '../../lib/stats/power/hillis-obuchowski-berbaum';
import { pilotFromLesionStudy } from '../../lib/stats/power/pilot-components';
import { CliError } from '../cli-error';

interface LesionPilotFlags {
	input: string;
	truth?: string;
	fom?: ReportFom;
	covariance: 'jackknife' | 'delong' | 'bootstrap';
	reference?: string;
	test?: string;
	aided?: string;
	unaided?: string;
}

export function lesionPilot(
	flags: LesionPilotFlags,
	readBytes: (path: string, flag: string) => Buffer
): { pilot: PilotComponents; notes: string[] } {
	const fom = flags.fom ?? 'wafroc';
	if (flags.truth === undefined)
		throw new CliError(
			`tandem power: --fom ${fom} is lesion-level: give the marks as --input and the lesions as --truth`,
			1
		);
	if (!isLesionFom(fom))
		throw new CliError(
			`tandem power: with --truth the figure of merit is lesion-level (e.g. wafroc), not ${fom}`,
			1
		);
	if (flags.covariance === 'delong')
		throw new CliError('tandem power: DeLong covariance is for the AUC; use jackknife', 1);
	const text = (path: string, flag: string) => {
		try {
			return decodeCsvBytes(readBytes(path, flag));
		} catch (error) {
			if (error instanceof CsvEncodingError)
				throw new CliError(`tandem power: ${path}: ${error.message}`, 1);
			throw error;
		}
	};
	const truth = parseLesionTruthCsv(text(flags.truth, '--truth'), flags.truth);
	const study = parseLesionMarksCsv(text(flags.input, '--input'), truth, flags.input);
	const { pilot, observedDifference, orientationText } = pilotFromLesionStudy(study, {
		fom,
		covariance: flags.covariance,
		test: flags.test,
		reference: flags.reference,
		aided: flags.aided,
		unaided: flags.unaided
	});
	return {
		pilot,
		notes: [
			`pilot components from the OR analysis of ${flags.input} with ${flags.truth} (${fom}, ${flags.covariance}, ${study.modalities.length} modalities); observed difference ${orientationText} ${observedDifference.toFixed(4)}`
		]
	};
}
