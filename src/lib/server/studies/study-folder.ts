// Reads a study protocol folder (study.yaml + cases.csv + truth.csv + images) and reports every
// problem with its file, line and field. Nothing here writes: loading is study-load.service.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
import {
	MAX_PROTOCOL_BYTES,
	MAX_TABLE_BYTES,
	ProtocolFileError,
	confinedPath,
	readProtocolFile,
	realStudyDir,
	type ProtocolFile
} from './protocol-files';
import { parseProtocolYaml } from './protocol-yaml';
import { collectImages, type StudyImage } from './study-images';
import { capProblems, fileProblem, type FolderProblem } from './folder-problem';
import { checkStudyLesions } from './study-lesions';
import {
	REQUIRED_LESION_COLUMNS,
	type TruthLesionRecord
} from '../../design/protocol/lesion-table';

export const PROTOCOL_FILE = 'study.yaml';

export type { StudyImage } from './study-images';
export { formatProblem, type FolderProblem } from './folder-problem';

export interface StudyFolder {
	dir: string;
	protocol: Protocol;
	cases: Array<CaseRecord & { images: StudyImage[] }>;
	truth: TruthRecord[];
	/** The truth lesions (truth.lesions), one record per lesion; empty without that file. */
	lesions: TruthLesionRecord[];
	/** SHA-256 of each protocol file, by file name. */
	files: Record<string, string>;
	/** SHA-256 over the protocol files' names and hashes. */
	sha256: string;
	warnings: FolderProblem[];
}

export type StudyFolderResult =
	| { ok: true; folder: StudyFolder }
	| {
			ok: false;
			/** The problems, at most 100 per file (then a line counting the rest). */
			problems: FolderProblem[];
			/** How many errors there are in all, listed or not. */
			errorCount: number;
	  };

export function readStudyFolder(dirArgument: string): StudyFolderResult {
	const dir = resolve(dirArgument);
	const protocolPath = join(dir, PROTOCOL_FILE);
	let realDir: string;
	let protocolFile: ProtocolFile;
	try {
		realDir = realStudyDir(dir);
		protocolFile = readProtocolFile(
			confinedPath(realDir, PROTOCOL_FILE, 'file'),
			MAX_PROTOCOL_BYTES
		);
	} catch (error) {
		const code = isFsError(error) ? (error as NodeJS.ErrnoException).code : undefined;
		const missing =
			code === 'ENOENT' ||
			code === 'ENOTDIR' ||
			(error instanceof ProtocolFileError && /not found/.test(error.message));
		if (missing)
			return failed([
				{ severity: 'error', file: protocolPath, message: 'no study.yaml in this folder' }
			]);
		if (error instanceof ProtocolFileError) return failed([fileProblem(PROTOCOL_FILE, error)]);
		if (!code) throw error;
		return failed([{ severity: 'error', file: protocolPath, message: `cannot be read (${code})` }]);
	}
	const parsed = parseProtocol(protocolFile.text);
	const problems: FolderProblem[] = [...parsed.problems];
	if (!parsed.tables) return failed(problems);

	const { casesFile, truthFile, context, lineOf } = parsed.tables;
	const place = { realDir, lineOf, problems };
	const caseTable = readTable(place, ['cases', 'file'], casesFile, requiredCaseColumns(context));
	const caseCheck = caseTable
		? checkCaseRows(context, caseTable.rows)
		: { records: [], problems: [] };
	problems.push(...caseCheck.problems.map((problem) => asError(casesFile, problem)));
	// Imported images are written into the image folders by `tandem cases import`, not read from them here.
	const imported = parsed.protocol?.cases.images_from === 'import';
	const images = imported
		? new Map<string, StudyImage[]>()
		: collectImages(realDir, casesFile, caseCheck.records, problems);

	// With a reference standard the truth is made in Tandem: truth.csv may be absent.
	const truthMadeHere =
		parsed.protocol?.reference_standard !== undefined && !existsSync(join(realDir, truthFile));
	const truthTable = truthMadeHere
		? undefined
		: readTable(place, ['truth', 'file'], truthFile, ['case_id', 'truth']);
	let truthRecords: TruthRecord[] = [];
	// Without a readable case list, every truth row would be "not in the case manifest".
	if (caseTable && truthTable && (truthTable.rows.length > 0 || caseTable.rows.length > 0)) {
		const caseKeys = new Set(caseTable.rows.map((row) => row.fields['case_id'] ?? ''));
		const truthCheck = checkTruthRows(caseKeys, truthTable.rows);
		problems.push(...truthCheck.problems.map((problem) => asError(truthFile, problem)));
		truthRecords = truthCheck.records;
	}

	const lesionsFile = parsed.protocol?.truth.lesions;
	if (truthMadeHere && lesionsFile !== undefined)
		problems.push({
			severity: 'error',
			file: PROTOCOL_FILE,
			line: lineOf(['truth', 'lesions']),
			field: 'truth.lesions',
			message: `a truth lesions file needs truth.csv (${truthFile}); without it the reference standard makes the lesions`
		});
	const lesionTable =
		lesionsFile === undefined
			? undefined
			: readTable(place, ['truth', 'lesions'], lesionsFile, REQUIRED_LESION_COLUMNS);
	const lesionRecords =
		lesionsFile && lesionTable && truthRecords.length > 0
			? checkStudyLesions(
					lesionsFile,
					lesionTable,
					truthRecords,
					imported ? null : images,
					problems
				)
			: [];

	const protocol = parsed.protocol;
	if (lesionsFile !== undefined && !lesionTable) return failed(problems);
	if (
		!protocol ||
		!caseTable ||
		(!truthTable && !truthMadeHere) ||
		problems.some((p) => p.severity === 'error')
	)
		return failed(problems);

	const files = {
		[PROTOCOL_FILE]: protocolFile.sha256,
		[casesFile]: caseTable.sha256,
		...(truthTable && { [truthFile]: truthTable.sha256 }),
		...(lesionsFile !== undefined && lesionTable && { [lesionsFile]: lesionTable.sha256 })
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
			truth: truthRecords,
			lesions: lesionRecords,
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

type LineOf = (path: readonly PropertyKey[]) => number | undefined;

interface TableSettings {
	casesFile: string;
	truthFile: string;
	context: CaseTableContext;
	/** The line of a study.yaml field, for problems with the paths it names. */
	lineOf: LineOf;
}

interface ParsedProtocol {
	protocol?: Protocol;
	/** Present whenever the case tables can be checked, even if the protocol has other errors. */
	tables?: TableSettings;
	problems: FolderProblem[];
}

function parseProtocol(text: string): ParsedProtocol {
	const parsed = parseProtocolYaml(text);
	if (!parsed.ok) {
		return {
			problems: parsed.problems.map((problem) => ({
				severity: 'error',
				file: PROTOCOL_FILE,
				...problem
			}))
		};
	}
	const { value: raw, lineOfPath } = parsed;
	const result = protocolSchema.safeParse(raw);
	if (!result.success) {
		const lenient = lenientTableSettings(raw);
		return {
			tables: lenient && { ...lenient, lineOf: lineOfPath },
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
		context: caseTableContext(result.data),
		lineOf: lineOfPath
	};
	return { protocol: result.data, tables, problems: warnings };
}

/** The case-table settings of a protocol that failed validation, where they are readable. */
function lenientTableSettings(raw: unknown): Omit<TableSettings, 'lineOf'> | undefined {
	const lenient = z.looseObject({
		sites: z.array(z.looseObject({ code: z.string() })),
		cases: z
			.looseObject({
				file: z.string().max(255).default('cases.csv'),
				strata: z.array(z.string()).default([])
			})
			.prefault({}),
		truth: z.looseObject({ file: z.string().max(255).default('truth.csv') }).prefault({})
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

function isFsError(error: unknown): boolean {
	return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

interface TablePlace {
	realDir: string;
	lineOf: LineOf;
	problems: FolderProblem[];
}

/**
 * A CSV file named by a study.yaml field: its path is confined to the study folder (a problem at
 * the field's line), its content bounded and strict UTF-8 (a problem in the file itself).
 */
function readTable(
	{ realDir, lineOf, problems }: TablePlace,
	field: ['cases' | 'truth', 'file' | 'lesions'],
	file: string,
	required: string[]
): { sha256: string; header: string[]; rows: TableRow[] } | undefined {
	let content: ProtocolFile;
	try {
		let path: string;
		try {
			path = confinedPath(realDir, file, 'file');
		} catch (error) {
			if (!(error instanceof ProtocolFileError)) throw error;
			problems.push({
				severity: 'error',
				file: PROTOCOL_FILE,
				line: lineOf(field),
				field: field.join('.'),
				message: error.message
			});
			return undefined;
		}
		content = readProtocolFile(path, MAX_TABLE_BYTES);
	} catch (error) {
		if (error instanceof ProtocolFileError) problems.push(fileProblem(file, error));
		else if (isFsError(error))
			problems.push({
				severity: 'error',
				file,
				message: `cannot be read (${(error as NodeJS.ErrnoException).code})`
			});
		else throw error;
		return undefined;
	}
	let table: ReturnType<typeof parseCsvTable>;
	try {
		table = parseCsvTable(content.text);
	} catch (error) {
		if (!(error instanceof CsvTextError)) throw error;
		problems.push({ severity: 'error', file, line: error.line, message: error.message });
		return undefined;
	}
	const headerProblems = checkHeader(table.header, required);
	problems.push(...headerProblems.map((problem) => asError(file, problem)));
	if (headerProblems.length > 0) return undefined;
	return { sha256: content.sha256, header: table.header, rows: table.rows };
}

function failed(problems: FolderProblem[]): StudyFolderResult {
	const errorCount = problems.filter((problem) => problem.severity === 'error').length;
	return { ok: false, problems: capProblems(problems), errorCount };
}
