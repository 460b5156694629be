// The server scores studies in the background: at start, interrupted jobs are queued again; then,
// every few seconds, each study whose protocol names a registered model gets its unscored cases
// queued and the due jobs run through the worker pool — never on a request's path. Stopping (at
// shutdown) claims no further job and waits for the ones under way, so none is left half-written.
import { studies } from '../db/schema';
import type { Db } from '../db/client';
import { systemPrincipal } from '../access/principal';
import { logFor, type Logger } from '../logger';
import type { InferencePool } from './inference/pool';
import { protocolOf } from '../studies/study-protocol';
import { enqueueStudy, requeueInterrupted } from './inference-jobs';
import { findModel } from './model-registry.service';
import { runQueuedJobs } from './scoring-runner';

const TICK_MS = 3_000;

/** Queues the unscored cases of every study whose model is registered; returns how many. */
export async function enqueueAllStudies(db: Db): Promise<number> {
	let queued = 0;
	for (const study of await db.select().from(studies)) {
		const { ai_model: wanted } = protocolOf(study);
		const model = await findModel(db, wanted.name, wanted.version);
		if (model) queued += await enqueueStudy(db, systemPrincipal('inference'), study.id, model.id);
	}
	return queued;
}

/** Starts the rounds; returns the function that stops them (resolving once the round under way ends). */
export async function startBackgroundScoring(
	db: Db,
	pool: () => InferencePool,
	log: Logger = logFor('inference')
): Promise<() => Promise<void>> {
	const requeued = await requeueInterrupted(db);
	if (requeued > 0) log.info({ requeued }, `${requeued} interrupted job(s) queued again`);
	let round: Promise<void> | undefined;
	let stopped = false;
	const tick = async () => {
		try {
			const queued = await enqueueAllStudies(db);
			if (queued > 0) log.info({ queued }, `${queued} case(s) queued for scoring`);
			let done = 0;
			const finished = await runQueuedJobs(db, pool(), {
				shouldStop: () => stopped,
				onJobFinished: ({ job, status, error }) => {
					done++;
					if (status !== 'done')
						log.warn(
							{ jobId: job.id, status, error },
							`a case ${status === 'retry' ? 'will be retried' : 'failed'}: ${error}`
						);
					if (done % 20 === 0) log.info({ scored: done }, `${done} case(s) scored`);
				}
			});
			if (finished > 0) log.info({ finished }, `${finished} case(s) finished this round`);
		} catch (error) {
			log.error({ err: error }, 'a scoring round failed');
		}
	};
	const startRound = () => {
		if (stopped || round) return;
		round = tick().finally(() => (round = undefined));
	};
	startRound();
	const timer = setInterval(startRound, TICK_MS);
	timer.unref();
	return async () => {
		stopped = true;
		clearInterval(timer);
		await round;
	};
}
