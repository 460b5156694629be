// Fuzzing protocol folders: the fixture study.yaml mutated (keys, values, types, YAML syntax,
// aliases, sizes, bytes) with random cases.csv and truth.csv. Every input ends, within a time
// bound, in a loaded study or in problems that each name a file (and line and field where there is
// one) in plain words — never an exception, a stack, or a study stored in part.
import { sqlRow } from '$fixtures/sql.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStudyFolder, formatProblem, PROTOCOL_FILE } from './study-folder';
import { loadStudy } from './study-load.service';
import { writeStudyFiles, FIXTURE_YAML, FIXTURE_CASES } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { operatorPrincipal } from '../access/principal';
import { ServiceError } from '../errors';
import { sha256Hex } from '../crypto/hash';

const SEED = 1515;
/** Per input: reading (and loading) one folder; generous for a shared, loaded machine. */
const BOUND_MS = 3_000;

const VALUES = [
	'1e12',
	'-1',
	'0',
	'0.5',
	'2.5',
	'null',
	'~',
	'true',
	'[]',
	'{}',
	'""',
	"'x'",
	'x'.repeat(300),
	'*nope',
	'&a x',
	'!!binary aGVsbG8=',
	'"\\u0000"',
	'.inf',
	'.nan',
	'0x10',
	'2026-01-01',
	'|',
	'"unterminated',
	'[a, b',
	'{a: 1',
	'- x',
	'../../../../../etc/passwd',
	'/etc/passwd',
	'images',
	'cases.csv',
	'truth.csv',
	'study.yaml',
	'missing.csv',
	'sequential',
	'split-plot'
];
const KEYS = [
	'slug',
	'title',
	'xyz',
	'__proto__',
	'constructor',
	'Slug',
	'design',
	'file',
	'"a b"'
];
const TOKENS = ['\t', '---', '...', '%YAML 1.1', '# c', '&a', '*a', '<<: *a', '!!str', '!x', ':'];
const TOKENS_2 = ['- ', '[', ']', '{', '}', ',', '"', "'", '|', '@', '`', '? '];
const BOMB = [
	'bomb: &a [x, x, x, x, x, x, x, x, x, x]',
	'bomb2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
	'bomb3: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'
];

type Lines = string[];
const at = (lines: Lines, index: number) => index % Math.max(lines.length, 1);

const lineMutation: fc.Arbitrary<(lines: Lines) => Lines> = fc.oneof(
	fc.nat().map((i) => (lines: Lines) => lines.filter((_, index) => index !== at(lines, i))),
	fc.nat().map((i) => (lines: Lines) => lines.toSpliced(at(lines, i), 0, lines[at(lines, i)]!)),
	fc.tuple(fc.nat(), fc.constantFrom(...VALUES)).map(([i, value]) => (lines: Lines) => {
		const index = at(lines, i);
		return lines.with(index, lines[index]!.replace(/^(\s*(?:- )?[\w"]+:).*$/, `$1 ${value}`));
	}),
	fc.tuple(fc.nat(), fc.constantFrom(...KEYS)).map(([i, key]) => (lines: Lines) => {
		const index = at(lines, i);
		return lines.with(index, lines[index]!.replace(/^(\s*(?:- )?)[\w"]+:/, `$1${key}:`));
	}),
	fc
		.tuple(fc.nat(), fc.nat(), fc.constantFrom(...TOKENS, ...TOKENS_2))
		.map(([i, position, token]) => (lines: Lines) => {
			const index = at(lines, i);
			const line = lines[index]!;
			const cut = position % (line.length + 1);
			return lines.with(index, `${line.slice(0, cut)}${token}${line.slice(cut)}`);
		}),
	fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([i, delta]) => (lines: Lines) => {
		const index = at(lines, i);
		const line = lines[index]!;
		return lines.with(index, delta >= 0 ? ' '.repeat(delta) + line : line.slice(-delta));
	}),
	fc.constant((lines: Lines) => [...lines, ...BOMB]),
	fc
		.constantFrom(100, 300, 600_000)
		.map((size) => (lines: Lines) => [...lines, `description: "${'d'.repeat(size)}"`]),
	fc
		.constantFrom(10, 3_000, 11_000)
		.map((count) => (lines: Lines) => [
			...lines,
			...Array.from({ length: count }, (_, index) => `k${index}: 1`)
		])
);

/** Byte-level changes after the text is assembled. */
const byteMutation: fc.Arbitrary<(bytes: Buffer) => Buffer> = fc.oneof(
	{ arbitrary: fc.constant((bytes: Buffer) => bytes), weight: 6 },
	fc.constant((bytes: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])),
	fc.constant((bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))),
	fc.constant((bytes: Buffer) => Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r'))),
	fc.constant((bytes: Buffer) =>
		Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')])
	),
	fc
		.tuple(fc.nat(), fc.constantFrom(0xff, 0xc3, 0x80, 0xed, 0x00))
		.map(([position, byte]) => (bytes: Buffer) => {
			const cut = position % (bytes.length + 1);
			return Buffer.concat([bytes.subarray(0, cut), Buffer.from([byte]), bytes.subarray(cut)]);
		})
);

const CELLS = [
	'K1',
	'k1',
	'K2',
	'K3',
	'K4',
	'K5',
	'',
	'images/K1',
	'images/K2',
	'images/./K3',
	'images/k4',
	'images',
	'../x',
	'/etc',
	'site-a',
	'site-b',
	'site-z',
	'ge',
	'0',
	'1',
	'2',
	'yes',
	'"q"',
	'"a,b"',
	'"unclosed',
	'x'.repeat(1_200),
	'é'
];
const row = fc
	.array(fc.constantFrom(...CELLS), { minLength: 0, maxLength: 5 })
	.map((cells) => cells.join(','));
const casesCsv = fc.oneof(
	{ arbitrary: fc.constant(FIXTURE_CASES), weight: 5 },
	fc
		.tuple(fc.nat(), row)
		.map(([i, line]) => FIXTURE_CASES.with(1 + (i % (FIXTURE_CASES.length - 1)), line)),
	fc.array(row, { maxLength: 8 }).map((rows) => [FIXTURE_CASES[0]!, ...rows]),
	fc.array(row, { maxLength: 6 })
);
const truthCsv = fc.oneof(
	{
		arbitrary: fc.constant<string[]>(['case_id,truth', 'K1,1', 'K2,0', 'K3,0', 'K4,1']),
		weight: 5
	},
	fc.array(row, { maxLength: 8 }).map((rows) => ['case_id,truth', ...rows]),
	fc.array(row, { maxLength: 6 })
);

const folderInput = fc.record({
	mutations: fc.oneof(
		{ arbitrary: fc.constant<Array<(lines: Lines) => Lines>>([]), weight: 1 },
		{ arbitrary: fc.array(lineMutation, { minLength: 1, maxLength: 4 }), weight: 3 }
	),
	bytes: byteMutation,
	cases: casesCsv,
	truth: truthCsv
});

const PLAIN_PROBLEM = /^[^\n]+$/;
const INTERNAL =
	/\bat [\w.<>]+ \(|TypeError|ReferenceError|RangeError|\[object Object\]|undefined:|EISDIR|ENOENT/;

describe('study folder fuzzing', () => {
	it('ends every mutated protocol folder in a study or in problems naming the file, within a bound', async () => {
		let loaded = 0;
		let refused = 0;
		await fc.assert(
			fc.asyncProperty(folderInput, async ({ mutations, bytes, cases, truth }) => {
				const yaml = bytes(
					Buffer.from(
						mutations.reduce((lines, mutate) => mutate(lines), FIXTURE_YAML.split('\n')).join('\n')
					)
				);
				const dir = mkdtempSync(join(tmpdir(), 'tandem-fuzz-'));
				try {
					writeStudyFiles(dir, { cases, truth });
					writeFileSync(join(dir, PROTOCOL_FILE), yaml);
					const start = performance.now();
					const result = readStudyFolder(dir);
					if (result.ok) {
						expect(result.folder.files[PROTOCOL_FILE]).toBe(sha256Hex(yaml));
						expect(result.folder.cases.length).toBe(result.folder.truth.length);
						const db = await testDatabase();
						const count = async (table: string) =>
							((await sqlRow(db, `SELECT count(*) AS n FROM ${table}`)) as { n: number }).n;
						try {
							await loadStudy(db, operatorPrincipal(), result.folder);
							expect(await count('cases')).toBe(result.folder.cases.length);
							expect(await count('reference_truth')).toBe(result.folder.truth.length);
							loaded++;
						} catch (error) {
							// A refusal is a service's sentence, and nothing of the study is stored.
							expect(error).toBeInstanceOf(ServiceError);
							expect(
								(await count('studies')) +
									(await count('cases')) +
									(await count('protocol_versions'))
							).toBe(0);
						}
						// PostgreSQL's test databases are closed and dropped after the file (test-db.fixture.ts).
						if (!onPostgres) db.$client.close();
					} else {
						refused++;
						expect(result.problems.length).toBeGreaterThan(0);
						expect(result.errorCount).toBeGreaterThan(0);
						for (const problem of result.problems) {
							const text = formatProblem(problem);
							expect(text).toMatch(PLAIN_PROBLEM);
							expect(text).not.toMatch(INTERNAL);
							expect(problem.message.trim()).not.toBe('');
							expect([PROTOCOL_FILE, 'cases.csv', 'truth.csv']).toContain(problem.file);
						}
					}
					expect(performance.now() - start).toBeLessThan(BOUND_MS);
				} finally {
					rmSync(dir, { recursive: true, force: true });
				}
			}),
			{ seed: SEED, numRuns: 150 }
		);
		// The mutations reach both ends: some folders load, most are refused.
		expect(loaded).toBeGreaterThan(0);
		expect(refused).toBeGreaterThan(loaded);
	}, 120_000);
});
