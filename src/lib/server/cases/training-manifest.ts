// The sponsor's training manifest for `tandem cases check-independence`: a CSV with a header
// line and the columns
//
//   patient_hmac      HMAC-SHA-256 of a training patient's ID under the exchange key, hex
//   institution_hmac  (optional) HMAC-SHA-256 of the institution the patient's data came from
//
// (exchange-hash.ts says how both are computed). A row may give an institution without a patient.
// Anything that is not 64 hex digits is refused without repeating it — it may be a raw ID that
// should never have left the sponsor — and every bad line is named with its field.
import { csvInputError, CsvTextError, parseCsvTable, type CsvProblem } from './csv-table';

export const MANIFEST_COLUMNS = ['patient_hmac', 'institution_hmac'] as const;

export interface TrainingManifest {
	/** Data rows read. */
	rows: number;
	patients: ReadonlySet<string>;
	institutions: ReadonlySet<string>;
}

const HMAC = /^[0-9a-f]{64}$/i;

function hashProblem(file: string, line: number, field: string, value: string): CsvProblem {
	return {
		file,
		line,
		field,
		message: `must be an HMAC-SHA-256 in hex (64 hex digits), never a raw identifier; got ${value.length} character(s), not repeated here`
	};
}

/** The manifest's hashes (lower case); an InputError naming every bad line and field. */
export function readTrainingManifest(file: string, text: string): TrainingManifest {
	let table: ReturnType<typeof parseCsvTable>;
	try {
		table = parseCsvTable(text, { shortRows: true });
	} catch (error) {
		if (!(error instanceof CsvTextError)) throw error;
		throw csvInputError('training manifest', [{ file, line: error.line, message: error.message }]);
	}
	const problems: CsvProblem[] = [];
	if (!table.header.includes('patient_hmac'))
		problems.push({
			file,
			line: 1,
			field: 'patient_hmac',
			message: 'missing column "patient_hmac"'
		});
	for (const column of table.header)
		if (!(MANIFEST_COLUMNS as readonly string[]).includes(column))
			problems.push({
				file,
				line: 1,
				field: column,
				message: `unknown column "${column}": a training manifest has patient_hmac and, optionally, institution_hmac (keyed hashes only)`
			});
	if (problems.length > 0) throw csvInputError('training manifest', problems);
	if (table.rows.length === 0)
		throw csvInputError('training manifest', [{ file, message: 'no rows below the header' }]);

	const patients = new Set<string>();
	const institutions = new Set<string>();
	for (const row of table.rows) {
		const patient = row.fields.patient_hmac ?? '';
		const institution = row.fields.institution_hmac ?? '';
		if (patient === '' && institution === '')
			problems.push({
				file,
				line: row.line,
				field: 'patient_hmac',
				message: 'empty: a row needs a patient_hmac or an institution_hmac'
			});
		if (patient !== '' && !HMAC.test(patient))
			problems.push(hashProblem(file, row.line, 'patient_hmac', patient));
		if (institution !== '' && !HMAC.test(institution))
			problems.push(hashProblem(file, row.line, 'institution_hmac', institution));
		if (patient !== '' && HMAC.test(patient)) patients.add(patient.toLowerCase());
		if (institution !== '' && HMAC.test(institution)) institutions.add(institution.toLowerCase());
	}
	if (problems.length > 0) throw csvInputError('training manifest', problems);
	return { rows: table.rows.length, patients, institutions };
}
