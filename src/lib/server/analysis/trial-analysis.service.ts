// The in-app analysis of a locked trial (STAT-1..5), always computed on the blind export's
// coded reads table, so it is the analysis an independent statistician reproduces from the
// export with `tandem analyze`. Before unblinding it is shown under the export's codes with the
// arms in code order and no margin decision (that needs the key); after unblinding the same
// numbers are shown under the real labels, oriented aided − unaided, with the decisions.
// Statistician, evaluator and admin may see it once the study is locked and exported; the
// sponsor only after unblinding (SEC-1).
import type { AiModelSummary } from '../../verification-report/report-input';
import type { studies } from '../db/schema';
import type { Db } from '../db/client';
import { requireStudyBySlug } from '../access/access';
import type { Principal } from '../access/principal';
import { Conflict, ServiceError } from '../errors';
import { sha256Hex } from '../crypto/hash';
import { protocolOf } from '../studies/study-protocol';
import {
	codedReads,
	codesOf,
	lockedCases,
	lockedReads,
	type CodeKey
} from '../export/blind-export.service';
import { enrolledReaders } from '../schedule/schedule-input';
import { analysedExport, requireAnalysisViewer } from './analysed-export';
import { standaloneCalls } from '../ai/standalone-evaluation.service';
import { longCsvText } from '../../stats/input/long-csv-writer';
import { currentReadRows } from '../../stats/input/read-row';
import { ReadsInputError } from '../../stats/input/long-csv';
import { DesignError } from '../../stats/design-error';
import { compareNatural } from '../../stats/natural-order';
import { analyzeTrial, type TrialAnalysis } from '../../stats/trial/trial-analysis';
import {
	isLesionMetric,
	type StandaloneAiCase,
	type TrialEndpoint
} from '../../stats/trial/trial-input';
import { exportLesionFiles } from './export-lesion-files';
import { aiLesionCurves } from './ai-lesion-curves';

export interface TrialAnalysisView {
	study: {
		slug: string;
		title: string;
		protocolVersion: string;
		lockFingerprint: string;
		lockedAt: Date;
	};
	export: {
		id: number;
		createdAt: Date;
		manifestSha256: string;
		readsSha256: string;
		readsBytes: number;
	};
	/** False: labels are the export's codes and margin decisions are withheld. */
	unblinded: boolean;
	unblindedAt: Date | null;
	/** Arm labels as shown (codes before unblinding). */
	arms: { test: string; reference: string };
	/** How to reproduce the endpoint figures from the export (codes, as in reads.csv). */
	reproduce: { aided: string; unaided: string } | null;
	ai: AiModelSummary | null;
	analysis: TrialAnalysis;
	notes: string[];
}

type Study = typeof studies.$inferSelect;

const CODE = /\b(?:RDR|CASE|MOD)-[0-9A-F]{6}\b/g;

/** Replaces every export code inside every string of `value` by its label. */
function relabel<T>(value: T, labels: ReadonlyMap<string, string>): T {
	const swap = (text: string) => text.replace(CODE, (code) => labels.get(code) ?? code);
	const walk = (item: unknown): unknown => {
		if (typeof item === 'string') return swap(item);
		if (Array.isArray(item)) return item.map(walk);
		if (item instanceof Date || item === null || typeof item !== 'object') return item;
		return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
	};
	return walk(value) as T;
}

function endpointsOf(study: Study): TrialEndpoint[] {
	const { endpoints } = protocolOf(study);
	return (['primary', 'secondary'] as const).flatMap((group) =>
		endpoints[group].map((endpoint) => ({
			group,
			metric: endpoint.metric,
			hypothesis: endpoint.hypothesis,
			margin: endpoint.margin,
			alpha: endpoint.alpha,
			...(endpoint.fpf !== undefined && { fpf: endpoint.fpf })
		}))
	);
}

/** Per database (tests open several), per study state. */
const caches = new WeakMap<Db, Map<string, TrialAnalysisView>>();

/** The trial analysis for a principal allowed to see it, on the study's latest blind export. */
export async function trialAnalysisFor(
	db: Db,
	principal: Principal,
	slug: string
): Promise<TrialAnalysisView> {
	const study = await requireStudyBySlug(db, slug);
	await requireAnalysisViewer(db, principal, study);
	const { lock, latest } = await analysedExport(db, study);
	const unblinded = study.unblindedAt !== null;
	// Locked data and a stored export never change: the analysis is kept once complete.
	const cacheKey = `${study.id}:${latest.id}:${unblinded}`;
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	const cached = cache.get(cacheKey);
	if (cached) return cached;
	const view = await computeView(db, study, { lock, latest }, unblinded);
	// Without the AI's results (scoring still running, model not registered) it is computed again.
	if (view.ai) cache.set(cacheKey, view);
	return view;
}

async function computeView(
	db: Db,
	study: Study,
	{ lock, latest }: Awaited<ReturnType<typeof analysedExport>>,
	unblinded: boolean
): Promise<TrialAnalysisView> {
	const protocol = protocolOf(study);
	const key = JSON.parse(latest.codeKeyJson) as CodeKey;
	const codes = codesOf(key);
	const reads = codedReads(await lockedReads(db, study.id), codes, protocol);
	const armCode = (ai: boolean) => codes.arms.get(protocol.arms.find((arm) => arm.ai === ai)!.id)!;
	const [aided, unaided] = [armCode(true), armCode(false)];
	// Blind: arms in the codes' natural order, as `tandem analyze` takes them by default.
	const [first, second] = [aided, unaided].sort(compareNatural) as [string, string];
	const arms = unblinded ? { test: aided, reference: unaided } : { test: second, reference: first };
	const notes: string[] = [];
	let ai: TrialAnalysisView['ai'] = null;
	let aiCases: StandaloneAiCase[] | undefined;
	try {
		const standalone = await standaloneCalls(db, study);
		aiCases = standalone.calls.map((row) => ({
			case: codes.cases.get(row.caseKey)!,
			score: row.score,
			call: row.call === 1 ? 1 : 0,
			failed: row.failed
		}));
		ai = {
			...standalone.model,
			failureRule: standalone.failureRule,
			failures: standalone.calls
				.filter((row) => row.failed)
				.map((row) => ({
					case: codes.cases.get(row.caseKey)!,
					error: row.error ?? 'unknown error'
				}))
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		notes.push(`standalone AI not analysed: ${error.message}`);
	}
	const readsText = longCsvText(reads);
	const endpoints = endpointsOf(study);
	// Lesion-level endpoints: the export's own lesions.csv and marks.csv (coded like reads.csv).
	const lesions = endpoints.some((endpoint) => isLesionMetric(endpoint.metric))
		? await exportLesionFiles(db, study.id, protocol, codes)
		: undefined;
	const lesionAi = lesions && !('missing' in lesions) ? await aiLesionCurves(db, study) : null;
	if (lesionAi?.note) notes.push(lesionAi.note);
	const analysis = await analysable(
		async () =>
			analyzeTrial({
				// As `tandem analyze` reads reads.csv: the latest version of each corrected read.
				reads: currentReadRows(reads),
				readers: (await enrolledReaders(db, study.id)).map((row) => ({
					reader: codes.readers.get(row.id)!,
					site: row.site
				})),
				cases: (await lockedCases(db, study.id)).map((row) => ({
					case: codes.cases.get(row.key)!,
					strata: JSON.parse(row.strata) as Record<string, string>
				})),
				arms,
				endpoints,
				strata: protocol.cases.strata,
				ai: aiCases,
				lesions,
				lesionAi: lesionAi?.curves ?? undefined,
				lesionMethod: {
					task: protocol.rating.task,
					markShape: protocol.rating.mark_shape,
					matching: {
						criterion: protocol.matching.criterion,
						acceptanceMm: protocol.matching.acceptance_mm,
						iou: protocol.matching.iou
					}
				}
			}),
		latest.id
	);
	if (!unblinded) {
		// Agreement with the AI per arm would tell the arms apart: withheld until unblinding.
		for (const row of analysis.agreement) row.meanCohenWithAi = null;
		// `tandem analyze` calls the second code "aided" by convention; blind, no arm has a role yet.
		for (const outcome of analysis.endpoints) {
			if ('report' in outcome)
				outcome.report.hypothesis = {
					...outcome.report.hypothesis,
					aided: undefined,
					unaided: undefined,
					note: 'blind: tests read as the second code against the first; the arms’ roles are known after unblinding'
				};
		}
	}
	const view: TrialAnalysisView = {
		study: {
			slug: study.slug,
			title: study.title,
			protocolVersion: study.protocolVersion,
			lockFingerprint: lock.fingerprint,
			lockedAt: lock.createdAt
		},
		export: {
			id: latest.id,
			createdAt: latest.createdAt,
			manifestSha256: latest.manifestSha256,
			readsSha256: sha256Hex(readsText),
			readsBytes: Buffer.byteLength(readsText)
		},
		unblinded,
		unblindedAt: study.unblindedAt,
		arms,
		reproduce: unblinded ? { aided, unaided } : null,
		ai,
		analysis,
		notes
	};
	if (!unblinded) return view;
	const labels = new Map<string, string>([
		...Object.entries(key.readers),
		...Object.entries(key.cases),
		...Object.entries(key.arms).map(([code, id]): [string, string] => [
			code,
			protocol.arms.find((arm) => arm.id === id)?.label ?? id
		])
	]);
	const shown = relabel({ ...view, reproduce: null }, labels);
	inLabelOrder(shown.analysis);
	return { ...shown, reproduce: view.reproduce, export: view.export };
}

/** Data the analysis cannot take (e.g. no complete reader yet) is a state of the study, not a crash. */
async function analysable(
	run: () => TrialAnalysis | Promise<TrialAnalysis>,
	exportId: number
): Promise<TrialAnalysis> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof DesignError || error instanceof ReadsInputError)
			throw new Conflict(`The analysis of export ${exportId} cannot run: ${error.message}`);
		throw error;
	}
}

/** After relabelling, the per-reader lists follow the real readers' order (R01, R02…). */
function inLabelOrder(analysis: TrialAnalysis): void {
	const byReader = (a: { reader: string }, b: { reader: string }) =>
		compareNatural(a.reader, b.reader);
	analysis.design.readers.sort(compareNatural);
	analysis.readerPerformance.rows.sort(
		(a, b) => byReader(a, b) || compareNatural(a.modality, b.modality)
	);
	for (const outcome of analysis.endpoints)
		if ('readerDifferences' in outcome) outcome.readerDifferences.sort(byReader);
	for (const arm of analysis.curves.arms) arm.readers.sort(byReader);
	const lesionCurves = analysis.lesionCurves;
	for (const arm of [...(lesionCurves?.froc ?? []), ...(lesionCurves?.wafroc ?? [])])
		arm.readers.sort(byReader);
}
