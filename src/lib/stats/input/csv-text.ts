// A small RFC 4180 reader: comma-separated fields, double-quoted fields may hold commas,
// line breaks and doubled quotes (""). Each record keeps the line number it starts on so
// validation errors can point at the input. Blank lines are skipped; a UTF-8 BOM is dropped;
// LF, CRLF and a lone CR (old Mac files) all end a line. Takes text, not a file, so
// src/lib/stats stays pure (csv-bytes.ts decodes a file's bytes strictly first).

export interface CsvRecord {
	/** 1-based line number of the record's first character in the text. */
	line: number;
	fields: string[];
}

export class CsvSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(`line ${line}: ${message}`);
		this.name = 'CsvSyntaxError';
	}
}

/** Split CSV text into records. */
export function parseCsvRecords(text: string): CsvRecord[] {
	const records: CsvRecord[] = [];
	forEachCsvRecord(text, (fields, line) => records.push({ line, fields: [...fields] }));
	return records;
}

/**
 * Call `visit` for every non-blank record with its fields and starting line. The fields
 * array is reused between calls (copy it to keep it). Text without any quote character
 * takes a fast path: one scan per line, no per-record arrays.
 */
export function forEachCsvRecord(
	text: string,
	visit: (fields: string[], line: number) => void
): void {
	const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const body = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
	if (body.includes('"')) {
		for (const record of parseQuoted(body)) visit(record.fields, record.line);
		return;
	}
	const fields: string[] = [];
	let line = 0;
	for (let start = 0; start < body.length;) {
		let end = body.indexOf('\n', start);
		if (end < 0) end = body.length;
		line++;
		const stop = end;
		fields.length = 0;
		let fieldStart = start;
		for (let i = start; i < stop; i++) {
			if (body.charCodeAt(i) === 44) {
				fields.push(body.slice(fieldStart, i));
				fieldStart = i + 1;
			}
		}
		fields.push(body.slice(fieldStart, stop));
		if (!(fields.length === 1 && (fields[0] as string).trim() === '')) visit(fields, line);
		start = end + 1;
	}
}

// State machine over characters for text that contains quotes (RFC 4180 §2 rules 5–7).
function parseQuoted(text: string): CsvRecord[] {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let inQuotes = false;
	let fieldWasQuoted = false;
	const endRecord = () => {
		fields.push(field);
		if (!(fields.length === 1 && fields[0]?.trim() === '' && !fieldWasQuoted)) {
			records.push({ line: recordLine, fields });
		}
		fields = [];
		field = '';
		fieldWasQuoted = false;
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i] as string;
		if (inQuotes) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') inQuotes = false;
			else {
				if (char === '\n') line++;
				field += char;
			}
			continue;
		}
		if (char === '"') {
			if (field.trim() !== '') throw new CsvSyntaxError('a quote inside an unquoted field', line);
			field = '';
			inQuotes = true;
			fieldWasQuoted = true;
		} else if (char === ',') {
			fields.push(field);
			field = '';
			fieldWasQuoted = false;
		} else if (char === '\n') {
			endRecord();
			line++;
			recordLine = line;
		} else if (char !== '\r') {
			if (fieldWasQuoted && char.trim() !== '') {
				throw new CsvSyntaxError('text after a closing quote', line);
			}
			field += char;
		}
	}
	if (inQuotes) throw new CsvSyntaxError('a quoted field is never closed', recordLine);
	endRecord();
	return records;
}
