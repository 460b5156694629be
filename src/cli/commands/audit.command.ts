// `tandem audit verify` — check the database file, walk the hash chain, then check the signed
// checkpoints against it; `tandem audit checkpoint` — sign the chain's head now; `tandem audit log`
// — read the trail.
import { isPostgresHandle } from '../../lib/server/db/postgres-transaction';
import type { Command } from 'commander';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { desc } from 'drizzle-orm';
import { CliError } from '../cli-error';
import { integerIn } from '../option-parsers';
import { verifyAuditChain } from '../../lib/server/audit/audit.service';
import { checkpointChain } from '../../lib/server/audit/checkpoint.service';
import { checkpointsIn, type AuditCheckpoint } from '../../lib/server/audit/checkpoint-record';
import {
	verifyCheckpoints,
	type CheckpointVerdict
} from '../../lib/server/audit/checkpoint-verify';
import { existingPublicKeyPem } from '../../lib/server/export/signing-key';
import { getDatabase } from '../../lib/server/db/client';
import { CorruptDatabase, integrityProblems } from '../../lib/server/db/integrity';
import { auditEvents } from '../../lib/server/db/schema';

interface VerifyOptions {
	publicKey?: string;
	checkpoint: string[];
}

function readOptionFile(option: string, path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new CliError(`${option}: cannot read ${path} (${(error as Error).message})`, 2);
	}
}

function publicKeyOption(path: string): string {
	const pem = readOptionFile('--public-key', path);
	try {
		return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
	} catch {
		throw new CliError(`--public-key: ${path} is not a PEM public key`, 2);
	}
}

function checkpointOption(path: string): AuditCheckpoint[] {
	let document: unknown;
	try {
		document = JSON.parse(readOptionFile('--checkpoint', path));
	} catch (error) {
		if (error instanceof CliError) throw error;
		document = undefined;
	}
	const found = checkpointsIn(document);
	if (found.length === 0)
		throw new CliError(`--checkpoint: ${path} holds no signed audit checkpoint`, 2);
	return found;
}

const events = (n: number) => `${n} event${n === 1 ? '' : 's'}`;

function lastCheckpointLine(verdict: CheckpointVerdict, count: number): string {
	const { last } = verdict;
	if (!last) return `last signed checkpoint: none yet (${events(count)} unsigned)`;
	const checked = `${verdict.checkpoints} checkpoint${verdict.checkpoints === 1 ? '' : 's'} checked`;
	return `last signed checkpoint: sequence ${last.seq} of ${last.signedAt} (${last.occasion}), hash ${last.hash}; ${events(verdict.after)} after it (${checked})`;
}

export function registerAudit(program: Command): void {
	const audit = program.command('audit').description('the tamper-evident audit trail');
	audit
		.command('verify')
		.description(
			"check the database file (SQLite's integrity_check), recompute the hash chain and check it against the signed checkpoints; exit 1 naming the first bad sequence"
		)
		.option(
			'--public-key <file>',
			"the public key (PEM) the checkpoints must verify under, e.g. an export's public-key.pem (default: the server's signing key)"
		)
		.option(
			'--checkpoint <file>',
			'a JSON file holding signed checkpoints kept elsewhere, e.g. an export or backup manifest (repeatable)',
			(path: string, previous: string[]) => [...previous, path],
			[]
		)
		.action(async (options: VerifyOptions) => {
			const publicKeyPem = options.publicKey
				? publicKeyOption(options.publicKey)
				: existingPublicKeyPem();
			const external = options.checkpoint.flatMap(checkpointOption);
			const db = getDatabase();
			// SQLite's file is checked first; PostgreSQL keeps its own pages (data checksums).
			if (!isPostgresHandle(db)) {
				const problems = integrityProblems(db.$client, 'full');
				if (problems.length > 0)
					throw new CliError(new CorruptDatabase(db.$client.name, problems).message, 1);
			}
			const chain = await verifyAuditChain(db);
			const checkpoints = await verifyCheckpoints(db, { publicKeyPem, external });
			const failures = [
				...(chain.ok
					? []
					: [
							{
								seq: chain.seq,
								problem: `audit chain BROKEN at sequence ${chain.seq}: ${chain.problem} (${chain.count} events before it intact)`
							}
						]),
				...checkpoints.problems
			].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
			if (failures.length > 0)
				throw new CliError(failures.map((failure) => failure.problem).join('\n'), 1);
			const count = chain.ok ? chain.count : 0;
			process.stdout.write(
				[
					`audit chain intact: ${count} events`,
					lastCheckpointLine(checkpoints, count),
					...checkpoints.notes.map((note) => `note: ${note}`)
				].join('\n') + '\n'
			);
		});
	audit
		.command('checkpoint')
		.description("sign the audit chain's head now with the server's key (table and file)")
		.action(async () => {
			const checkpoint = await checkpointChain(getDatabase(), 'manual');
			if (!checkpoint) throw new CliError('nothing to sign: the audit trail is empty', 1);
			process.stdout.write(
				`signed checkpoint: sequence ${checkpoint.seq}, hash ${checkpoint.hash}, at ${checkpoint.signedAt}\n`
			);
		});
	audit
		.command('log')
		.option('--limit <n>', 'how many of the latest events', integerIn(1, 1_000_000, '--limit'), 50)
		.description('print the latest audit events')
		.action(async (options: { limit: number }) => {
			const rows = await getDatabase()
				.select()
				.from(auditEvents)
				.orderBy(desc(auditEvents.seq))
				.limit(options.limit);
			for (const row of rows.reverse()) {
				const entity = row.entityId ? `${row.entityType}:${row.entityId}` : row.entityType;
				process.stdout.write(
					`${row.seq}\t${row.at}\t${row.actor}\t${row.action}\t${entity}${row.reason ? `\treason: ${row.reason}` : ''}\n`
				);
			}
		});
}
