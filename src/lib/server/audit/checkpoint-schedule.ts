// When the audit chain is signed unasked (TANDEM_AUDIT_CHECKPOINT_ROWS / _MINUTES): each audit row
// asks for a check once its transaction is over (so only committed rows are signed), and the
// server also checks every minute, so that a quiet tail is signed within the minutes too. A failed
// check is logged and never fails the write that asked for it.
import type Database from 'better-sqlite3';
import type { Db, DbOrTx } from '../db/client';
import { rootOf } from '../db/root-handle';
import { auditCheckpointPolicy } from '../config';
import { logFor } from '../logger';
import { checkpointIfDue } from './checkpoint.service';

function checkNow(db: Db): void {
	if (!db.$client.open) return;
	try {
		checkpointIfDue(db, auditCheckpointPolicy());
	} catch (error) {
		logFor('audit').error({ err: error }, 'the audit chain was not checkpointed');
	}
}

const asked = new WeakSet<Database.Database>();

/**
 * Called by recordAudit inside the writing transaction. better-sqlite3 transactions are
 * synchronous, so the microtask runs once the transaction has committed or rolled back; one
 * opened by hand and held across awaits is waited for a little longer.
 */
export function checkpointWhenDue(tx: DbOrTx): void {
	const root = rootOf(tx);
	if (!root || root.$client.memory || asked.has(root.$client)) return;
	asked.add(root.$client);
	const attempt = (attempts: number) => {
		if (root.$client.open && root.$client.inTransaction && attempts < 100) {
			setTimeout(() => attempt(attempts + 1), 10);
			return;
		}
		asked.delete(root.$client);
		if (!root.$client.inTransaction) checkNow(root);
	};
	queueMicrotask(() => attempt(0));
}

/** The server's minute check; returns the function that stops it. */
export function startCheckpointTimer(db: Db, everyMs = 60_000): () => void {
	const timer = setInterval(() => checkNow(db), everyMs);
	timer.unref?.();
	return () => clearInterval(timer);
}
