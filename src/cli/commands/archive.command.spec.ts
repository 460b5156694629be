// The archive of a locked study as an operator makes and checks it: one signed index over the
// study's records, the report and the blind export; a changed, a deleted and an added file each
// fail the verification, named; nothing half-written is left when the archive is refused.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { runCli } from '$fixtures/run-cli.fixture';
import { lockedCliStudy } from '$fixtures/locked-cli-study.fixture';
import { sqlRows } from '$fixtures/sql.fixture';

describe('tandem archive', () => {
	it('writes the sealed archive of the locked study; archive verify names a changed, a missing and an extra file', async () => {
		const { work, env, db } = await lockedCliStudy('tandem-archive-');
		const exportDir = join(work, 'export');
		expect(
			runCli(['export', 'blind', '--study', 'mini-study', '--out', exportDir], env).status
		).toBe(0);

		// Refused before anything is written: a non-empty target, a folder that is not the export.
		const busy = join(work, 'busy');
		mkdirSync(busy);
		writeFileSync(join(busy, 'keep.txt'), 'x');
		const archive = (out: string, from = exportDir) =>
			runCli(['archive', '--study', 'mini-study', '--out', out, '--export', from], env);
		expect(archive(busy).stderr).toContain(`${busy} is not empty: archive into a new folder.`);
		const notExport = join(work, 'not-export');
		mkdirSync(notExport);
		expect(archive(join(work, 'never'), notExport).stderr).toContain(
			`the blind export in ${notExport} is not intact: manifest.json: missing`
		);
		expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);

		const out = join(work, 'archive');
		const made = archive(out);
		expect(made.stdout).toMatch(
			new RegExp(
				`^mini-study: archive written to ${out}: \\d+ files, \\d+ bytes, index sha256 [0-9a-f]{64}\\n$`
			)
		);
		// Progress of the long steps on stderr.
		expect(made.stderr).toContain('mini-study: writing the verification report');
		expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);

		const index = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
		expect(index).toMatchObject({
			format: 'tandem-archive/1',
			study: 'mini-study',
			lockFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
			fingerprintVersion: 2,
			tool: { name: 'tandem', version: expect.any(String) }
		});
		const names = Object.keys(index.files);
		for (const name of [
			'README.md',
			'protocol/revisions.json',
			'protocol/revision-1.json',
			'dataset/versions.json',
			'dataset/images.csv',
			'records/reads.jsonl',
			'records/ai-outputs.json',
			'records/lock.json',
			'signatures/signatures.json',
			'audit/events.jsonl',
			'audit/chain.json',
			'report/report.html',
			'report/analysis.json',
			'report-zh/report.html',
			'report-zh/analysis.json',
			'blind-export/manifest.json',
			'blind-export/ai-outputs.csv',
			'blind-export/reads.csv'
		])
			expect(names, name).toContain(name);
		// The PDF is there, or the index says why not (no Chromium).
		expect(names.includes('report/report.pdf')).toBe(index.report.pdf);
		expect(names.includes('report-zh/report.pdf')).toBe(index.report.pdf);
		// The regulator's language beside English, from the same data.
		expect(index.report.languages).toEqual(['en', 'zh']);
		expect(readFileSync(join(out, 'report-zh/report.html'), 'utf8')).toContain(
			'<html lang="zh-CN"'
		);
		const records = (name: string) => readFileSync(join(out, name), 'utf8');
		expect(records('records/reads.jsonl').trim().split('\n')).toHaveLength(72);
		expect(JSON.parse(records('records/ai-outputs.json')).outputs).toHaveLength(12);
		expect(JSON.parse(records('records/lock.json'))).toMatchObject({
			fingerprint: index.lockFingerprint,
			verifiedAtArchive: { ok: true }
		});
		expect(JSON.parse(records('signatures/signatures.json'))).toEqual([
			expect.objectContaining({ recordType: 'study_lock', recordHash: index.lockFingerprint })
		]);
		expect(JSON.parse(records('audit/chain.json')).verified).toMatchObject({ ok: true });
		const archived = await sqlRows<{ after: string }>(
			db,
			"SELECT after_json AS after FROM audit_events WHERE action = 'archive.created'"
		);
		expect(archived.map((row) => ({ sha: JSON.parse(row.after).indexSha256 }))).toEqual([
			{ sha: made.stdout.match(/index sha256 ([0-9a-f]{64})/)![1] }
		]);

		expect(runCli(['archive', 'verify', out], env).stdout).toBe(
			`archive intact: signature valid, ${names.length} files match the index (study mini-study, lock fingerprint ${index.lockFingerprint})\n`
		);

		// Against a key given apart from the archive: the server's passes, another is named.
		const serverKey = join(work, 'server-key.pem');
		writeFileSync(serverKey, readFileSync(join(out, 'public-key.pem')));
		expect(runCli(['archive', 'verify', out, '--public-key', serverKey], env).status).toBe(0);
		const otherKey = join(work, 'other-key.pem');
		writeFileSync(
			otherKey,
			generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' })
		);
		expect(runCli(['archive', 'verify', out, '--public-key', otherKey], env).stderr).toBe(
			'archive NOT intact:\n  public-key.pem: not the key of this server\n'
		);

		// One byte of one file changed, one deleted, one added: each named.
		const changed = readFileSync(join(out, 'records/reads.jsonl'));
		changed[10] = changed[10] === 0x41 ? 0x42 : 0x41;
		writeFileSync(join(out, 'records/reads.jsonl'), changed);
		rmSync(join(out, 'blind-export/ai-outputs.csv'));
		writeFileSync(join(out, 'audit/extra.txt'), 'added later\n');
		const broken = runCli(['archive', 'verify', out], env);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toBe(
			[
				'archive NOT intact:',
				`  blind-export/ai-outputs.csv: missing`,
				`  records/reads.jsonl: changed (SHA-256 differs from the index; ${changed.length} bytes, the index says ${changed.length})`,
				'  audit/extra.txt: extra: not listed in the index',
				''
			].join('\n')
		);
	}, 240_000);
});
