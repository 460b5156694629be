// Whether a study can be locked: every current read (not superseded by a correction) must carry
// what each endpoint needs, every monitor query must be closed, and the declared model must have
// finished every case it was given (the lock seals the AI's outputs) — a locked study cannot
// change, so a gap found, a question answered or a score written after the lock could never be
// put right.
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { aiModels, aiResults, cases, monitorQueries, type studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import type { Protocol } from '../../design/protocol/protocol.schema';
import {
	missingReadFields,
	READ_FIELD_LABEL,
	readFieldsNeeded,
	type ReadField
} from '../../design/protocol/read-fields';
import { studyReads, type StudyRead } from '../reads/study-reads';

export interface IncompleteRead {
	read: StudyRead;
	missing: ReadField[];
}

const NAMED = 10;

export async function incompleteReads(
	tx: DbOrTx,
	studyId: number,
	protocol: Protocol
): Promise<IncompleteRead[]> {
	const needed = readFieldsNeeded(protocol);
	if (needed.length === 0) return [];
	const rows = await studyReads(tx, studyId);
	const superseded = new Set(
		rows.flatMap((row) => (row.supersedes === null ? [] : [row.supersedes]))
	);
	return rows
		.filter((row) => !superseded.has(row.id))
		.map((read) => ({ read, missing: missingReadFields(read, needed) }))
		.filter((entry) => entry.missing.length > 0);
}

/** "2 reads lack what an endpoint needs — read 7 (R01, period 1, case K3): reading time; …" */
export function describeIncompleteReads(entries: readonly IncompleteRead[]): string {
	const named = entries
		.slice(0, NAMED)
		.map(
			({ read, missing }) =>
				`read ${read.id} (${read.reader}, period ${read.period}, case ${read.caseKey}): ${missing
					.map((field) => READ_FIELD_LABEL[field])
					.join(', ')}`
		);
	const more = entries.length > NAMED ? `; and ${entries.length - NAMED} more` : '';
	const count = entries.length === 1 ? '1 read lacks' : `${entries.length} reads lack`;
	return `${count} what an endpoint needs — ${named.join('; ')}${more}`;
}

/** The study's monitor queries that are not closed (open or answered), oldest first. */
export async function unresolvedQueries(tx: DbOrTx, studyId: number) {
	return await tx
		.select({ id: monitorQueries.id, status: monitorQueries.status })
		.from(monitorQueries)
		.where(and(eq(monitorQueries.studyId, studyId), ne(monitorQueries.status, 'closed')))
		.orderBy(asc(monitorQueries.id));
}

/** "2 monitor queries are not closed — query 3 (answered), query 5 (open)" */
export function describeUnresolvedQueries(
	queries: ReadonlyArray<{ id: number; status: string }>
): string {
	const named = queries.slice(0, NAMED).map(({ id, status }) => `query ${id} (${status})`);
	const more = queries.length > NAMED ? `; and ${queries.length - NAMED} more` : '';
	const count =
		queries.length === 1 ? '1 monitor query is' : `${queries.length} monitor queries are`;
	return `${count} not closed — ${named.join(', ')}${more}`;
}

export interface UnfinishedScoring {
	model: string;
	cases: Array<{ caseKey: string; status: string }>;
}

/** The cases the study's declared model (protocol ai_model) still has queued or running. */
export async function unfinishedScoring(
	tx: DbOrTx,
	study: typeof studies.$inferSelect,
	protocol: Protocol
): Promise<UnfinishedScoring> {
	const { name, version } = protocol.ai_model;
	const rows = await tx
		.select({ caseKey: cases.caseKey, status: aiResults.status })
		.from(aiResults)
		.innerJoin(cases, eq(aiResults.caseId, cases.id))
		.innerJoin(aiModels, eq(aiResults.modelId, aiModels.id))
		.where(
			and(
				eq(cases.studyId, study.id),
				eq(aiModels.name, name),
				eq(aiModels.version, version),
				inArray(aiResults.status, ['queued', 'running'])
			)
		)
		.orderBy(asc(cases.caseKey));
	return { model: `${name} ${version}`, cases: rows };
}

/** "the AI (demo-model 1) has not finished 2 cases — K3 (queued), K7 (running)" */
export function describeUnfinishedScoring({ model, cases: open }: UnfinishedScoring): string {
	const named = open.slice(0, NAMED).map(({ caseKey, status }) => `${caseKey} (${status})`);
	const more = open.length > NAMED ? `; and ${open.length - NAMED} more` : '';
	const count = open.length === 1 ? '1 case' : `${open.length} cases`;
	return `the AI (${model}) has not finished ${count} — ${named.join(', ')}${more}`;
}
