// The audit chain's head is signed at the key moments — lock, export, key release, report — and
// the export manifest and the report carry the head with its signed checkpoint.
import { sqlRow } from '$fixtures/sql.fixture';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockStudy } from './lock.service';
import { exportBlind } from './blind-export.service';
import { registerResults, releaseKey } from './unblinding.service';
import { verifyExport } from './verify-export';
import { signingKey } from './signing-key';
import { simulateReads } from '../demo/simulated-reads.service';
import { addUser } from '../users/user.service';
import { lastCheckpoint } from '../audit/checkpoint.service';
import { checkpointSignatureValid, type AuditCheckpoint } from '../audit/checkpoint-record';
import { buildReport, renderReport } from '../verification-report/report.service';
import { operatorPrincipal, type UserPrincipal } from '../access/principal';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { dataFolder } from '$fixtures/data-folder.fixture';
import type { Db } from '../db/client';
import { signer } from '$fixtures/signer.fixture';

afterEach(() => vi.unstubAllEnvs());

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

const headRow = async (db: Db) =>
	(await sqlRow(db, 'SELECT seq, hash, action FROM audit_events ORDER BY seq DESC LIMIT 1')) as {
		seq: number;
		hash: string;
		action: string;
	};

describe('audit checkpoints at the key moments', () => {
	it('signs the head at lock, export, release and report; the manifest and the report carry it', async () => {
		vi.stubEnv('TANDEM_AUDIT_CHECKPOINT_ROWS', '100000');
		// The signing key and the checkpoint file go to a data folder of their own, with its database.
		const folder = await dataFolder();
		const db = folder.db;
		await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b'], undefined, db);
		const statistician = await person(db, 'statistician', 't@x.org');
		const evaluator = await person(db, 'evaluator', 'e@x.org');
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 3,
			start: new Date('2026-01-05T09:00:00Z')
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(await lastCheckpoint(db)).toBeNull();
		const { publicKeyPem } = signingKey();

		const admin = await signer(db);
		await lockStudy(db, admin.principal, 'mini-study', 'all reads in', admin.signature);
		const locked = await headRow(db);
		// The lock's last row is its electronic signature, written in the lock's transaction.
		expect(locked.action).toBe('signature.signed');
		expect(await actionBefore(db, locked.seq)).toBe('study.locked');
		expect(await lastCheckpoint(db)).toMatchObject({
			seq: locked.seq,
			hash: locked.hash,
			occasion: 'lock'
		});

		const out = join(mkdtempSync(join(tmpdir(), 'tandem-checkpoint-export-')), 'export');
		await exportBlind(db, statistician, 'mini-study', out);
		const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
			auditChain: { head: { seq: number; hash: string }; checkpoint: AuditCheckpoint };
		};
		expect(manifest.auditChain.head).toEqual({ seq: locked.seq, hash: locked.hash });
		expect(manifest.auditChain.checkpoint).toMatchObject({
			seq: locked.seq,
			hash: locked.hash,
			occasion: 'lock'
		});
		const exportPublicKey = readFileSync(join(out, 'public-key.pem'), 'utf8');
		expect(exportPublicKey).toBe(publicKeyPem);
		expect(checkpointSignatureValid(manifest.auditChain.checkpoint, exportPublicKey)).toBe(true);
		const exported = await headRow(db);
		expect(exported.action).toBe('export.blind_created');
		expect(await lastCheckpoint(db)).toMatchObject({ seq: exported.seq, occasion: 'export' });
		expect(verifyExport(out)).toEqual({ ok: true, files: expect.any(Number) });

		await registerResults(db, evaluator, 'mini-study', 1, 'a'.repeat(64));
		await releaseKey(db, admin.principal, 'mini-study', 1, admin.signature);
		const released = await headRow(db);
		expect(released.action).toBe('signature.signed');
		expect(await actionBefore(db, released.seq)).toBe('export.key_released');
		expect(await lastCheckpoint(db)).toMatchObject({ seq: released.seq, occasion: 'release' });

		const { input, html } = await buildReport(db, statistician, 'mini-study');
		const reported = (await lastCheckpoint(db))!;
		expect(reported).toMatchObject({ seq: released.seq, occasion: 'release' });
		expect(input.annex.audit.checkpoint).toEqual({
			seq: reported.seq,
			hash: reported.hash,
			signedAt: reported.signedAt,
			signature: reported.signature
		});
		expect(html).toContain(`Signed audit checkpoint`);
		expect(html).toContain(reported.signature);
		await renderReport(db, statistician, 'mini-study', 'html');
		const generated = await headRow(db);
		expect(generated.action).toBe('report.generated');
		expect(await lastCheckpoint(db)).toMatchObject({ seq: generated.seq, occasion: 'report' });

		// A manifest whose checkpoint was altered (and the manifest signed again) is refused.
		const altered = {
			...manifest,
			auditChain: {
				...manifest.auditChain,
				checkpoint: { ...manifest.auditChain.checkpoint, seq: 1 }
			}
		};
		const text = `${JSON.stringify(altered, null, 2)}\n`;
		writeFileSync(join(out, 'manifest.json'), text);
		writeFileSync(
			join(out, 'manifest.sig'),
			`${sign(null, Buffer.from(text), signingKey().privateKey).toString('base64')}\n`
		);
		expect(verifyExport(out)).toEqual({
			ok: false,
			file: 'manifest.json',
			problem: 'the signed audit checkpoint it carries does not verify under the public key'
		});
	}, 120_000);
});

/** The action of the audit row just before `seq`. */
async function actionBefore(db: Db, seq: number): Promise<string> {
	return (
		(await sqlRow(db, 'SELECT action FROM audit_events WHERE seq = ?', seq - 1)) as {
			action: string;
		}
	).action;
}
