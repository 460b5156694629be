// `tandem model add|list|score|verify|evaluate|robustness|compare` — the AI model registry and its use on a study.
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { getDatabase } from '../../lib/server/db/client';
import { operatorPrincipal } from '../../lib/server/access/principal';
import { requireStudyBySlug } from '../../lib/server/access/access';
import { addModel, findModel, listModels } from '../../lib/server/ai/model-registry.service';
import {
	enqueueStudy,
	requeueInterrupted,
	scoringProgress
} from '../../lib/server/ai/inference-jobs';
import { runQueuedJobs } from '../../lib/server/ai/scoring-runner';
import { verifyRepeatability } from '../../lib/server/ai/repeatability.service';
import { evaluateStandalone } from '../../lib/server/ai/standalone-evaluation.service';
import { protocolOf } from '../../lib/server/studies/study-protocol';
import { createInferencePool } from '../../lib/server/ai/inference/pool';
import { evaluateLesionStandalone } from '../../lib/server/ai/lesion-evaluation.service';
import { formatEvaluation } from './model-report';
import { formatLesionEvaluation } from './model-lesion-report';
import { StandaloneInputError } from '../../lib/stats/lesion/standalone/standalone-input';
import { MatchRuleError } from '../../lib/stats/lesion/match-marks';
import { progressLine } from '../progress';
import { choiceOption, integerIn } from '../option-parsers';
import { registerModelRobustness } from './model-robustness';
import { registerModelCompare } from './model-compare';

export function registerModel(program: Command): void {
	const model = program
		.command('model')
		.description(
			'AI models: registry, scoring, repeatability, standalone performance, robustness, version comparison'
		);
	model
		.command('add')
		.requiredOption('--name <name>', 'model name')
		.requiredOption('--version <version>', 'model version')
		.requiredOption('--file <file>', 'ONNX model file')
		.requiredOption('--manifest <json>', 'manifest: task, input preprocessing, outputs, threshold')
		.description('register a model, stored by SHA-256')
		.action(async (options: { name: string; version: string; file: string; manifest: string }) => {
			const { model: added, created } = await addModel(getDatabase(), operatorPrincipal(), options);
			process.stdout.write(
				`${added.name} ${added.version}: ${created ? 'registered' : 'already registered'}, sha256 ${added.sha256}\n`
			);
		});
	model
		.command('list')
		.description('registered models: name, version, sha256')
		.action(async () => {
			for (const entry of await listModels(getDatabase()))
				process.stdout.write(`${entry.name}\t${entry.version}\t${entry.sha256}\n`);
		});
	model
		.command('score')
		.requiredOption('--study <slug>', 'study')
		.description(
			'score every unscored case of the study now (what the server does in the background)'
		)
		.action(async (options: { study: string }) => {
			const { db, studyId, modelId } = await studyModel(options.study);
			await requeueInterrupted(db);
			await enqueueStudy(db, operatorPrincipal(), studyId, modelId);
			const pool = createInferencePool();
			try {
				await runQueuedJobs(db, pool, {
					studyId,
					waitForRetries: true,
					onJobFinished: async () => await showProgress(db, studyId, modelId)
				});
			} finally {
				await pool.close();
			}
			const progress = await scoringProgress(db, studyId, modelId);
			process.stderr.write('\n');
			process.stdout.write(
				`${options.study}: ${progress.done} scored, ${progress.failed} failed, of ${progress.total} cases\n`
			);
		});
	model
		.command('verify')
		.requiredOption('--study <slug>', 'study')
		.option('--repeat <n>', 'runs per case (2 to 100)', integerIn(2, 100, '--repeat'), 10)
		.description(
			'run every case N times; pass when all output hashes are identical (AI-2); every case must be scored first'
		)
		.action(async (options: { study: string; repeat: number }) => {
			const pool = createInferencePool();
			try {
				const report = await verifyRepeatability(
					getDatabase(),
					operatorPrincipal(),
					pool,
					options.study,
					options.repeat,
					(done, total) => process.stderr.write(progressLine('verify', done, total))
				);
				process.stderr.write('\n');
				for (const failing of report.failing)
					process.stdout.write(`failing case ${failing.caseKey}: ${failing.errors[0]}\n`);
				for (const differing of report.differing) {
					const outcomes = [
						...differing.hashes,
						...differing.errors.map((error) => `error "${error}"`)
					];
					process.stdout.write(
						`NOT REPEATABLE ${differing.caseKey}: ${outcomes.join(', ')} (stored ${differing.stored ?? 'failed'})\n`
					);
				}
				const verdict = report.passed ? 'PASS' : 'FAIL';
				process.stdout.write(
					`${verdict}: ${report.identical} of ${report.cases} cases gave identical outputs in ${options.repeat} runs; ${report.failing.length} failed consistently\n`
				);
				if (!report.passed) process.exitCode = 1;
			} finally {
				await pool.close();
			}
		});
	model
		.command('evaluate')
		.requiredOption('--study <slug>', 'study')
		.addOption(choiceOption('--format <format>', 'output', ['text', 'json']).default('text'))
		.description(
			'standalone sensitivity, specificity and AUC with 95% CIs, by vendor and site (AI-3, AI-4); with truth lesions, also lesion by lesion (FROC, wAFROC, AFROC, AP, mAP)'
		)
		.action(async (options: { study: string; format: 'text' | 'json' }) => {
			const db = getDatabase();
			const evaluation = await evaluateStandalone(db, operatorPrincipal(), options.study);
			const lesionLevel = await lesionEvaluation(db, options.study);
			process.stdout.write(
				options.format === 'json'
					? `${JSON.stringify({ ...evaluation, lesionLevel }, null, 2)}\n`
					: formatEvaluation(evaluation) +
							(lesionLevel ? `\n${formatLesionEvaluation(lesionLevel)}` : '')
			);
		});
	registerModelRobustness(model);
	registerModelCompare(model);
}

/** The lesion-level standalone; input the rule cannot take is refused by name, not a crash. */
async function lesionEvaluation(db: ReturnType<typeof getDatabase>, slug: string) {
	try {
		return await evaluateLesionStandalone(db, operatorPrincipal(), slug);
	} catch (error) {
		if (error instanceof StandaloneInputError || error instanceof MatchRuleError)
			throw new CliError(`the lesion-level standalone cannot be computed: ${error.message}`);
		throw error;
	}
}

async function studyModel(slug: string) {
	const db = getDatabase();
	const study = await requireStudyBySlug(db, slug);
	const wanted = protocolOf(study).ai_model;
	const model = await findModel(db, wanted.name, wanted.version);
	if (!model)
		throw new CliError(
			`${slug} names model ${wanted.name} ${wanted.version}, which is not registered (tandem model add)`
		);
	return { db, studyId: study.id, modelId: model.id };
}

async function showProgress(db: ReturnType<typeof getDatabase>, studyId: number, modelId: number) {
	const progress = await scoringProgress(db, studyId, modelId);
	process.stderr.write(progressLine('score', progress.done + progress.failed, progress.total));
}
