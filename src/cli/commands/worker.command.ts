// `tandem worker`: an inference worker for a deployment on PostgreSQL (DATABASE_URL). It takes
// scoring jobs from the database's job queue (src/lib/server/ai/scoring-queue.ts), scores each case
// with onnxruntime in its worker threads (TANDEM_INFERENCE_THREADS) and writes the result, until it
// is stopped: on SIGTERM or SIGINT it takes no further job and finishes the ones under way. Run as
// many as there are machines to score on; a worker killed mid-job loses nothing (the job is run
// again by another after TANDEM_JOB_LEASE_SECONDS).
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { isPostgresHandle } from '../../lib/server/db/postgres-transaction';
import { closeInferencePool, getInferencePool } from '../../lib/server/ai/inference/pool';
import { openScoringQueue, workScoringQueue } from '../../lib/server/ai/scoring-queue';
import { logFor } from '../../lib/server/logger';

export function registerWorker(program: Command): void {
	program
		.command('worker')
		.description('score AI jobs from the job queue until stopped (PostgreSQL deployments)')
		.option(
			'--concurrency <n>',
			'cases scored at once (default: the inference threads)',
			(text) => {
				const n = Number(text);
				if (!Number.isInteger(n) || n < 1 || n > 256)
					throw new CliError(
						`--concurrency must be a whole number from 1 to 256, got "${text}"`,
						2
					);
				return n;
			}
		)
		.action(async (options: { concurrency?: number }) => {
			const db = getDatabase();
			if (!isPostgresHandle(db))
				throw new CliError(
					'tandem worker: workers share a PostgreSQL database (set DATABASE_URL); with SQLite the server scores in its own pool',
					2
				);
			const log = logFor('worker');
			const boss = await openScoringQueue();
			const pool = getInferencePool();
			let scored = 0;
			await workScoringQueue(db, boss, pool, {
				concurrency: options.concurrency,
				log,
				onJobFinished: ({ job, status }) => {
					if (status === 'done') scored++;
					process.stdout.write(`worker: case ${job.caseId} ${status} (${scored} scored)\n`);
				}
			});
			process.stdout.write('worker: taking scoring jobs; stop with Ctrl-C or SIGTERM\n');
			await new Promise<void>((resolve) => {
				const stop = (signal: string) => {
					process.stdout.write(`worker: ${signal}: finishing the jobs under way\n`);
					resolve();
				};
				process.once('SIGTERM', () => stop('SIGTERM'));
				process.once('SIGINT', () => stop('SIGINT'));
			});
			await boss.stop({ graceful: true, wait: true });
			await closeInferencePool();
			process.stdout.write(`worker: stopped (${scored} case(s) scored)\n`);
		});
}
