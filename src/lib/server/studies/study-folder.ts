// Reads a study protocol folder (study.yaml + cases.csv + truth.csv + images) and reports every
// problem with its file, line and field. Nothing here writes: loading is study-load.service.ts.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument, LineCounter, isNode } from 'yaml';
import {
	protocolSchema,
	protocolWarnings,
	type Protocol
} from '../../design/protocol/protocol.schema';
import { z } from 'zod';
import {
	caseTableContext,
	checkCaseRows,
	checkHeader,
	checkTruthRows,
	requiredCaseColumns,
	type CaseRecord,
	type CaseTableContext,
	type TableProblem,
	type TableRow,
	type TruthRecord
} from '../../design/protocol/case-table';
import { sha256Hex } from '../crypto/hash';
import { CsvTextError, parseCsvTable } from '../cases/csv-table';

export const PROTOCOL_FILE = 'study.yaml';

export interface FolderProblem {
	severity: 'error' | 'warning';
	file: string;
	line?: number;
	field?: string;
	message: string;
}

export interface StudyImage {
	ordinal: number;
	path: string;
	sha256: string;
	sizeBytes: number;
}

export interface StudyFolder {
	dir: string;
	protocol: Protocol;
	cases: Array<CaseRecord & { images: StudyImage[] }>;
	truth: TruthRecord[];
	/** SHA-256 of each protocol file, by file name. */
	files: Record<string, string>;
	/** SHA-256 over the protocol files' names and hashes. */
	sha256: string;
	warnings: FolderProblem[];
}

export type StudyFolderResult =
	{ ok: true; folder: StudyFolder } | { ok: false; problems: FolderProblem[] };

export function formatProblem(problem: FolderProblem): string {
	const place = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
	const field = problem.field ? ` ${problem.field}:` : '';
	return `${place}:${field} ${problem.message}${problem.severity === 'warning' ? ' (warning)' : ''}`;
}

export function readStudyFolder(dirArgument: string): StudyFolderResult {
	const dir = resolve(dirArgument);
	const protocolPath = join(dir, PROTOCOL_FILE);
	if (!existsSync(protocolPath)) {
		return {
			ok: false,
			problems: [{ severity: 'error', file: protocolPath, message: 'no study.yaml in this folder' }]
		};
	}
	const protocolText = readFileSync(protocolPath, 'utf8');
	const parsed = parseProtocol(protocolText);
	const problems: FolderProblem[] = [...parsed.problems];
	if (!parsed.tables) return { ok: false, problems };

	const { casesFile, truthFile, context } = parsed.tables;
	const caseTable = readTable(dir, casesFile, requiredCaseColumns(context), problems);
	const caseCheck = checkCaseRows(context, caseTable.rows);
	problems.push(...caseCheck.problems.map((problem) => asError(casesFile, problem)));
	// Imported images are written into the image folders by `tandem cases import`, not read from them here.
	const imported = parsed.protocol?.cases.images_from === 'import';
	const images = imported
		? new Map<string, StudyImage[]>()
		: collectImages(dir, casesFile, caseCheck.records, problems);

	const truthTable = readTable(dir, truthFile, ['case_id', 'truth'], problems);
	const caseKeys = new Set(caseTable.rows.map((row) => row.fields['case_id'] ?? ''));
	const truthCheck =
		truthTable.rows.length > 0 || caseKeys.size > 0
			? checkTruthRows(caseKeys, truthTable.rows)
			: { records: [], problems: [] };
	problems.push(...truthCheck.problems.map((problem) => asError(truthFile, problem)));

	const protocol = parsed.protocol;
	if (!protocol || problems.some((problem) => problem.severity === 'error'))
		return { ok: false, problems };

	const files = {
		[PROTOCOL_FILE]: sha256Hex(protocolText),
		[casesFile]: sha256Hex(caseTable.text),
		[truthFile]: sha256Hex(truthTable.text)
	};
	return {
		ok: true,
		folder: {
			dir,
			protocol,
			cases: caseCheck.records.map((record) => ({
				...record,
				images: images.get(record.caseKey) ?? []
			})),
			truth: truthCheck.records,
			files,
			sha256: protocolFingerprint(files),
			warnings: problems
		}
	};
}

/** SHA-256 over "name\0sha256\n" lines of the protocol files, in name order. */
export function protocolFingerprint(files: Record<string, string>): string {
	const lines = Object.keys(files)
		.sort()
		.map((name) => `${name}\0${files[name]}\n`);
	return sha256Hex(lines.join(''));
}

interface TableSettings {
	casesFile: string;
	truthFile: string;
	context: CaseTableContext;
}

interface ParsedProtocol {
	protocol?: Protocol;
	/** Present whenever the case tables can be checked, even if the protocol has other errors. */
	tables?: TableSettings;
	problems: FolderProblem[];
}

function parseProtocol(text: string): ParsedProtocol {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number) => lineCounter.linePos(offset).line;
	if (document.errors.length > 0) {
		return {
			problems: document.errors.map((error) => ({
				severity: 'error',
				file: PROTOCOL_FILE,
				line: lineAt(error.pos[0]),
				message: `YAML: ${error.message.split('\n')[0]}`
			}))
		};
	}
	const lineOfPath = (path: readonly PropertyKey[]): number | undefined => {
		for (let length = path.length; length >= 0; length--) {
			const node = document.getIn(path.slice(0, length) as unknown[], true);
			if (isNode(node) && node.range) return lineAt(node.range[0]);
		}
		return undefined;
	};
	const raw: unknown = document.toJS();
	const result = protocolSchema.safeParse(raw);
	if (!result.success) {
		return {
			tables: lenientTableSettings(raw),
			problems: result.error.issues.map((issue) => {
				// An unknown key is reported at the key's own line.
				const path =
					issue.code === 'unrecognized_keys' && issue.keys.length > 0
						? [...issue.path, issue.keys[0]!]
						: issue.path;
				return {
					severity: 'error',
					file: PROTOCOL_FILE,
					line: lineOfPath(path),
					field: issue.path.length > 0 ? formatPath(issue.path) : undefined,
					message: issue.message
				};
			})
		};
	}
	const warnings = protocolWarnings(result.data).map((warning): FolderProblem => ({
		severity: 'warning',
		file: PROTOCOL_FILE,
		line: lineOfPath(warning.path),
		field: formatPath(warning.path),
		message: warning.message
	}));
	const tables = {
		casesFile: result.data.cases.file,
		truthFile: result.data.truth.file,
		context: caseTableContext(result.data)
	};
	return { protocol: result.data, tables, problems: warnings };
}

/** The case-table settings of a protocol that failed validation, where they are readable. */
function lenientTableSettings(raw: unknown): TableSettings | undefined {
	const lenient = z.looseObject({
		sites: z.array(z.looseObject({ code: z.string() })),
		cases: z
			.looseObject({
				file: z.string().default('cases.csv'),
				strata: z.array(z.string()).default([])
			})
			.prefault({}),
		truth: z.looseObject({ file: z.string().default('truth.csv') }).prefault({})
	});
	const result = lenient.safeParse(raw);
	if (!result.success) return undefined;
	const { sites, cases, truth } = result.data;
	return {
		casesFile: cases.file,
		truthFile: truth.file,
		context: { siteCodes: sites.map((site) => site.code), strata: cases.strata }
	};
}

function formatPath(path: readonly PropertyKey[]): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number'
				? `${text}[${part}]`
				: text
					? `${text}.${String(part)}`
					: String(part),
		''
	);
}

function asError(file: string, problem: TableProblem): FolderProblem {
	return { severity: 'error', file, ...problem };
}

function readTable(
	dir: string,
	file: string,
	required: string[],
	problems: FolderProblem[]
): { text: string; rows: TableRow[] } {
	const path = join(dir, file);
	if (!existsSync(path)) {
		problems.push({ severity: 'error', file, message: 'file not found' });
		return { text: '', rows: [] };
	}
	const text = readFileSync(path, 'utf8');
	let table: ReturnType<typeof parseCsvTable>;
	try {
		table = parseCsvTable(text);
	} catch (error) {
		if (!(error instanceof CsvTextError)) throw error;
		problems.push({ severity: 'error', file, line: error.line, message: error.message });
		return { text, rows: [] };
	}
	const headerProblems = checkHeader(table.header, required);
	problems.push(...headerProblems.map((problem) => asError(file, problem)));
	if (headerProblems.length > 0) return { text, rows: [] };
	return { text, rows: table.rows };
}

function collectImages(
	dir: string,
	casesFile: string,
	records: CaseRecord[],
	problems: FolderProblem[]
): Map<string, StudyImage[]> {
	const byCase = new Map<string, StudyImage[]>();
	for (const record of records) {
		const folder = join(dir, record.imageFolder);
		const place = {
			severity: 'error' as const,
			file: casesFile,
			line: record.line,
			field: 'images'
		};
		if (!existsSync(folder) || !statSync(folder).isDirectory()) {
			problems.push({ ...place, message: `image folder "${record.imageFolder}" not found` });
			continue;
		}
		const names = readdirSync(folder)
			.filter((name) => name.toLowerCase().endsWith('.dcm'))
			.sort();
		if (names.length === 0) {
			problems.push({
				...place,
				message: `image folder "${record.imageFolder}" has no .dcm files`
			});
			continue;
		}
		const images: StudyImage[] = [];
		for (const [index, name] of names.entries()) {
			const bytes = readFileSync(join(folder, name));
			if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') {
				problems.push({
					...place,
					message: `${record.imageFolder}/${name} is not a DICOM Part-10 file (no DICM prefix)`
				});
				continue;
			}
			images.push({
				ordinal: index + 1,
				path: `${record.imageFolder}/${name}`,
				sha256: sha256Hex(bytes),
				sizeBytes: bytes.length
			});
		}
		byCase.set(record.caseKey, images);
	}
	return byCase;
}
