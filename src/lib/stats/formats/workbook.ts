// A spreadsheet as plain data: sheets of rows of typed cells. The peer-format writers decide
// every cell and its type here (a reader list must be a text cell, a rating a number cell);
// turning it into .xlsx bytes is left to $lib/server/export/peer-xlsx, the only code that
// needs an xlsx library.

export type WorkbookCell =
	{ type: 'text'; value: string } | { type: 'number'; value: number } | null;

export interface WorkbookSheet {
	name: string;
	/** rows[0] is the header row; null is an empty cell. */
	rows: WorkbookCell[][];
}

export interface WorkbookModel {
	fileName: string;
	sheets: WorkbookSheet[];
}

export const text = (value: string): WorkbookCell => ({ type: 'text', value });
export const number = (value: number): WorkbookCell => ({ type: 'number', value });
