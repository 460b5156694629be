// Seeded, bounded fuzzing of the long CSV → analysis path (`tandem analyze`): random tables
// with ragged rows, odd numbers, unicode ids, duplicates, missing cells, huge and tiny values
// and degenerate ratings. Every input must end in a result without NaN or ±Infinity, or in a
// clear error (ReadsInputError naming the line/field, DesignError naming the reason) — never
// another exception, and never after more than a bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStudy, type AnalysisOptions } from './analyze';
import { parseLongCsvBytes, ReadsInputError } from './input/long-csv';
import { DesignError } from './mrmc/design-checks';
import { reportToJsonText } from './output/analysis-json';
import { reportToText } from './output/analysis-text';

const ODD_NUMBERS = [
	'0x10',
	'0b11',
	'0o7',
	'Infinity',
	'-Infinity',
	'NaN',
	'',
	' ',
	'1e999',
	'-1e999',
	'1_0',
	'1e300',
	'-1e300',
	'1e-320',
	'5e-324',
	'0',
	'-0',
	'+3',
	'.5',
	'5.',
	'1E2',
	'٣',
	'1,5',
	'"2"'
];
const READ_ERROR =
	/^(line \d+(, field '[a-z_]+')?: |field '[a-z_]+': |unbalanced design: |the reads CSV |the file is UTF-16)/;

interface Table {
	readers: string[];
	modalities: string[];
	cases: number;
	ratings: 'random' | 'binary' | 'equal' | 'perfect' | 'identical';
	values: number[];
	time: boolean;
	mutations: Array<{ row: number; kind: number; odd: string; text: string }>;
	lineEnd: '\n' | '\r\n' | '\r';
	/** How the text is stored: UTF-8 (with a BOM), a stray Latin-1 byte at `at`, or UTF-16. */
	encoding: { kind: 'utf8' | 'bom' | 'latin1' | 'utf16'; at: number };
	options: AnalysisOptions;
}

const id = (prefix: string) =>
	fc.string({ unit: 'grapheme', minLength: 0, maxLength: 4 }).map((s) => prefix + s);

const table: fc.Arbitrary<Table> = fc.record({
	readers: fc.uniqueArray(id('r'), { minLength: 2, maxLength: 4 }),
	modalities: fc.uniqueArray(id('m'), { minLength: 2, maxLength: 3 }),
	cases: fc.integer({ min: 3, max: 10 }),
	ratings: fc.constantFrom('random', 'binary', 'equal', 'perfect', 'identical'),
	values: fc.array(fc.constantFrom(0, 1, 2, 3, 4, 5, 1e300, -1e300, 1e-300, 0.5), {
		minLength: 1,
		maxLength: 20
	}),
	time: fc.boolean(),
	// Half the tables are left intact, so that many reach the statistics.
	mutations: fc.oneof(
		fc.constant([] as Table['mutations']),
		fc.array(
			fc.record({
				row: fc.nat(200),
				kind: fc.integer({ min: 0, max: 6 }),
				odd: fc.constantFrom(...ODD_NUMBERS),
				text: fc.string({ unit: 'binary', maxLength: 6 })
			}),
			{ minLength: 1, maxLength: 2 }
		)
	),
	lineEnd: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
	encoding: fc.record({
		kind: fc.constantFrom(
			'utf8' as const,
			'utf8' as const,
			'utf8' as const,
			'bom' as const,
			'latin1' as const,
			'utf16' as const
		),
		at: fc.nat()
	}),
	options: fc
		.record({
			fom: fc.constantFrom(
				'auc' as const,
				'auc' as const,
				'auc' as const,
				'sensitivity' as const,
				'specificity' as const
			),
			covariance: fc.constantFrom('jackknife' as const, 'delong' as const, 'bootstrap' as const),
			method: fc.constantFrom('or' as const, 'dbm' as const),
			bootstrapSamples: fc.constant(40)
		})
		.map((options) =>
			options.method === 'dbm' ? { ...options, covariance: 'jackknife' as const } : options
		)
});

const quote = (value: string) =>
	/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

function csv(t: Table): { text: string; ids: string[] } {
	const rows: string[][] = [];
	t.readers.forEach((reader, j) =>
		t.modalities.forEach((modality, m) => {
			for (let k = 0; k < t.cases; k++) {
				const truth = k % 2;
				const random = t.values[(j * 7 + m * 3 + k) % t.values.length] as number;
				const rating = {
					random,
					binary: random > 2 ? 1 : 0,
					equal: 3,
					perfect: truth ? 5 : 1,
					identical: (t.values[(j * 7 + k) % t.values.length] as number) + truth
				}[t.ratings];
				const row = [reader, modality, `c${k}`, String(truth), String(rating)];
				if (t.time) row.push(String(1000 + ((k * 37 + j) % 900) * (m + 1)));
				rows.push(row.map(quote));
			}
		})
	);
	for (const mutation of t.mutations) {
		if (rows.length === 0) break;
		const at = mutation.row % rows.length;
		const row = rows[at] as string[];
		if (mutation.kind === 0)
			rows.splice(at, 1); // a missing cell
		else if (mutation.kind === 1)
			rows.push([...row]); // a duplicate read
		else if (mutation.kind === 2)
			row.push(mutation.odd); // a ragged row
		else if (mutation.kind === 3) row.pop();
		else if (mutation.kind === 4)
			row[4] = mutation.odd; // an odd rating
		else if (mutation.kind === 5)
			row[3] = mutation.odd; // an odd truth
		else row[0] = quote(mutation.text); // an arbitrary reader id
	}
	const header = ['reader', 'modality', 'case', 'truth', 'rating', ...(t.time ? ['time_ms'] : [])];
	const text = [header, ...rows].map((row) => row.join(',')).join(t.lineEnd);
	return { text, ids: [...t.readers, ...t.modalities].filter((name) => name.length > 1) };
}

/** Every number in the JSON is finite and no value is a written-out non-finite number. */
function assertFiniteJson(value: unknown): void {
	if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
	else if (typeof value === 'string') expect(['Infinity', '-Infinity', 'NaN']).not.toContain(value);
	else if (Array.isArray(value)) value.forEach(assertFiniteJson);
	else if (value && typeof value === 'object') Object.values(value).forEach(assertFiniteJson);
}

function encode(text: string, { kind, at }: Table['encoding']): Uint8Array {
	const utf8 = new TextEncoder().encode(text);
	if (kind === 'bom') return Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]);
	if (kind === 'latin1') {
		const bytes = Uint8Array.from(utf8);
		bytes[at % bytes.length] = 0xe9; // "é" in Latin-1
		return bytes;
	}
	if (kind === 'utf16') {
		const bytes = [0xff, 0xfe];
		for (let i = 0; i < text.length; i++)
			bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
		return Uint8Array.from(bytes);
	}
	return utf8;
}

function run(t: Table): void {
	const { text, ids } = csv(t);
	const started = performance.now();
	try {
		const study = parseLongCsvBytes(encode(text, t.encoding));
		const report = analyzeStudy(study, t.options);
		assertFiniteJson(JSON.parse(reportToJsonText(report)));
		let plain = reportToText(report);
		for (const name of ids) plain = plain.replaceAll(name, 'ID');
		expect(plain).not.toMatch(/\b(NaN|Inf|Infinity)\b/);
	} catch (error) {
		if (error instanceof ReadsInputError) expect(error.message).toMatch(READ_ERROR);
		else if (error instanceof DesignError) expect(error.message).not.toMatch(/NaN|undefined/);
		else throw error;
	}
	expect(performance.now() - started).toBeLessThan(2000);
}

describe('long CSV → analysis fuzz', () => {
	it('ends every random table in a finite result or a clear error', () => {
		fc.assert(
			fc.property(table, (t) => run(t)),
			{ numRuns: 400, seed: 15_2026, endOnFailure: true }
		);
	}, 60_000);
});
