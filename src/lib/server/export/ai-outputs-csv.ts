// ai-outputs.csv (and, in a lesion-level study, ai-candidates.csv) of a blind export: the AI's
// sealed per-case outputs (ai-outputs.ts) under the export's case codes, one row per case, in code
// order. Each row's SHA-256 goes into the signed manifest too, so `tandem export verify` names the
// row that was altered. A failure's error text is kept with every real case id in it replaced by
// its code, and on one line.
import type { DbOrTx } from '../db/client';
import type { studies } from '../db/schema';
import { rowSealsOf } from './row-seals';
import { hasTruthLesions } from '../../design/protocol/protocol.schema';
import { protocolOf } from '../studies/study-protocol';
import { compareCodeUnits } from '../../design/schedule/ordering';
import { candidateBoxes, sealedAiOutputs, type SealedAiModel } from './ai-outputs';

export const AI_OUTPUTS_FILE = 'ai-outputs.csv';
export const AI_CANDIDATES_FILE = 'ai-candidates.csv';

export const AI_OUTPUTS_HEADER = [
	'case',
	'model',
	'model_version',
	'model_sha256',
	'status',
	'score',
	'threshold',
	'failure_rule',
	'call',
	'attempts',
	'error',
	'output_sha256',
	'input_sha256',
	'candidates'
];
export const AI_CANDIDATES_HEADER = [
	'case',
	'candidate',
	'image',
	'x',
	'y',
	'width',
	'height',
	'score'
];

type Cell = string | number | null;
type CsvWriter = (header: string[], rows: Cell[][]) => string;

export interface AiExport {
	model: SealedAiModel | null;
	files: Record<string, string>;
	/** { file: { case code: SHA-256 of its row as written } }, for the manifest. */
	rowSeals: Record<string, Record<string, string>>;
}

/** The AI files of the export (none when the study's model is not registered or scored none). */
export async function aiExportFiles(
	tx: DbOrTx,
	study: typeof studies.$inferSelect,
	caseCodes: ReadonlyMap<string, string>,
	csv: CsvWriter
): Promise<AiExport> {
	const { model, outputs } = await sealedAiOutputs(tx, study);
	if (!model || outputs.length === 0) return { model, files: {}, rowSeals: {} };
	const code = (caseKey: string) => {
		const value = caseCodes.get(caseKey);
		if (value === undefined) throw new Error(`no code for case '${caseKey}'`);
		return value;
	};
	const coded = outputs
		.map((output) => ({ ...output, code: code(output.caseKey) }))
		.sort((left, right) => compareCodeUnits(left.code, right.code));
	const blindText = caseKeyReplacer(caseCodes);
	const rows: Cell[][] = coded.map((output) => {
		const failed = output.status === 'failed' || output.score === null;
		// The call the study counts (AI-3): a failed case by the protocol's rule.
		const call = failed
			? model.failureRule === 'positive'
				? 1
				: 0
			: model.threshold === null
				? null
				: output.score! >= model.threshold
					? 1
					: 0;
		return [
			output.code,
			model.name,
			model.version,
			model.sha256,
			failed ? 'failed' : 'done',
			failed ? null : output.score,
			model.threshold,
			model.failureRule,
			call,
			output.attempts,
			output.error === null ? null : blindText(output.error),
			output.outputSha256,
			output.inputSha256,
			candidateBoxes(output.output).length
		];
	});
	const outputsCsv = csv(AI_OUTPUTS_HEADER, rows);
	const files: Record<string, string> = { [AI_OUTPUTS_FILE]: outputsCsv };
	const rowSeals: AiExport['rowSeals'] = { [AI_OUTPUTS_FILE]: rowSealsOf(outputsCsv) };
	if (hasTruthLesions(protocolOf(study))) {
		const candidates = coded.flatMap((output) =>
			candidateBoxes(output.output).map((box, index): Cell[] => [
				output.code,
				index + 1,
				box.image,
				box.x,
				box.y,
				box.width,
				box.height,
				box.score
			])
		);
		files[AI_CANDIDATES_FILE] = csv(AI_CANDIDATES_HEADER, candidates);
	}
	return { model, files, rowSeals };
}

/** Replaces every real case id in a text by its code (longest ids first), on one line. */
function caseKeyReplacer(caseCodes: ReadonlyMap<string, string>): (text: string) => string {
	const keys = [...caseCodes.keys()].sort((left, right) => right.length - left.length);
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern =
		keys.length === 0
			? null
			: new RegExp(`(?<![A-Za-z0-9_.-])(${keys.map(escape).join('|')})(?![A-Za-z0-9_-])`, 'g');
	return (text) => {
		const oneLine = text.replace(/\s+/g, ' ').trim();
		return pattern ? oneLine.replace(pattern, (key) => caseCodes.get(key)!) : oneLine;
	};
}
