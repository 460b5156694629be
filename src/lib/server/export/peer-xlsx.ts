// The .xlsx side of the peer formats: a WorkbookModel (every cell and its type decided in
// $lib/stats/formats) written as Office Open XML bytes with write-excel-file. It lives on the
// server side because the library's zip dependency (fflate) loads Node built-ins under Node;
// the statistics core stays free of them. Numbers are written as the shortest decimal that
// reads back as the same double, text cells as shared strings.
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import type { PeerFile, PeerRead } from '../../stats/formats/peer-reads';
import { writePeerFormatTextFiles } from '../../stats/formats/peer-formats';
import { rjafrocRocWorkbook } from '../../stats/formats/rjafroc';
import type { WorkbookCell, WorkbookModel } from '../../stats/formats/workbook';

function cell(value: WorkbookCell): Cell {
	if (value === null) return null;
	return value.type === 'text'
		? { type: String, value: value.value }
		: { type: Number, value: value.value };
}

/** The workbook as .xlsx bytes. */
export async function workbookBytes(model: WorkbookModel): Promise<Uint8Array> {
	const sheets = model.sheets.map((sheet) => ({
		sheet: sheet.name,
		data: sheet.rows.map((row) => row.map(cell)) as SheetData
	}));
	const blob = await writeXlsxFile(sheets).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}

/** rjafroc-roc.xlsx: the JAFROC ROC workbook for RJafroc's DfReadDataFile. */
export async function writeRjafrocWorkbook(reads: readonly PeerRead[]): Promise<PeerFile> {
	const model = rjafrocRocWorkbook(reads);
	return { fileName: model.fileName, contents: await workbookBytes(model) };
}

/** Every file of the peer-formats/ folder: the text files and the RJafroc workbook. */
export async function writePeerFormatFiles(reads: readonly PeerRead[]): Promise<PeerFile[]> {
	const textFiles = writePeerFormatTextFiles(reads);
	return [...textFiles, await writeRjafrocWorkbook(reads)];
}
