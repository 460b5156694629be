// `tandem audit verify` — check the database file, then walk the hash chain; `tandem audit log` — read the trail.
import type { Command } from 'commander';
import { desc } from 'drizzle-orm';
import { CliError } from '../cli-error';
import { integerIn } from '../option-parsers';
import { verifyAuditChain } from '../../lib/server/audit/audit.service';
import { getDatabase } from '../../lib/server/db/client';
import { CorruptDatabase, integrityProblems } from '../../lib/server/db/integrity';
import { auditEvents } from '../../lib/server/db/schema';

export function registerAudit(program: Command): void {
	const audit = program.command('audit').description('the tamper-evident audit trail');
	audit
		.command('verify')
		.description(
			"check the database file (SQLite's integrity_check) and recompute the hash chain; exit 1 naming what is broken"
		)
		.action(() => {
			const db = getDatabase();
			const problems = integrityProblems(db.$client, 'full');
			if (problems.length > 0)
				throw new CliError(new CorruptDatabase(db.$client.name, problems).message, 1);
			const verdict = verifyAuditChain(db);
			if (!verdict.ok)
				throw new CliError(
					`audit chain BROKEN at sequence ${verdict.seq}: ${verdict.problem} (${verdict.count} events before it intact)`,
					1
				);
			process.stdout.write(`audit chain intact: ${verdict.count} events\n`);
		});
	audit
		.command('log')
		.option('--limit <n>', 'how many of the latest events', integerIn(1, 1_000_000, '--limit'), 50)
		.description('print the latest audit events')
		.action((options: { limit: number }) => {
			const rows = getDatabase()
				.select()
				.from(auditEvents)
				.orderBy(desc(auditEvents.seq))
				.limit(options.limit)
				.all();
			for (const row of rows.reverse()) {
				const entity = row.entityId ? `${row.entityType}:${row.entityId}` : row.entityType;
				process.stdout.write(
					`${row.seq}\t${row.at}\t${row.actor}\t${row.action}\t${entity}${row.reason ? `\treason: ${row.reason}` : ''}\n`
				);
			}
		});
}
