// What `tandem model robustness` and `model compare` share: an inference pool for the run,
// progress on stderr, a refused option (RangeError from the service) as a CLI error, and the
// result as a table or JSON on stdout.
import { CliError } from '../cli-error';
import { getDatabase, type Db } from '../../lib/server/db/client';
import { operatorPrincipal, type Principal } from '../../lib/server/access/principal';
import { createInferencePool, type InferencePool } from '../../lib/server/ai/inference/pool';
import { progressLine } from '../progress';

export interface RescoringRun<T> {
	/** The progress line's label. */
	label: string;
	/** JSON on stdout instead of the table. */
	json: boolean;
	run: (
		db: Db,
		principal: Principal,
		pool: InferencePool,
		onProgress: (done: number, total: number) => void
	) => Promise<T>;
	table: (result: T) => string;
}

export async function runRescoring<T>({ label, json, run, table }: RescoringRun<T>): Promise<void> {
	const pool = createInferencePool();
	try {
		const result = await run(getDatabase(), operatorPrincipal(), pool, (done, total) =>
			process.stderr.write(progressLine(label, done, total))
		).catch((error: unknown) => {
			if (error instanceof RangeError) throw new CliError(`tandem: ${error.message}`);
			throw error;
		});
		process.stderr.write('\n');
		process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : table(result));
	} finally {
		await pool.close();
	}
}
