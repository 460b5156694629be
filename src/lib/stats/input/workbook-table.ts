// A worksheet read as a table: its header row names the columns (matched ignoring case and
// surrounding spaces), and every cell read from it is located in errors as Excel shows it —
// `file: sheet FP, row 7, column C (CaseID): …` — rows counted from 1 with the header as row 1.
import { LesionInputError } from './lesion-csv';

/** A cell as an xlsx reader gives it: text, a number, a boolean, a date or nothing. */
export type SheetCell = string | number | boolean | Date | null;

export interface RawSheet {
	name: string;
	/** rows[0] is row 1 of the sheet. */
	rows: SheetCell[][];
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Excel's letters of a 0-based column index: A … Z, AA, AB, … */
export function columnLetters(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return letters;
}

export class SheetTable {
	private readonly column = new Map<string, number>();

	constructor(
		readonly file: string,
		readonly sheet: RawSheet
	) {
		(sheet.rows[0] ?? []).forEach((cell, index) => {
			const name = cell === null ? '' : String(cell).trim().toLowerCase();
			if (name !== '' && !this.column.has(name)) this.column.set(name, index);
		});
	}

	/** Fails unless every column is present; returns the first of `alternatives` present. */
	require(columns: readonly string[], alternatives: readonly string[] = []): string | undefined {
		const wanted = alternatives.length > 0 ? [...columns, alternatives.join(' or ')] : columns;
		const missing = columns.filter((name) => !this.has(name));
		const alternative = alternatives.find((name) => this.has(name));
		if (alternatives.length > 0 && alternative === undefined)
			missing.push(alternatives.join(' or '));
		if (missing.length > 0)
			throw new LesionInputError(
				`${this.where(1)}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `'${name}'`).join(', ')} (the header row must name ${wanted.join(', ')})`
			);
		return alternative;
	}

	has(name: string): boolean {
		return this.column.has(name.toLowerCase());
	}

	/** The 1-based sheet rows after the header that hold anything. */
	dataRows(): number[] {
		const rows: number[] = [];
		for (let index = 1; index < this.sheet.rows.length; index++) {
			const row = this.sheet.rows[index] ?? [];
			if (row.some((cell) => cell !== null && String(cell).trim() !== '')) rows.push(index + 1);
		}
		return rows;
	}

	where(row: number, name?: string): string {
		const place = `${this.file}: sheet ${this.sheet.name}, row ${row}`;
		if (name === undefined) return place;
		const index = this.column.get(name.toLowerCase());
		return index === undefined ? place : `${place}, column ${columnLetters(index)} (${name})`;
	}

	fail(row: number, name: string, message: string): never {
		throw new LesionInputError(`${this.where(row, name)}: ${message}`);
	}

	cell(row: number, name: string): SheetCell {
		const index = this.column.get(name.toLowerCase());
		return index === undefined ? null : (this.sheet.rows[row - 1]?.[index] ?? null);
	}

	/** A cell's text ('' when empty); a number as its shortest decimal. */
	text(row: number, name: string): string {
		const value = this.cell(row, name);
		if (value === null) return '';
		if (typeof value === 'string') return value.trim();
		if (typeof value === 'number') return String(value);
		this.fail(
			row,
			name,
			`expected text or a number, found ${value instanceof Date ? 'a date' : String(value)}`
		);
	}

	id(row: number, name: string): string {
		const value = this.text(row, name);
		if (value === '') this.fail(row, name, 'is empty');
		return value;
	}

	number(row: number, name: string): number {
		const value = this.cell(row, name);
		const parsed =
			typeof value === 'number'
				? value
				: typeof value === 'string' && DECIMAL.test(value.trim())
					? Number(value.trim())
					: NaN;
		if (!Number.isFinite(parsed))
			this.fail(
				row,
				name,
				value === null || value === ''
					? 'is empty (expected a number)'
					: `'${String(value)}' is not a finite number`
			);
		return parsed;
	}

	wholeNumber(row: number, name: string): number {
		const value = this.number(row, name);
		if (!Number.isSafeInteger(value) || value < 0)
			this.fail(row, name, `expected a whole number ≥ 0, found ${value}`);
		return value;
	}
}
