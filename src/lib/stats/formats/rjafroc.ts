// RJafroc input. The main file is the JAFROC Excel workbook in RJafroc 2.x's "new" layout,
// read by DfReadDataFile(file, newExcelFileFormat = TRUE) (RJafroc 2.x, ReadJAFROCNewFormat):
//   Truth  CaseID | LesionID | Weight | ReaderID | ModalityID | Paradigm
//          one row per case, non-diseased first (LesionID 0, Weight 0), then diseased
//          (LesionID 1, Weight 1); ReaderID and ModalityID are text cells listing every
//          reader / modality ("1, 2, 3": each case read by all of them); Paradigm holds "ROC"
//          and "FCTRL" (factorial) in its first two cells and is empty below.
//   FP     ReaderID | ModalityID | CaseID | FP_Rating            ratings of non-diseased cases
//   TP     ReaderID | ModalityID | CaseID | LesionID | TP_Rating ratings of diseased cases
// Sheet and column names are RJafroc's: it checks FP_Rating / TP_Rating by name, and it sorts
// the upper-cased sheet names expecting FP-or-NL, TP-or-LL, TRUTH in that order, so the
// NL/LL spelling (sorted LL, NL) and any extra sheet are refused; the id map therefore goes in
// its own file. Ids are integers (CaseID must be a whole number, reader and modality ids are
// matched as the strings listed in the Truth sheet), from peer-id-map.csv.
// RJafroc can also read the legacy iMRMC file (rjafroc-reads.imrmc), a text-only route.
import { idMapFile, integerIds } from './integer-ids';
import { RJAFROC_IMRMC_FILE, writeImrmc } from './imrmc';
import { crossReads, PeerFormatError, type PeerFile, type PeerRead } from './peer-reads';
import { number, text, type WorkbookCell, type WorkbookModel } from './workbook';

export const RJAFROC_WORKBOOK_FILE = 'rjafroc-roc.xlsx';

const PARADIGM = ['ROC', 'FCTRL'];

/** Rows an Excel worksheet can hold (header included). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * The JAFROC ROC workbook (Truth, FP, TP sheets) as typed cells. A study whose FP or TP sheet
 * would pass Excel's row limit is refused (RJafroc can read rjafroc-reads.imrmc instead).
 */
export function rjafrocRocWorkbook(
	reads: readonly PeerRead[],
	options: { maxRows?: number } = {}
): WorkbookModel {
	const crossed = crossReads(reads);
	const maxRows = options.maxRows ?? EXCEL_MAX_ROWS;
	const perCase = crossed.readers.length * crossed.modalities.length;
	const positiveCount = crossed.truth.reduce((sum, value) => sum + value, 0);
	const largest = 1 + perCase * Math.max(positiveCount, crossed.truth.length - positiveCount);
	if (largest > maxRows) {
		throw new PeerFormatError(
			`the RJafroc workbook would need ${largest} rows in one sheet, more than an Excel sheet holds (${maxRows}); use ${RJAFROC_IMRMC_FILE} with RJafroc instead`
		);
	}
	const readerText = (j: number) => text(String(integerIds.reader(j)));
	const modalityText = (m: number) => text(String(integerIds.modality(m)));
	const allReaders = text(crossed.readers.map((_, j) => integerIds.reader(j)).join(', '));
	const allModalities = text(crossed.modalities.map((_, m) => integerIds.modality(m)).join(', '));
	const casesWithTruth = (wanted: number) =>
		crossed.cases.flatMap((_, k) => (crossed.truth[k] === wanted ? [k] : []));
	const negative = casesWithTruth(0);
	const positive = casesWithTruth(1);

	const truthRows: WorkbookCell[][] = [negative, positive].flatMap((group, lesion) =>
		group.map((k) => [
			number(integerIds.case(k)),
			number(lesion),
			number(lesion),
			allReaders,
			allModalities
		])
	);
	truthRows.forEach((row, index) =>
		row.push(index < PARADIGM.length ? text(PARADIGM[index] as string) : null)
	);

	const ratingRows = (group: number[], lesionColumn: boolean): WorkbookCell[][] =>
		crossed.modalities.flatMap((_, m) =>
			crossed.readers.flatMap((_, j) =>
				group.map((k) => [
					readerText(j),
					modalityText(m),
					number(integerIds.case(k)),
					...(lesionColumn ? [number(1)] : []),
					number(crossed.read(m, j, k).rating)
				])
			)
		);

	const header = (...names: string[]) => names.map(text);
	return {
		fileName: RJAFROC_WORKBOOK_FILE,
		sheets: [
			{
				name: 'Truth',
				rows: [
					header('CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm'),
					...truthRows
				]
			},
			{
				name: 'FP',
				rows: [
					header('ReaderID', 'ModalityID', 'CaseID', 'FP_Rating'),
					...ratingRows(negative, false)
				]
			},
			{
				name: 'TP',
				rows: [
					header('ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'),
					...ratingRows(positive, true)
				]
			}
		]
	};
}

/** The text files for RJafroc: the legacy-convention .imrmc and the id map. */
export function writeRjafrocTextFiles(reads: readonly PeerRead[]): PeerFile[] {
	return [...writeImrmc(reads, { convention: 'legacy' }), idMapFile(crossReads(reads))];
}
