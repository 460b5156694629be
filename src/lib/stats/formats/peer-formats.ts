// Every text file of the export's peer-formats/ folder in one call. The RJafroc workbook is
// binary and needs an xlsx library, so it is added by $lib/server/export/peer-xlsx
// (writePeerFormatFiles), which calls this.
import { writeImrmc } from './imrmc';
import { writeMrmcaovCsv } from './mrmcaov-csv';
import { peerFormatsReadme } from './peer-readme';
import type { PeerFile, PeerRead } from './peer-reads';
import { writeRjafrocTextFiles } from './rjafroc';

/** mrmcaov-reads.csv, imrmc-reads.imrmc, rjafroc-reads.imrmc, peer-id-map.csv, README.md. */
export function writePeerFormatTextFiles(reads: readonly PeerRead[]): PeerFile[] {
	return [
		...writeMrmcaovCsv(reads),
		...writeImrmc(reads),
		...writeRjafrocTextFiles(reads),
		peerFormatsReadme()
	];
}
