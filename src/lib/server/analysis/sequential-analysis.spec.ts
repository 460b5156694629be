// A sequential study's two reads of a case (unaided, then aided from the unaided answer) are two
// read rows: the blind export carries both under the two modality codes, and the trial analysis
// compares them as the two arms, every reader and case in both.
import { sqlRow } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trialAnalysisFor } from './trial-analysis.service';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { addUser } from '../users/user.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { sequentialStudy } from '$fixtures/sequential-study.fixture';
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { Db } from '../db/client';
import { signer } from '$fixtures/signer.fixture';

async function analyst(db: Db, role: 'statistician' | 'evaluator'): Promise<UserPrincipal> {
	const email = `${role}@x.org`;
	const { userId } = await addUser(db, operatorPrincipal(), {
		email,
		name: role,
		role,
		study: 'mini-study',
		password: 'long enough password'
	});
	return { kind: 'user', userId, email, name: role };
}

describe('a sequential study in the export and the analysis', () => {
	it('keeps both reads of every case and analyses them as the two modalities', async () => {
		const { db } = await sequentialStudy(['site-a', 'site-a', 'site-b', 'site-b']);
		const [statistician, evaluator] = [
			await analyst(db, 'statistician'),
			await analyst(db, 'evaluator')
		];
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 11,
			start: new Date('2026-02-02T09:00:00Z')
		});
		// 4 readers × 12 cases × 2 reads, each its own row.
		expect(await sqlRow(db, 'SELECT count(*) AS n FROM reads')).toEqual({ n: 96 });
		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-sequential-')), 'export');
		await exportBlind(db, statistician, 'mini-study', out);

		const [header, ...lines] = readFileSync(join(out, 'reads.csv'), 'utf8').trim().split('\n');
		const columns = header!.split(',');
		const rows = lines.map((line) =>
			Object.fromEntries(line.split(',').map((value, index) => [columns[index]!, value]))
		);
		expect(rows).toHaveLength(96);
		const modalities = [...new Set(rows.map((row) => row.modality))].sort();
		expect(modalities).toHaveLength(2);
		const perReaderCase = new Map<string, string[]>();
		for (const row of rows) {
			const key = `${row.reader} ${row.case}`;
			perReaderCase.set(key, [...(perReaderCase.get(key) ?? []), row.modality!].sort());
		}
		expect(perReaderCase.size).toBe(48);
		for (const pair of perReaderCase.values()) expect(pair).toEqual(modalities);
		// One sitting: both reads in period 1. The design always reads the control first, so the
		// reading order would name the codes: there is no sequence column, and each reader's rows are
		// in code order (case, then modality), not in the order they were read.
		expect(new Set(rows.map((row) => row.period))).toEqual(new Set(['1']));
		expect(columns).not.toContain('sequence');
		const order = rows.map((row) => `${row.reader} ${row.case} ${row.modality}`);
		expect(order).toEqual([...order].sort());
		const protocol = JSON.parse(readFileSync(join(out, 'protocol.json'), 'utf8'));
		expect(protocol.design.type).toBe('sequential');

		const analysis = (await trialAnalysisFor(db, evaluator, 'mini-study')).analysis;
		expect(analysis.design).toMatchObject({ cases: 12, reads: 96 });
		expect(analysis.design.readers).toHaveLength(4);
		const primary = analysis.endpoints[0]!;
		expect(isEndpointResult(primary)).toBe(true);
		if (!isEndpointResult(primary)) return;
		expect(primary.readerDifferences).toHaveLength(4);
		expect(Number.isFinite(primary.rrrc.estimate)).toBe(true);
	});
});
