// MRMCaov input: one row per read with the columns of MRMCaov's own VanDyke data set (reader,
// treatment, case, truth, rating), so `mrmc(empirical_auc(truth, rating), treatment, reader,
// case, data = df)` runs on read.csv of it unchanged. The optional columns decision (the binary
// call, for binary_sens / binary_spec) and time_ms are added when any read has them; an
// empty cell is read by read.csv as NA. Rows run modality, reader, case in natural order.
import { crossReads, formatNumber, type PeerFile, type PeerRead } from './peer-reads';

export const MRMCAOV_CSV_FILE = 'mrmcaov-reads.csv';

/** The MRMCaov CSV (LF line ends, trailing newline; ids are the blinding codes). */
export function writeMrmcaovCsv(reads: readonly PeerRead[]): PeerFile[] {
	const crossed = crossReads(reads);
	const header = ['reader', 'treatment', 'case', 'truth', 'rating'];
	if (crossed.hasDecision) header.push('decision');
	if (crossed.hasTime) header.push('time_ms');
	const lines = [header.join(',')];
	crossed.modalities.forEach((modality, m) => {
		crossed.readers.forEach((reader, j) => {
			crossed.cases.forEach((caseId, k) => {
				const read = crossed.read(m, j, k);
				const fields = [
					reader,
					modality,
					caseId,
					String(crossed.truth[k]),
					formatNumber(read.rating)
				];
				if (crossed.hasDecision)
					fields.push(read.decision === 0 || read.decision === 1 ? String(read.decision) : '');
				if (crossed.hasTime)
					fields.push(typeof read.timeMs === 'number' ? formatNumber(read.timeMs) : '');
				lines.push(fields.join(','));
			});
		});
	});
	return [{ fileName: MRMCAOV_CSV_FILE, contents: `${lines.join('\n')}\n` }];
}
