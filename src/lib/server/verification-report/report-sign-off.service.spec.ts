// Signing off the verification report: a signature over the report's content hash, which does not
// change from one rendering to the next but does with the content (unblinding); annex D lists every
// signature of the study — name, role, meaning, UTC time, what was signed and its hash.
import { sqlRows } from '$fixtures/sql.fixture';
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from './report.service';
import { signOffReport } from './report-sign-off.service';
import { reportContentSha256 } from './report-content';
import { simulateReads } from '../demo/simulated-reads.service';
import { lockStudy } from '../export/lock.service';
import { exportBlind } from '../export/blind-export.service';
import { registerResults, releaseKey } from '../export/unblinding.service';
import { operatorPrincipal } from '../access/principal';
import { SignatureRefused } from '../signatures/signature.service';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { signer, SIGNER_PASSWORD } from '$fixtures/signer.fixture';

/** The rows of annex D's table of signatures, as text. */
function annexRows(html: string): string[][] {
	const table = /<table class="signatures">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
	return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) =>
		[...row[1]!.matchAll(/<t[hd]>(.*?)<\/t[hd]>/gs)].map((cell) => cell[1]!.replace(/<[^>]+>/g, ''))
	);
}

describe('signOffReport', () => {
	it('signs the content hash; the annex lists the signatures; unblinding makes it an earlier content', async () => {
		const { db } = await enrolledStudy(['site-a', 'site-a', 'site-b', 'site-b']);
		const admin = await signer(db, { name: 'Ada Admin', email: 'ada@x.org' });
		const statistician = await signer(db, {
			role: 'statistician',
			name: 'Stan Statistician',
			email: 'stan@x.org',
			meaning: 'authored'
		});
		const evaluator = await signer(db, { role: 'evaluator', email: 'eve@x.org' });
		await simulateReads(db, operatorPrincipal(), 'mini-study', {
			seed: 5,
			start: new Date('2026-01-05T09:00:00Z')
		});
		const lock = await lockStudy(db, admin.principal, 'mini-study', 'all reads in', {
			password: SIGNER_PASSWORD,
			meaning: 'responsible'
		});
		await exportBlind(
			db,
			statistician.principal,
			'mini-study',
			join(mkdtempSync(join(tmpdir(), 'tandem-sign-off-')), 'export')
		);

		const first = await buildReport(
			db,
			statistician.principal,
			'mini-study',
			new Date('2026-03-01')
		);
		const again = await buildReport(
			db,
			statistician.principal,
			'mini-study',
			new Date('2026-03-02')
		);
		const contentSha256 = reportContentSha256(first.input);
		expect(contentSha256).toMatch(/^[0-9a-f]{64}$/);
		expect(reportContentSha256(again.input)).toBe(contentSha256); // another rendering, same content
		expect(first.input.signOff?.contentSha256).toBe(contentSha256);

		// A wrong password signs nothing; a changed report (not the hash read) is not signed.
		await expect(
			signOffReport(db, statistician.principal, 'mini-study', {
				password: 'wrong password',
				meaning: 'authored'
			})
		).rejects.toThrow(SignatureRefused);
		await expect(
			signOffReport(db, statistician.principal, 'mini-study', statistician.signature, {
				expectedSha256: 'a'.repeat(64)
			})
		).rejects.toThrow(`The report's content SHA-256 is ${contentSha256}, not ${'a'.repeat(64)}`);
		const signed = await signOffReport(
			db,
			statistician.principal,
			'mini-study',
			statistician.signature,
			{ expectedSha256: contentSha256 }
		);
		expect(signed).toMatchObject({
			name: 'Stan Statistician',
			role: 'statistician',
			meaning: 'authored',
			recordType: 'verification_report',
			recordId: '1',
			recordHash: contentSha256
		});
		const audit = await sqlRows(
			db,
			`SELECT actor, entity_type AS "entityType", entity_id AS "entityId" FROM audit_events WHERE action = 'report.signed_off'`
		);
		expect(audit).toEqual([
			{
				actor: `user:${statistician.principal.userId} <stan@x.org>`,
				entityType: 'signature',
				entityId: String(signed.id)
			}
		]);

		const { html } = await buildReport(db, admin.principal, 'mini-study');
		const time = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
		expect(annexRows(html)).toEqual([
			['Name', 'Role', 'Meaning', 'Signed (UTC)', 'What was signed', 'SHA-256'],
			[
				'Ada Admin',
				'admin',
				'Responsible for',
				time(lock.signature.signedAt),
				'Database lock (its fingerprint)',
				lock.fingerprint
			],
			[
				'Stan Statistician',
				'statistician',
				'Authored',
				time(signed.signedAt),
				'This report, on export 1 (its content SHA-256)',
				contentSha256
			]
		]);
		expect(html).toContain(`This report's content SHA-256`);
		expect(html).toContain(`<code>${contentSha256}</code>`);

		// Unblinded, the report has other content: the sign-off was of an earlier one.
		await registerResults(db, evaluator.principal, 'mini-study', 1, 'b'.repeat(64));
		await releaseKey(db, admin.principal, 'mini-study', 1, admin.signature);
		const open = await buildReport(db, admin.principal, 'mini-study');
		expect(open.input.signOff!.contentSha256).not.toBe(contentSha256);
		const rows = annexRows(open.html);
		expect(rows.map((row) => row[4])).toEqual([
			'What was signed',
			'Database lock (its fingerprint)',
			'An earlier content of the report on export 1 (its content SHA-256)',
			'Release of the code key of export 1 (the registered results SHA-256)'
		]);
		expect(rows[3]![5]).toBe('b'.repeat(64));
	}, 60_000);
});
