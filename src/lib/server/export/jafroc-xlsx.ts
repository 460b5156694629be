// The .xlsx side of the JAFROC FROC workbook: its sheets read with read-excel-file into plain
// rows (parsed and checked in $lib/stats/input/jafroc-workbook) and a lesion-level study written
// through the peer formats' workbook writer. Node-side because both libraries load Node code.
import readXlsxFile from 'read-excel-file/node';
import { jafrocFrocWorkbook } from '../../stats/formats/jafroc-froc';
import { parseJafrocWorkbook, type RawSheet } from '../../stats/input/jafroc-workbook';
import { LesionInputError } from '../../stats/input/lesion-csv';
import type { LesionStudy } from '../../stats/lesion/lesion-study';
import { workbookBytes } from './peer-xlsx';

/** Every sheet of an .xlsx file as rows of cells (rows[0] is the sheet's row 1). */
export async function readWorkbookSheets(bytes: Uint8Array, file: string): Promise<RawSheet[]> {
	try {
		const sheets = await readXlsxFile(Buffer.from(bytes), { trim: false });
		return sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data as RawSheet['rows'] }));
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new LesionInputError(`${file}: not a readable .xlsx workbook (${reason})`);
	}
}

/** A FROC workbook's bytes as a lesion-level study (errors name the sheet, row and column). */
export async function readJafrocWorkbook(bytes: Uint8Array, file: string): Promise<LesionStudy> {
	return parseJafrocWorkbook(await readWorkbookSheets(bytes, file), file);
}

/** The workbook's name in a blind export's peer-formats/ folder. */
export const JAFROC_FROC_FILE = 'jafroc-froc.xlsx';

/** The FROC workbook of a lesion-level study as .xlsx bytes. */
export async function jafrocWorkbookBytes(study: LesionStudy): Promise<Uint8Array> {
	return workbookBytes(jafrocFrocWorkbook(study, JAFROC_FROC_FILE));
}
