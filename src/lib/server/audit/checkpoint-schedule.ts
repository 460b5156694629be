// When the audit chain is signed unasked (TANDEM_AUDIT_CHECKPOINT_ROWS / _MINUTES): each audit row
// asks for a check once its transaction is over (so only committed rows are signed), and the
// server also checks every minute, so that a quiet tail is signed within the minutes too. A failed
// check is logged and never fails the write that asked for it.
import type { Db, DbOrTx } from '../db/client';
import { rootOf } from '../db/root-handle';
import { connectionFacts } from '../db/connection-facts';
import { afterTransaction } from '../db/transaction';
import { auditCheckpointPolicy } from '../config';
import { logFor } from '../logger';
import { checkpointIfDue } from './checkpoint.service';

async function checkNow(db: Db): Promise<void> {
	if (!connectionFacts(db).open) return;
	try {
		await checkpointIfDue(db, auditCheckpointPolicy());
	} catch (error) {
		logFor('audit').error({ err: error }, 'the audit chain was not checkpointed');
	}
}

const asked = new WeakSet<object>();

/** Called by recordAudit inside the writing transaction: the check runs once it is over. */
export function checkpointWhenDue(tx: DbOrTx): void {
	const root = rootOf(tx);
	if (!root) return;
	const { memory, key } = connectionFacts(root);
	if (memory || asked.has(key)) return;
	asked.add(key);
	afterTransaction(tx, async () => {
		asked.delete(key);
		await checkNow(root);
	});
}

/** The server's minute check; returns the function that stops it. */
export function startCheckpointTimer(db: Db, everyMs = 60_000): () => void {
	const timer = setInterval(() => afterTransaction(db, async () => await checkNow(db)), everyMs);
	timer.unref?.();
	return () => clearInterval(timer);
}
