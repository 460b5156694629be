// The signed checkpoints against the audit chain, for `tandem audit verify` (after the hash chain
// itself). Trusted: the signature under the server's public key (or one given, e.g. from an export
// manifest), nothing else. The checkpoints checked: the table's, the file's beside the database,
// and any held elsewhere (an export or backup manifest). Found, each naming a sequence:
// - a checkpoint whose signature does not verify (forged or altered);
// - a chain that no longer has the signed hash at a checkpoint's sequence (rewritten, even if
//   recomputed consistently), named with the range since the checkpoint before it;
// - a chain that ends before a checkpoint's sequence (tail cut);
// - a table checkpoint missing from the file, a missing file, a line that is no checkpoint.
import { eq, max } from 'drizzle-orm';
import { auditEvents } from '../db/schema';
import type { Db } from '../db/client';
import { checkpointsOf } from './checkpoint.service';
import { checkpointFileOf, readCheckpointFile } from './checkpoint-file';
import { checkpointSignatureValid, type AuditCheckpoint } from './checkpoint-record';

export interface CheckpointProblem {
	/** The first sequence that does not hold (null: a line of the file that is no checkpoint). */
	seq: number | null;
	problem: string;
}

export interface CheckpointVerdict {
	problems: CheckpointProblem[];
	/** Distinct checkpoints checked. */
	checkpoints: number;
	last: AuditCheckpoint | null;
	/** Events in the chain after the last checkpoint. */
	after: number;
	notes: string[];
}

export interface CheckpointSources {
	/** The key the checkpoints must verify under; null when there is none (then any checkpoint fails). */
	publicKeyPem: string | null;
	/** Checkpoints held outside the database and its folder. */
	external?: AuditCheckpoint[];
	/** How the problems name the checkpoint file (default: its path), e.g. its name inside a backup. */
	fileLabel?: string;
}

/** One checkpoint, whichever copy it is read from: every field counts. */
export const checkpointIdentity = (row: AuditCheckpoint) =>
	[row.seq, row.hash, row.rowCount, row.signedAt, row.occasion, row.keyId, row.signature].join(' ');

export async function verifyCheckpoints(
	db: Db,
	sources: CheckpointSources
): Promise<CheckpointVerdict> {
	const problems: CheckpointProblem[] = [];
	const notes: string[] = [];
	const stored = await checkpointsOf(db);
	const path = checkpointFileOf(db);
	const file = path ? readCheckpointFile(path) : null;
	if (path && file) {
		const label = sources.fileLabel ?? path;
		for (const line of file.badLines)
			problems.push({ seq: null, problem: `line ${line} of ${label} is not an audit checkpoint` });
		const inFile = new Set(file.checkpoints.map(checkpointIdentity));
		const inTable = new Set(stored.map(checkpointIdentity));
		if (!file.exists && stored.length > 0)
			problems.push({
				seq: stored[0]!.seq,
				problem: `audit checkpoint file ${label} is missing, but the database holds ${stored.length} checkpoints`
			});
		else
			for (const checkpoint of stored.filter((row) => !inFile.has(checkpointIdentity(row))))
				problems.push({
					seq: checkpoint.seq,
					problem: `audit checkpoint at sequence ${checkpoint.seq} is in the database but not in ${label} (the file was cut or replaced)`
				});
		const fileOnly = [...inFile].filter((key) => !inTable.has(key)).length;
		if (fileOnly > 0)
			notes.push(
				`${fileOnly} checkpoint${fileOnly === 1 ? ' is' : 's are'} in the checkpoint file but not in the database (written during a crash, or removed from the database); ${fileOnly === 1 ? 'it was' : 'they were'} checked all the same`
			);
	}
	const distinct = new Map<string, AuditCheckpoint>();
	for (const row of [...stored, ...(file?.checkpoints ?? []), ...(sources.external ?? [])])
		if (!distinct.has(checkpointIdentity(row))) distinct.set(checkpointIdentity(row), row);
	const all = [...distinct.values()].sort((a, b) => a.seq - b.seq);

	const headSeq =
		(
			await db
				.select({ seq: max(auditEvents.seq) })
				.from(auditEvents)
				.limit(1)
		)[0]?.seq ?? 0;
	const hashOf = async (seq: number) =>
		(
			await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, seq))
		)[0]?.hash;
	const { publicKeyPem } = sources;
	if (all.length > 0 && publicKeyPem === null)
		problems.push({
			seq: all[0]!.seq,
			problem:
				'audit checkpoints cannot be checked: there is no signing key (public key) to check them against'
		});
	let previousGood = 0;
	let last: AuditCheckpoint | null = null;
	for (const checkpoint of all) {
		if (publicKeyPem !== null && !checkpointSignatureValid(checkpoint, publicKeyPem)) {
			problems.push({
				seq: checkpoint.seq,
				problem: `audit checkpoint FORGED at sequence ${checkpoint.seq}: its signature does not verify under the server's key`
			});
			continue;
		}
		last = checkpoint;
		if (checkpoint.seq > headSeq) continue;
		if ((await hashOf(checkpoint.seq)) === checkpoint.hash) previousGood = checkpoint.seq;
		else
			problems.push({
				seq: checkpoint.seq,
				problem: `audit chain REWRITTEN between sequences ${previousGood + 1} and ${checkpoint.seq}: sequence ${checkpoint.seq} does not have the hash signed at ${checkpoint.signedAt} (${checkpoint.occasion}); rows in that range were changed and the chain recomputed`
			});
	}
	if (last && last.seq > headSeq)
		problems.push({
			seq: headSeq + 1,
			problem: `audit chain TRUNCATED at sequence ${headSeq + 1}: the chain ends at sequence ${headSeq} but a signed checkpoint covers sequence ${last.seq}`
		});
	problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
	return {
		problems,
		checkpoints: all.length,
		last,
		after: last ? Math.max(0, headSeq - last.seq) : headSeq,
		notes
	};
}
