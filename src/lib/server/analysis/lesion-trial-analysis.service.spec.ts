// The in-app analysis of a FROC study's lesion-level endpoint: a wAFROC primary endpoint of a
// study whose simulated readers marked its truth lesions (and elsewhere) is analysed on the
// lesions.csv and marks.csv of its blind export — here one made with `tandem export blind --out
// DIR`, outside the app's exports folder —, gives the numbers `tandem analyze --input marks.csv
// --truth lesions.csv` gives on those files, states the protocol's task and matching rule, and
// after unblinding shows the real labels.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trialAnalysisFor } from './trial-analysis.service';
import { analysisPage } from './analysis-page.service';
import { exportBlind } from '../export/blind-export.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import type { Db } from '../db/client';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { signer } from '$fixtures/signer.fixture';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../stats/input/lesion-csv';
import { analyzeLesionStudy } from '../../stats/lesion/analyze-lesions';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { boxAt } from '$fixtures/lesion-standalone-study.fixture';
import { insertAiResult } from '$fixtures/scored-cases.fixture';
import type { AiBox } from '../../domain/ai-output';

const exportsRoot = mkdtempSync(join(tmpdir(), 'tandem-lesion-exports-'));
vi.stubEnv('TANDEM_EXPORTS', exportsRoot);
afterAll(() => {
	vi.unstubAllEnvs();
	rmSync(exportsRoot, { recursive: true, force: true });
});

const YAML = FIXTURE_YAML.replace(
	'  confidence: percent\n',
	'  confidence: percent\n  task: froc\n'
)
	.replace(
		'    - metric: auc\n      hypothesis: non-inferiority',
		'    - metric: wafroc\n      hypothesis: non-inferiority'
	)
	.replace('  source: test truth\n', '  source: test truth\n  lesions: lesions.csv\n')
	.concat('matching:\n  criterion: inside\n');

/** Boxed lesions: matched by inside, which needs no pixel spacing (the fixture's images have none). */
const LESIONS = [
	'case_id,lesion_id,image,x0,y0,x1,y1,type',
	'K1,1,1,10,10,60,60,mass',
	'K1,2,1,200,200,260,260,calcification',
	...['K2', 'K5', 'K6', 'K9', 'K10'].map((key) => `${key},1,1,100,100,180,160,mass`)
].join('\n');

async function person(
	db: Db,
	role: 'sponsor' | 'evaluator',
	email: string
): Promise<UserPrincipal> {
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: role,
		role,
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: role };
}

describe('a lesion-level endpoint in the in-app analysis', () => {
	it('analyses wAFROC on the lesion files of an export made outside the app, blind and after unblinding', async () => {
		const { db } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b'], {
			...twelveCaseOptions(YAML),
			writeImages: (dir) => writeFileSync(join(dir, 'lesions.csv'), LESIONS)
		});
		const [sponsor, evaluator] = [
			await person(db, 'sponsor', 's@x.org'),
			await person(db, 'evaluator', 'e@x.org')
		];
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 5,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const out = join(exportsRoot, 'cli-export');
		const { exportId } = await exportBlind(db, admin.principal, 'mini-study', out);
		const files = {
			truthCsv: readFileSync(join(out, 'lesions.csv'), 'utf8'),
			marksCsv: readFileSync(join(out, 'marks.csv'), 'utf8')
		};
		// The simulated readers found lesions (LL rows) and made NLs.
		expect(files.marksCsv).toMatch(/\n[^,]+,[^,]+,[^,]+,1,/);
		expect(files.marksCsv).toMatch(/\n[^,]+,[^,]+,[^,]+,0,/);

		// The AI: one candidate inside K1's lesion 1 (0.9), one inside K2's (0.8), one NL on K3 (0.7).
		const outputs: Record<string, AiBox[]> = {
			...Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`K${k + 1}`, []])),
			K1: [boxAt(35, 35, 0.9)],
			K2: [boxAt(140, 130, 0.8)],
			K3: [boxAt(50, 50, 0.7)]
		};
		for (const [caseKey, boxes] of Object.entries(outputs))
			await insertAiResult(
				db,
				caseKey,
				Math.max(0, ...boxes.map((box) => box.score)),
				JSON.stringify({ heatmap: null, boxes })
			);

		const blind = await trialAnalysisFor(db, evaluator, 'mini-study');
		const wafroc = blind.analysis.endpoints[0] as EndpointResult;
		expect(wafroc.endpoint.metric).toBe('wafroc');
		expect('error' in wafroc).toBe(false);
		const direct = analyzeLesionStudy(
			parseLesionMarksCsv(files.marksCsv, parseLesionTruthCsv(files.truthCsv)),
			{ fom: 'wafroc', covariance: 'jackknife', method: 'or' }
		);
		// Blind, the second code is the test, as `tandem analyze` takes it by default.
		expect(direct.orientation).toEqual(blind.arms);
		// Every reader × arm has the figures of the direct analysis of the export's files.
		expect(wafroc.report.fomTable).toHaveLength(8);
		for (const row of direct.fomTable) expect(wafroc.report.fomTable).toContainEqual(row);
		expect(wafroc.rrrc.estimate).toBeCloseTo(direct.or!.rrrc.diffs[0]!.estimate, 12);
		expect(blind.analysis.lesionMethod).toEqual({
			task: 'froc',
			markShape: 'point',
			matching: { criterion: 'inside', acceptanceMm: 10, iou: 0.5 }
		});
		expect(JSON.stringify(blind)).not.toMatch(/"(Reader alone|Reader with AI|K\d+)"/);
		// The curves per arm come from the export's files, under the arms' and readers' codes.
		const curves = blind.analysis.lesionCurves!;
		expect(curves.froc.map((arm) => arm.arm).sort()).toEqual(
			[blind.arms.reference, blind.arms.test].sort()
		);
		expect(curves.froc[0]!.readers.map((row) => row.reader)).toEqual(blind.analysis.design.readers);
		expect(blind.analysis.design.readers.every((reader) => /^RDR-/.test(reader))).toBe(true);
		// The AI's FROC and PR: LL 0.9, LL 0.8 of 7 lesions, then an NL at 0.7 over 12 images.
		expect(curves.ai!.froc).toEqual([
			{ x: 0, y: 0 },
			{ x: 0, y: 1 / 7 },
			{ x: 0, y: 2 / 7 },
			{ x: 1 / 12, y: 2 / 7 }
		]);
		expect(curves.ai!.precisionRecall.averagePrecision.estimate).toBeCloseTo(2 / 7, 12);

		// The analysis page draws each arm's FROC and wAFROC curves (codes while blind), and the AI's
		// precision–recall curve from its scored candidates.
		const page = await analysisPage(db, evaluator, 'mini-study');
		for (const svg of [page.figures?.froc, page.figures?.wafroc]) {
			expect(svg).toMatch(/^<svg/);
			for (const arm of Object.values(blind.arms)) expect(svg).toContain(arm);
			expect(svg).not.toMatch(/Reader alone|Reader with AI/);
		}
		expect(blind.analysis.lesionCurves?.ai).toBeTruthy();
		expect(page.figures?.aiPrecisionRecall).toMatch(/^<svg/);
		expect(JSON.stringify(page.view)).not.toContain('lesionCurves');

		await registerResults(db, evaluator, 'mini-study', exportId, 'b'.repeat(64));
		await releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature);
		const open = await trialAnalysisFor(db, sponsor, 'mini-study');
		const unblinded = open.analysis.endpoints[0] as EndpointResult;
		expect(open.arms).toEqual({ test: 'Reader with AI', reference: 'Reader alone' });
		expect(open.analysis.lesionCurves!.wafroc.map((arm) => arm.arm).sort()).toEqual([
			'Reader alone',
			'Reader with AI'
		]);
		expect(unblinded.arms.map((row) => row.arm).sort()).toEqual(['Reader alone', 'Reader with AI']);
		expect(Math.abs(unblinded.rrrc.estimate)).toBeCloseTo(Math.abs(wafroc.rrrc.estimate), 12);
		expect(typeof unblinded.met).toBe('boolean');
	}, 60_000);
});
