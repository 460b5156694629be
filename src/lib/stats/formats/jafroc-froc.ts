// The JAFROC FROC workbook RJafroc 2.1.3 reads (DfReadDataFile(file, newExcelFileFormat = TRUE),
// ReadJAFROCNewFormat and checkTruthTable), written from a lesion-level study:
//   Truth  CaseID | LesionID | Weight | ReaderID | ModalityID | Paradigm
//          one row per lesion (LesionID 1, 2, … within its case, its weight) and one row per
//          non-diseased case (LesionID 0, Weight 0), cases in the study's order; ReaderID and
//          ModalityID are text cells listing every reader / modality ("1, 3, 4"); Paradigm holds
//          "FROC" and "FCTRL" (factorial, RJafroc's name for crossed) in its first two cells.
//   FP     ReaderID | ModalityID | CaseID | FP_Rating             one row per NL mark
//   TP     ReaderID | ModalityID | CaseID | LesionID | TP_Rating  one row per LL mark
// RJafroc 2.1.3 names the mark sheets FP and TP: it checks the columns FP_Rating and TP_Rating
// by name and wants the sorted upper-cased sheet names to begin FP|NL, TP|LL, TRUTH (so the
// NL / LL spelling, sorting LL before NL, is refused by it; Tandem reads both spellings).
// RJafroc wants whole-number case ids, lesion ids 1…n in order within a case, and reader and
// modality ids without commas or spaces (it splits the Truth lists on them). Ids that are not
// so are numbered, and the numbering is kept in a fourth sheet, "Truth IDs" (Kind | ID | CaseID
// | TandemID), which sorts after TRUTH so RJafroc passes over it and Tandem reads the study back
// under its own ids.
import type { LesionStudy } from '../lesion/lesion-study';
import { PeerFormatError } from './peer-reads';
import { EXCEL_MAX_ROWS } from './rjafroc';
import { number, text, type WorkbookCell, type WorkbookModel } from './workbook';

export const JAFROC_FROC_SHEETS = {
	truth: 'Truth',
	nl: 'FP',
	ll: 'TP',
	ids: 'Truth IDs'
} as const;

export const TRUTH_COLUMNS = ['CaseID', 'LesionID', 'Weight', 'ReaderID', 'ModalityID', 'Paradigm'];
export const NL_COLUMNS = ['ReaderID', 'ModalityID', 'CaseID', 'FP_Rating'];
export const LL_COLUMNS = ['ReaderID', 'ModalityID', 'CaseID', 'LesionID', 'TP_Rating'];
export const ID_COLUMNS = ['Kind', 'ID', 'CaseID', 'TandemID'];

const PARADIGM = ['FROC', 'FCTRL'];
const WHOLE_NUMBER = /^(?:0|[1-9]\d{0,14})$/;
const LIST_SAFE = /^[^,\s]+$/;

/** Each id's name in the workbook: itself when RJafroc can take it, else 1, 2, … in order. */
function workbookNames(ids: readonly string[], usable: (id: string) => boolean): string[] {
	return ids.every(usable) ? [...ids] : ids.map((_, index) => String(index + 1));
}

/** The FROC workbook of a lesion-level study (cells typed as RJafroc wants them). */
export function jafrocFrocWorkbook(
	study: LesionStudy,
	fileName: string,
	options: { maxRows?: number } = {}
): WorkbookModel {
	const maxRows = options.maxRows ?? EXCEL_MAX_ROWS;
	const caseNames = workbookNames(study.cases, (id) => WHOLE_NUMBER.test(id));
	const readerNames = workbookNames(study.readers, (id) => LIST_SAFE.test(id));
	const modalityNames = workbookNames(study.modalities, (id) => LIST_SAFE.test(id));
	const lesionNumber = (l: number) =>
		l - (study.lesionStart[study.lesionCase[l] as number] as number) + 1;
	const caseCell = (k: number) => number(Number(caseNames[k]));

	const allReaders = text(readerNames.join(', '));
	const allModalities = text(modalityNames.join(', '));
	const truthRows: WorkbookCell[][] = study.cases.flatMap((_, k) => {
		const first = study.lesionStart[k] as number;
		const last = study.lesionStart[k + 1] as number;
		if (first === last) return [[caseCell(k), number(0), number(0), allReaders, allModalities]];
		return Array.from({ length: last - first }, (_, i) => [
			caseCell(k),
			number(i + 1),
			number(study.weights[first + i] as number),
			allReaders,
			allModalities
		]);
	});
	truthRows.forEach((row, index) =>
		row.push(index < PARADIGM.length ? text(PARADIGM[index] as string) : null)
	);

	const nlRows: WorkbookCell[][] = [];
	const llRows: WorkbookCell[][] = [];
	study.modalities.forEach((_, m) =>
		study.readers.forEach((_, j) => {
			const marks = study.marks[m]?.[j];
			if (!marks) return;
			const who = [text(readerNames[j] as string), text(modalityNames[m] as string)];
			study.cases.forEach((_, k) => {
				for (let i = marks.nlStart[k] as number; i < (marks.nlStart[k + 1] as number); i++)
					nlRows.push([...who, caseCell(k), number(marks.nl[i] as number)]);
			});
			marks.ll.forEach((rating, l) => {
				if (rating > -Infinity)
					llRows.push([
						...who,
						caseCell(study.lesionCase[l] as number),
						number(lesionNumber(l)),
						number(rating)
					]);
			});
		})
	);

	const idRows: WorkbookCell[][] = [
		...idRowsOf('reader', study.readers, readerNames),
		...idRowsOf('modality', study.modalities, modalityNames),
		...idRowsOf('case', study.cases, caseNames),
		...study.lesionIds.flatMap((id, l) =>
			id === String(lesionNumber(l))
				? []
				: [
						[
							text('lesion'),
							number(lesionNumber(l)),
							caseCell(study.lesionCase[l] as number),
							text(id)
						]
					]
		)
	];
	const largest = Math.max(truthRows.length, nlRows.length, llRows.length) + 1;
	if (largest > maxRows)
		throw new PeerFormatError(
			`the JAFROC workbook would need ${largest} rows in one sheet, more than an Excel sheet holds (${maxRows}); keep the study as the CSV pair`
		);
	const header = (names: readonly string[]) => names.map(text);
	return {
		fileName,
		sheets: [
			{ name: JAFROC_FROC_SHEETS.truth, rows: [header(TRUTH_COLUMNS), ...truthRows] },
			{ name: JAFROC_FROC_SHEETS.nl, rows: [header(NL_COLUMNS), ...nlRows] },
			{ name: JAFROC_FROC_SHEETS.ll, rows: [header(LL_COLUMNS), ...llRows] },
			...(idRows.length > 0
				? [{ name: JAFROC_FROC_SHEETS.ids, rows: [header(ID_COLUMNS), ...idRows] }]
				: [])
		]
	};
}

function idRowsOf(
	kind: string,
	ids: readonly string[],
	names: readonly string[]
): WorkbookCell[][] {
	return ids.flatMap((id, index) =>
		id === names[index]
			? []
			: [
					[
						text(kind),
						kind === 'case' ? number(Number(names[index])) : text(names[index] as string),
						null,
						text(id)
					]
				]
	);
}
