// The AI's per-case outputs of a blind export (ai-outputs.csv) with the export's truth.csv, as the
// cases of a standalone evaluation: each case's score and call, a failed case scored and called
// by the failure rule the file carries (AI-3: it stays in the denominator). Errors name the file,
// line and column.
import { parseCsvRecords, CsvSyntaxError } from './csv-text';
import type { ScoredCase } from '../single-reader/standalone-performance';

export class AiOutputsInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AiOutputsInputError';
	}
}

export interface AiOutputsTable {
	model: { name: string; version: string; sha256: string };
	threshold: number;
	failureRule: 'negative' | 'positive';
	cases: Array<ScoredCase & { case: string; failed: boolean }>;
}

interface Table {
	file: string;
	column: Map<string, number>;
	rows: Array<{ line: number; fields: string[] }>;
}

function table(text: string, file: string, required: readonly string[]): Table {
	let records;
	try {
		records = parseCsvRecords(text);
	} catch (error) {
		if (error instanceof CsvSyntaxError) throw new AiOutputsInputError(`${file}: ${error.message}`);
		throw error;
	}
	const [header, ...rows] = records;
	if (!header) throw new AiOutputsInputError(`${file}: empty file`);
	const column = new Map(header.fields.map((name, index) => [name.trim(), index]));
	for (const name of required)
		if (!column.has(name)) throw new AiOutputsInputError(`${file}: line 1: no column '${name}'`);
	return { file, column, rows };
}

const cellOf = (t: Table, row: Table['rows'][number], name: string) =>
	(row.fields[t.column.get(name)!] ?? '').trim();

function fail(t: Table, line: number, name: string, problem: string): never {
	throw new AiOutputsInputError(`${t.file}: line ${line}, column ${name}: ${problem}`);
}

function numberAt(t: Table, row: Table['rows'][number], name: string): number {
	const text = cellOf(t, row, name);
	const value = Number(text);
	if (text === '' || !Number.isFinite(value)) fail(t, row.line, name, `'${text}' is not a number`);
	return value;
}

/** Parses ai-outputs.csv against truth.csv (case,truth); every case must be in both. */
export function parseAiOutputs(
	outputsText: string,
	truthText: string,
	files = { outputs: 'ai-outputs.csv', truth: 'truth.csv' }
): AiOutputsTable {
	const truthTable = table(truthText, files.truth, ['case', 'truth']);
	const truth = new Map<string, number>();
	for (const row of truthTable.rows) {
		const value = cellOf(truthTable, row, 'truth');
		if (value !== '0' && value !== '1')
			fail(truthTable, row.line, 'truth', `'${value}' is not 0 or 1`);
		truth.set(cellOf(truthTable, row, 'case'), Number(value));
	}
	const t = table(outputsText, files.outputs, [
		'case',
		'model',
		'model_version',
		'model_sha256',
		'status',
		'score',
		'threshold',
		'failure_rule'
	]);
	if (t.rows.length === 0) throw new AiOutputsInputError(`${files.outputs}: no rows`);
	const first = t.rows[0]!;
	const model = {
		name: cellOf(t, first, 'model'),
		version: cellOf(t, first, 'model_version'),
		sha256: cellOf(t, first, 'model_sha256')
	};
	const threshold = numberAt(t, first, 'threshold');
	const rule = cellOf(t, first, 'failure_rule');
	if (rule !== 'negative' && rule !== 'positive')
		fail(t, first.line, 'failure_rule', `'${rule}' is not negative or positive`);
	const seen = new Set<string>();
	const cases = t.rows.map((row) => {
		const id = cellOf(t, row, 'case');
		if (seen.has(id)) fail(t, row.line, 'case', `case ${id} appears twice`);
		seen.add(id);
		const caseTruth = truth.get(id);
		if (caseTruth === undefined) fail(t, row.line, 'case', `case ${id} is not in ${files.truth}`);
		// One model, threshold and rule for the whole file.
		for (const [name, expected] of [
			['model', model.name],
			['model_version', model.version],
			['failure_rule', rule]
		] as const)
			if (cellOf(t, row, name) !== expected)
				fail(
					t,
					row.line,
					name,
					`'${cellOf(t, row, name)}' differs from the first row's '${expected}'`
				);
		if (numberAt(t, row, 'threshold') !== threshold)
			fail(t, row.line, 'threshold', `differs from the first row's ${threshold}`);
		const status = cellOf(t, row, 'status');
		if (status !== 'done' && status !== 'failed')
			fail(t, row.line, 'status', `'${status}' is not done or failed`);
		const failed = status === 'failed';
		// AI-3: a case the model could not process counts as the lowest (or highest) score.
		const score = failed ? (rule === 'negative' ? 0 : 1) : numberAt(t, row, 'score');
		const call = failed ? (rule === 'negative' ? 0 : 1) : score >= threshold ? 1 : 0;
		return { case: id, truth: caseTruth, score, call, failed, strata: {} };
	});
	const missing = [...truth.keys()].filter((id) => !seen.has(id));
	if (missing.length > 0)
		throw new AiOutputsInputError(
			`${files.outputs}: no row for case${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} of ${files.truth}`
		);
	return { model, threshold, failureRule: rule, cases };
}
