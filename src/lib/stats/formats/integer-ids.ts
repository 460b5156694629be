// Integer ids for the peer formats that need them (RJafroc's JAFROC workbook and its iMRMC
// reader take case, reader and modality ids as integers). Each blinding code gets 1, 2, 3, …
// in natural order of the codes, so the same reads always get the same numbers, and the map
// is written out beside the files so every number can be traced back to its code.
import type { CrossedReads, PeerFile } from './peer-reads';

export const ID_MAP_FILE = 'peer-id-map.csv';

export interface IntegerIds {
	/** Integer id of readers[j], modalities[i], cases[k] of the crossed reads: index + 1. */
	reader(index: number): number;
	modality(index: number): number;
	case(index: number): number;
}

/** 1-based ids in the natural order the crossed reads already hold their codes in. */
export const integerIds: IntegerIds = {
	reader: (index) => index + 1,
	modality: (index) => index + 1,
	case: (index) => index + 1
};

/** peer-id-map.csv: `kind,code,id` for every reader, modality and case. */
export function idMapFile(crossed: CrossedReads): PeerFile {
	const lines = ['kind,code,id'];
	crossed.readers.forEach((code, index) =>
		lines.push(`reader,${code},${integerIds.reader(index)}`)
	);
	crossed.modalities.forEach((code, index) =>
		lines.push(`modality,${code},${integerIds.modality(index)}`)
	);
	crossed.cases.forEach((code, index) => lines.push(`case,${code},${integerIds.case(index)}`));
	return { fileName: ID_MAP_FILE, contents: `${lines.join('\n')}\n` };
}
