// `tandem demo simulate-reads` after a few real reads: no simulated read is later than now, the
// washout still holds, and the reads that cannot be done by now are left and named.
import { describe, expect, it } from 'vitest';
import { runCli } from '$fixtures/run-cli.fixture';
import { freshCommandDatabase } from '$fixtures/data-folder.fixture';
import { sqlRows, sqlValue } from '$fixtures/sql.fixture';
import { FIXTURE_YAML, makeStudyFolder } from '$fixtures/study-folder.fixture';
import { twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignmentIds } from '$fixtures/reader-assignments.fixture';
import { submitRead } from '../../lib/server/reads/read.service';
import { forEachInOrder } from '../../lib/server/db/in-order';

const DAY = 86_400_000;

interface PeriodTimes {
	email: string;
	period: number;
	first: number;
	last: number;
	simulated: number;
	n: number;
}

describe('tandem demo simulate-reads', () => {
	it('after a few real reads dates every simulated read in the past and keeps each washout', async () => {
		const { env, db } = await freshCommandDatabase('tandem-simulate-');
		const cli = (args: string[], input?: string) => {
			const run = runCli(args, env, input);
			expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
			return run.stdout;
		};
		cli(['study', 'load', makeStudyFolder(twelveCaseOptions(FIXTURE_YAML))]);
		for (const [email, site] of [
			['real@x.org', 'site-a'],
			['sim@x.org', 'site-b']
		])
			cli(
				[
					...['reader', 'enrol', '--study', 'mini-study', '--site', site!, '--email', email!],
					...['--name', email!, '--password-stdin']
				],
				'reader password 123'
			);
		// A few real reads, a minute ago, by the first reader.
		const userId = (await sqlValue<number>(db, "SELECT id FROM users WHERE email = 'real@x.org'"))!;
		const reader = { kind: 'user' as const, userId, email: 'real@x.org', name: 'Real' };
		const realAt = Date.now() - 60_000;
		await forEachInOrder(
			await readerAssignmentIds(db, reader.email, { period: 1, limit: 3 }),
			async (id, index) =>
				await submitRead(
					db,
					reader,
					{ assignment: id, clientId: `real-${index}-abc`, decision: 1, confidence: 60 },
					new Date(realAt + index * 1_000)
				)
		);

		const out = cli(['demo', 'simulate-reads', '--study', 'mini-study', '--seed', '5']);
		const after = Date.now();
		const times = await sqlRows<PeriodTimes>(
			db,
			`SELECT u.email, s.period, min(r.submitted_at) AS first, max(r.submitted_at) AS last,
				sum(CASE WHEN r.is_simulated THEN 1 ELSE 0 END) AS simulated, count(*) AS n
			FROM reads r JOIN assignments a ON a.id = r.assignment_id
			JOIN reading_sessions s ON s.id = a.session_id JOIN memberships m ON m.id = s.membership_id
			JOIN users u ON u.id = m.user_id GROUP BY u.email, s.period ORDER BY u.email, s.period`
		);
		// No read is later than now.
		for (const row of times) expect(row.last).toBeLessThanOrEqual(after);
		const real = times.filter((row) => row.email === 'real@x.org');
		const simulated = times.filter((row) => row.email === 'sim@x.org');
		// The reader who read today finishes period 1 after their real reads; period 2 waits for the
		// washout, which ends after now, so it is left unread.
		expect(real.map((row) => [row.period, row.n])).toEqual([[1, 12]]);
		expect(real[0]!.last).toBeGreaterThanOrEqual(realAt + 2_000);
		// The other reader does both periods in the past, the washout between them.
		expect(simulated.map((row) => [row.period, row.n, row.simulated])).toEqual([
			[1, 12, 12],
			[2, 12, 12]
		]);
		expect(simulated[1]!.first - simulated[0]!.last).toBeGreaterThanOrEqual(28 * DAY);
		expect(out).toMatch(/33 simulated reads by 2 readers/);
		expect(out).toMatch(/12 reads left unread: the washout of 1 reader ends after now \(\d{4}-/);
	});

	it('refuses a start later than now', async () => {
		const { env } = await freshCommandDatabase('tandem-simulate-');
		expect(runCli(['study', 'load', makeStudyFolder(twelveCaseOptions())], env).status).toBe(0);
		const run = runCli(
			['demo', 'simulate-reads', '--study', 'mini-study', '--start', '2999-01-01'],
			env
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/start of the simulated reads .*is later than now/);
	});
});
