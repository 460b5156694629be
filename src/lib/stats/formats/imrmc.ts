// iMRMC input (.imrmc): free header lines, the study size as "NR: ", "N0: ", "N1: ", "NM: "
// lines, a line "BEGIN DATA:", then one comma-separated row per observation:
// readerID,caseID,modalityID,score. Every case has one truth row whose score is 0
// (non-diseased) or 1 (diseased). Two conventions exist for the truth rows, and no one file
// satisfies every reader of the format:
//   'truth'  reader "truth", modality "truth": required by iMRMC 2.x in R (doIMRMC/doAUCmrmc
//            look for the "truth" reader and modality levels); the iMRMC Java application
//            accepts it too. Ids are the blinding codes.
//   'legacy' reader "-1", modality "0" (the older iMRMC files): required by RJafroc's
//            DfReadDataFile(format = "iMRMC"), which also needs numeric reader and case ids,
//            so ids are the integers of peer-id-map.csv (listed in the header as well).
// Both follow the readers' quirks: the iMRMC Java reader takes any header line containing
// "N0:" etc. as a size line and cannot read a line one character long; RJafroc stops the data
// at the first line that is not four fields and needs "BEGIN DATA:" alone on its line.
import { integerIds } from './integer-ids';
import {
	crossReads,
	formatNumber,
	PeerFormatError,
	type CrossedReads,
	type PeerFile,
	type PeerRead
} from './peer-reads';

export type ImrmcConvention = 'truth' | 'legacy';

export const IMRMC_FILE = 'imrmc-reads.imrmc';
export const RJAFROC_IMRMC_FILE = 'rjafroc-reads.imrmc';

interface Ids {
	reader(index: number): string;
	modality(index: number): string;
	case(index: number): string;
	truthReader: string;
	truthModality: string;
}

function idsFor(crossed: CrossedReads, convention: ImrmcConvention): Ids {
	if (convention === 'legacy') {
		return {
			reader: (j) => String(integerIds.reader(j)),
			modality: (m) => String(integerIds.modality(m)),
			case: (k) => String(integerIds.case(k)),
			truthReader: '-1',
			truthModality: '0'
		};
	}
	// iMRMC treats reader "truth" (and, in Java, "-1") as a truth row and R's doAUCmrmc drops
	// the modality "truth" from the modalities, so a study id equal to either would vanish.
	const reserved = (kind: string, ids: string[], names: string[]) => {
		const clash = ids.find((id) => names.includes(id));
		if (clash !== undefined)
			throw new PeerFormatError(
				`${kind} id '${clash}' is reserved in the iMRMC format for truth rows`
			);
	};
	reserved('reader', crossed.readers, ['truth', '-1']);
	reserved('modality', crossed.modalities, ['truth']);
	return {
		reader: (j) => crossed.readers[j] as string,
		modality: (m) => crossed.modalities[m] as string,
		case: (k) => crossed.cases[k] as string,
		truthReader: 'truth',
		truthModality: 'truth'
	};
}

function headerLines(crossed: CrossedReads, convention: ImrmcConvention): string[] {
	const negative = crossed.truth.reduce((sum, value) => sum + (value === 0 ? 1 : 0), 0);
	const lines = [
		`Tandem blinded reads - iMRMC input (${convention === 'truth' ? 'iMRMC convention' : 'legacy convention, for RJafroc'})`,
		`NR: ${crossed.readers.length}`,
		`N0: ${negative}`,
		`N1: ${crossed.truth.length - negative}`,
		`NM: ${crossed.modalities.length}`,
		'Rows are readerID,caseID,modalityID,score; the score is the rating, higher = more confident the case is diseased.'
	];
	if (convention === 'truth') {
		lines.push(
			"Truth rows have reader 'truth' and modality 'truth', score 0 = non-diseased, 1 = diseased. Ids are the blinding codes."
		);
	} else {
		lines.push('Truth rows have reader -1 and modality 0, score 0 = non-diseased, 1 = diseased.');
		lines.push('Ids are integers standing for the blinding codes (also in peer-id-map.csv):');
		crossed.readers.forEach((code, j) => lines.push(`reader ${integerIds.reader(j)} = ${code}`));
		crossed.modalities.forEach((code, m) =>
			lines.push(`modality ${integerIds.modality(m)} = ${code}`)
		);
		crossed.cases.forEach((code, k) => lines.push(`case ${integerIds.case(k)} = ${code}`));
	}
	return lines;
}

/**
 * The reads as an .imrmc file: `imrmc-reads.imrmc` ('truth', the default) or
 * `rjafroc-reads.imrmc` ('legacy'). Truth rows come first, then modality by reader by case.
 */
export function writeImrmc(
	reads: readonly PeerRead[],
	options: { convention?: ImrmcConvention } = {}
): PeerFile[] {
	const convention = options.convention ?? 'truth';
	const crossed = crossReads(reads);
	const ids = idsFor(crossed, convention);
	const lines = [...headerLines(crossed, convention), 'BEGIN DATA:'];
	crossed.cases.forEach((_, k) =>
		lines.push(`${ids.truthReader},${ids.case(k)},${ids.truthModality},${crossed.truth[k]}`)
	);
	crossed.modalities.forEach((_, m) => {
		crossed.readers.forEach((_, j) => {
			crossed.cases.forEach((_, k) => {
				lines.push(
					`${ids.reader(j)},${ids.case(k)},${ids.modality(m)},${formatNumber(crossed.read(m, j, k).rating)}`
				);
			});
		});
	});
	const fileName = convention === 'truth' ? IMRMC_FILE : RJAFROC_IMRMC_FILE;
	return [{ fileName, contents: `${lines.join('\n')}\n` }];
}
