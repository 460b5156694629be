// The server scores studies in the background: at start, interrupted jobs are queued again; then,
// every few seconds, each study whose protocol names a registered model gets its unscored cases
// queued and the due jobs run through the worker pool — never on a request's path.
import { studies } from '../db/schema';
import type { Db } from '../db/client';
import { systemPrincipal } from '../access/principal';
import type { InferencePool } from './inference/pool';
import { protocolOf } from '../studies/study-protocol';
import { enqueueStudy, requeueInterrupted } from './inference-jobs';
import { findModel } from './model-registry.service';
import { runQueuedJobs } from './scoring-runner';

const TICK_MS = 3_000;

/** Queues the unscored cases of every study whose model is registered; returns how many. */
export function enqueueAllStudies(db: Db): number {
	let queued = 0;
	for (const study of db.select().from(studies).all()) {
		const { ai_model: wanted } = protocolOf(study);
		const model = findModel(db, wanted.name, wanted.version);
		if (model) queued += enqueueStudy(db, systemPrincipal('inference'), study.id, model.id);
	}
	return queued;
}

export function startBackgroundScoring(
	db: Db,
	pool: () => InferencePool,
	log: (line: string) => void = console.log
): () => void {
	const requeued = requeueInterrupted(db);
	if (requeued > 0) log(`inference: ${requeued} interrupted job(s) queued again`);
	let busy = false;
	const tick = async () => {
		if (busy) return;
		busy = true;
		try {
			const queued = enqueueAllStudies(db);
			if (queued > 0) log(`inference: ${queued} case(s) queued for scoring`);
			let done = 0;
			const finished = await runQueuedJobs(db, pool(), {
				onJobFinished: ({ status, error }) => {
					done++;
					if (status !== 'done')
						log(`inference: a case ${status === 'retry' ? 'will be retried' : 'failed'}: ${error}`);
					if (done % 20 === 0) log(`inference: ${done} case(s) scored`);
				}
			});
			if (finished > 0) log(`inference: ${finished} case(s) finished this round`);
		} catch (error) {
			log(
				`inference: scoring round failed: ${error instanceof Error ? error.message : String(error)}`
			);
		} finally {
			busy = false;
		}
	};
	void tick();
	const timer = setInterval(() => void tick(), TICK_MS);
	timer.unref();
	return () => clearInterval(timer);
}
