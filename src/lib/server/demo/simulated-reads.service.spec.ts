import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { simulateReads } from './simulated-reads.service';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { operatorPrincipal } from '../access/principal';
import { verifyAuditChain } from '../audit/audit.service';

const DAY = 86_400_000;

describe('simulateReads', () => {
	it('reads every assignment through the read service, marked simulated, with the washout kept', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-b']);
		const start = new Date('2026-01-05T09:00:00Z');
		const result = await simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 11, start });
		expect(result).toMatchObject({ readers: 2, reads: 48, skipped: 0 });
		expect(
			await sqlRow(
				db,
				'SELECT count(*) AS n, sum(CASE WHEN is_simulated THEN 1 ELSE 0 END) AS simulated FROM reads'
			)
		).toEqual({ n: 48, simulated: 48 });

		// For each reader, the first period-2 read comes at least 28 days after the last period-1 read.
		for (const reader of readers) {
			const times = (await sqlRows(
				db,
				'SELECT s.period, max(r.submitted_at) AS last, min(r.submitted_at) AS first FROM reads r JOIN assignments a ON a.id = r.assignment_id JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id WHERE m.user_id = ? GROUP BY s.period ORDER BY s.period',
				reader.userId
			)) as Array<{ period: number; last: number; first: number }>;
			expect(times[1]!.first - times[0]!.last).toBeGreaterThanOrEqual(28 * DAY);
			expect(times[0]!.first).toBeGreaterThanOrEqual(start.getTime());
		}
		// The same seed again finds every read already there.
		expect(
			await simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 11, start })
		).toMatchObject({ reads: 0 });
		expect((await verifyAuditChain(db)).ok).toBe(true);
		const audit = (await sqlRow(
			db,
			"SELECT after_json AS after FROM audit_events WHERE action = 'read.submitted' LIMIT 1"
		)) as { after: string };
		expect(JSON.parse(audit.after)).toMatchObject({ simulated: true });
	});

	it('is refused for a study that is not a demo, and for a signed-in user', async () => {
		const { db, readers } = await enrolledStudy(
			['site-a'],
			twelveCaseOptions(FIXTURE_YAML.replace('demo: true', 'demo: false'))
		);
		await expect(simulateReads(db, operatorPrincipal(), 'mini-study', { seed: 1 })).rejects.toThrow(
			/not a demo study/
		);
		await expect(simulateReads(db, readers[0]!, 'mini-study', { seed: 1 })).rejects.toThrow(
			/made by an operator/
		);
	});
});
