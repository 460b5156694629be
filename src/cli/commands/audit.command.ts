// `tandem audit verify` — walk the hash chain; `tandem audit log` — read the trail.
import type { Command } from 'commander';
import { desc } from 'drizzle-orm';
import { CliError } from '../cli-error';
import { verifyAuditChain } from '../../lib/server/audit/audit.service';
import { getDatabase } from '../../lib/server/db/client';
import { auditEvents } from '../../lib/server/db/schema';

export function registerAudit(program: Command): void {
	const audit = program.command('audit').description('the tamper-evident audit trail');
	audit
		.command('verify')
		.description('recompute the hash chain; exit 1 naming the first broken row')
		.action(() => {
			const verdict = verifyAuditChain(getDatabase());
			if (!verdict.ok) throw new CliError(`audit chain BROKEN at sequence ${verdict.seq}: ${verdict.problem} (${verdict.count} events before it intact)`, 1);
			process.stdout.write(`audit chain intact: ${verdict.count} events\n`);
		});
	audit
		.command('log')
		.option('--limit <n>', 'how many of the latest events', '50')
		.description('print the latest audit events')
		.action((options: { limit: string }) => {
			const limit = Number.parseInt(options.limit, 10);
			if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive whole number', 1);
			const rows = getDatabase().select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(limit).all();
			for (const row of rows.reverse()) {
				const entity = row.entityId ? `${row.entityType}:${row.entityId}` : row.entityType;
				process.stdout.write(`${row.seq}\t${row.at}\t${row.actor}\t${row.action}\t${entity}${row.reason ? `\treason: ${row.reason}` : ''}\n`);
			}
		});
}
