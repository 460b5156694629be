// The in-app analysis of a FROC study's lesion-level endpoint: a wAFROC primary endpoint is
// analysed on the lesions.csv and marks.csv of the export made in the app (written here by hand
// in the export's format, coded with the export's own key, as the blind export writes them),
// gives the numbers `tandem analyze --input marks.csv --truth lesions.csv` gives on those files,
// states the protocol's task and matching rule, and after unblinding shows the real labels.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { trialAnalysisFor } from './trial-analysis.service';
import { createAppExport, exportFolder } from './analysis-pipeline.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { blindExports } from '../db/schema';
import type { Db } from '../db/client';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { FIXTURE_YAML } from '$fixtures/study-folder.fixture';
import { signer } from '$fixtures/signer.fixture';
import { parseLesionMarksCsv, parseLesionTruthCsv } from '../../stats/input/lesion-csv';
import { analyzeLesionStudy } from '../../stats/lesion/analyze-lesions';
import { compareNatural } from '../../stats/natural-order';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';

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
	.concat('matching:\n  criterion: distance\n  acceptance_mm: 8\n');

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

/** lesions.csv and marks.csv as the export codes them: K1 has two lesions; one reader never marks. */
function lesionFiles(key: {
	readers: Record<string, string>;
	cases: Record<string, string>;
	arms: Record<string, string>;
}) {
	const caseCodes = Object.entries(key.cases).sort(([, a], [, b]) => compareNatural(a, b));
	const diseased = (id: string) => (Number(id.slice(1)) - 1) % 4 < 2;
	const truth = [
		'case,lesion,weight,type',
		...caseCodes.flatMap(([code, id]) =>
			!diseased(id)
				? [`${code},0,0,`]
				: id === 'K1'
					? [`${code},1,0.5,mass`, `${code},2,0.5,calcification`]
					: [`${code},1,1,mass`]
		)
	];
	const readers = Object.keys(key.readers).sort(compareNatural);
	const marks = [
		'reader,modality,case,lesion,rating,read_version,superseded,mark,image,frame,x,y,x0,y0,x1,y1'
	];
	readers.slice(0, -1).forEach((reader, j) =>
		Object.entries(key.arms).forEach(([arm, armId]) =>
			caseCodes.forEach(([code, id], k) => {
				const n = (j * 7 + k * 3 + (armId === 'aided' ? 2 : 0)) % 5;
				if (diseased(id) && n > 0)
					marks.push(
						`${reader},${arm},${code},1,${n + (armId === 'aided' ? 1 : 0)},1,0,1,1,,5,5,,,,`
					);
				if (n % 2 === 0) marks.push(`${reader},${arm},${code},0,${1 + (n % 3)},1,0,2,1,,50,50,,,,`);
			})
		)
	);
	return {
		truthCsv: truth.join('\n') + '\n',
		marksCsv: marks.join('\n') + '\n',
		silent: readers.at(-1)!
	};
}

describe('a lesion-level endpoint in the in-app analysis', () => {
	it('analyses wAFROC on the app export’s lesion files, blind and after unblinding', async () => {
		const { db } = await enrolledStudy(
			['site-a', 'site-a', 'site-b', 'site-b'],
			twelveCaseOptions(YAML)
		);
		const [sponsor, evaluator] = [
			await person(db, 'sponsor', 's@x.org'),
			await person(db, 'evaluator', 'e@x.org')
		];
		simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 5,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const { exportId } = await createAppExport(db, admin.principal, 'mini-study');
		const key = JSON.parse(
			db.select().from(blindExports).where(eq(blindExports.id, exportId)).get()!.codeKeyJson
		);
		const files = lesionFiles(key);
		const folder = exportFolder('mini-study', exportId);
		writeFileSync(join(folder, 'lesions.csv'), files.truthCsv);
		writeFileSync(join(folder, 'marks.csv'), files.marksCsv);

		const blind = trialAnalysisFor(db, evaluator, 'mini-study');
		const wafroc = blind.analysis.endpoints[0] as EndpointResult;
		expect(wafroc.endpoint.metric).toBe('wafroc');
		expect('error' in wafroc).toBe(false);
		const direct = analyzeLesionStudy(
			parseLesionMarksCsv(files.marksCsv, parseLesionTruthCsv(files.truthCsv)),
			{ fom: 'wafroc', covariance: 'jackknife', method: 'or' }
		);
		// Blind, the second code is the test, as `tandem analyze` takes it by default.
		expect(direct.orientation).toEqual(blind.arms);
		// The readers who marked have the figures of the direct analysis of the export's files…
		for (const row of direct.fomTable) expect(wafroc.report.fomTable).toContainEqual(row);
		// …and the reader who never marked takes part too (every pair a tie: ½ in both arms), so the
		// reader-averaged difference is three quarters of the three markers'.
		expect(wafroc.report.design.readers).toContain(files.silent);
		expect(
			wafroc.report.fomTable.filter((row) => row.reader === files.silent).map((row) => row.estimate)
		).toEqual([0.5, 0.5]);
		expect(wafroc.rrrc.estimate).toBeCloseTo((3 / 4) * direct.or!.rrrc.diffs[0]!.estimate, 12);
		expect(blind.analysis.lesionMethod).toEqual({
			task: 'froc',
			markShape: 'point',
			matching: { criterion: 'distance', acceptanceMm: 8, iou: 0.5 }
		});
		expect(JSON.stringify(blind)).not.toMatch(/"(Reader alone|Reader with AI|K\d+)"/);

		registerResults(db, evaluator, 'mini-study', exportId, 'b'.repeat(64));
		await releaseKey(db, admin.principal, 'mini-study', exportId, admin.signature);
		const open = trialAnalysisFor(db, sponsor, 'mini-study');
		const unblinded = open.analysis.endpoints[0] as EndpointResult;
		expect(open.arms).toEqual({ test: 'Reader with AI', reference: 'Reader alone' });
		expect(unblinded.arms.map((row) => row.arm).sort()).toEqual(['Reader alone', 'Reader with AI']);
		expect(Math.abs(unblinded.rrrc.estimate)).toBeCloseTo(Math.abs(wafroc.rrrc.estimate), 12);
		expect(typeof unblinded.met).toBe('boolean');
	}, 60_000);
});
