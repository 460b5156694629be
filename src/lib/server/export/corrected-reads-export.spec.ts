// A corrected read in the blind export and the analysis: reads.csv keeps every version (marked),
// every analysis — the in-app one, `tandem analyze` on reads.csv, the peer formats — uses the
// latest, with the original's reading time.
import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBlind } from './blind-export.service';
import { lockStudy } from './lock.service';
import { correctRead } from '../reads/correction.service';
import { trialAnalysisFor } from '../analysis/trial-analysis.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { analyzeStudy } from '../../stats/analyze';
import { parseLongCsv } from '../../stats/input/long-csv';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { Db } from '../db/client';
import { signer } from '$fixtures/signer.fixture';

async function person(db: Db, role: 'statistician' | 'evaluator', email: string) {
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: role,
		role,
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: role } satisfies UserPrincipal;
}

const csvRows = (text: string) => {
	const [header, ...lines] = text.trim().split('\n');
	const names = header!.split(',');
	return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
};

describe('the blind export of a study with a corrected read', () => {
	it('keeps both versions in reads.csv, marked, and analyses the latest only', async () => {
		const { db, readers } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
		const [statistician, evaluator] = [
			await person(db, 'statistician', 't@x.org'),
			await person(db, 'evaluator', 'e@x.org')
		];
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 3,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const original = (await sqlRow(
			db,
			`SELECT r.id, r.confidence, r.decision, r.reading_time_ms AS time FROM reads r
				 JOIN assignments a ON a.id = r.assignment_id JOIN reading_sessions s ON s.id = a.session_id
				 JOIN memberships m ON m.id = s.membership_id WHERE m.user_id = ? ORDER BY r.id LIMIT 1`,
			readers[0]!.userId
		)) as {
			id: number;
			confidence: number;
			decision: number;
			time: number;
		};
		const confidence = original.confidence === 77 ? 78 : 77;
		await correctRead(db, readers[0]!, {
			read: original.id,
			decision: original.decision === 1 ? 0 : 1,
			confidence,
			reason: 'Entered the wrong rating.'
		});
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-corrected-')), 'export');
		await exportBlind(db, statistician, 'mini-study', out);

		const text = readFileSync(join(out, 'reads.csv'), 'utf8');
		const rows = csvRows(text);
		const total = ((await sqlRow(db, 'SELECT count(*) AS n FROM reads')) as { n: number }).n;
		expect(rows).toHaveLength(total);
		expect(text.split('\n')[0]).toMatch(/,read_version,superseded,corrected_by$/);
		const superseded = rows.filter((row) => row.superseded === '1');
		expect(superseded).toHaveLength(1);
		const old = superseded[0]!;
		const versions = rows.filter(
			(row) => row.reader === old.reader && row.modality === old.modality && row.case === old.case
		);
		expect(versions.map((row) => [row.read_version, row.superseded, row.corrected_by])).toEqual([
			['1', '1', ''],
			['2', '0', 'reader']
		]);
		expect(versions.map((row) => row.rating)).toEqual([
			String(original.confidence),
			String(confidence)
		]);
		// The correction keeps the original's reading time; the reason stays in Tandem.
		expect(versions[1]!.time_ms).toBe(String(original.time));
		expect(text).not.toContain('Entered the wrong rating');
		expect(rows.filter((row) => row.read_version !== '1')).toHaveLength(1);

		// `tandem analyze` on reads.csv reads the latest version only.
		const study = parseLongCsv(text);
		const [m, j, k] = [
			study.modalities.indexOf(old.modality!),
			study.readers.indexOf(old.reader!),
			study.cases.indexOf(old.case!)
		];
		expect(study.rating[m]![j]![k]).toBe(confidence);
		// The peer formats hold one row per reader, modality and case: the latest.
		const peer = csvRows(readFileSync(join(out, 'peer-formats', 'mrmcaov-reads.csv'), 'utf8'));
		expect(peer).toHaveLength(total - 1);
		expect(
			peer.find(
				(row) =>
					row.reader === old.reader && row.treatment === old.modality && row.case === old.case
			)?.rating
		).toBe(String(confidence));
		// The in-app analysis is that of reads.csv.
		const view = await trialAnalysisFor(db, evaluator, 'mini-study');
		const auc = analyzeStudy(study, { fom: 'auc', covariance: 'jackknife', method: 'or' });
		const diff = auc.or!.rrrc.diffs[0]!;
		const primary = view.analysis.endpoints[0] as EndpointResult;
		expect(primary.rrrc.estimate).toBe(
			diff.modalityA === view.arms.test ? diff.estimate : -diff.estimate
		);
		expect(primary.rrrc.pTwoSided).toBe(diff.p);
		expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('`superseded`');
	}, 60_000);
});
