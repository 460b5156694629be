// Whether a study can be locked: every current read (not superseded by a correction) must carry
// what each endpoint needs, and every monitor query must be closed — a locked study cannot change,
// so a gap found or a question answered after the lock could never be put right.
import { and, asc, eq, ne } from 'drizzle-orm';
import { monitorQueries } from '../db/schema';
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

export function incompleteReads(tx: DbOrTx, studyId: number, protocol: Protocol): IncompleteRead[] {
	const needed = readFieldsNeeded(protocol);
	if (needed.length === 0) return [];
	const rows = studyReads(tx, studyId);
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
export function unresolvedQueries(tx: DbOrTx, studyId: number) {
	return tx
		.select({ id: monitorQueries.id, status: monitorQueries.status })
		.from(monitorQueries)
		.where(and(eq(monitorQueries.studyId, studyId), ne(monitorQueries.status, 'closed')))
		.orderBy(asc(monitorQueries.id))
		.all();
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
