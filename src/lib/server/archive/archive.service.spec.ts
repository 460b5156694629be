import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrolledStudy } from '$fixtures/enrolled-study.fixture';
import { operatorPrincipal } from '../access/principal';
import { createArchive } from './archive.service';

describe('createArchive', () => {
	it('is refused to a reader, and for a study that is not locked, before anything is written', async () => {
		const { db, readers } = await enrolledStudy(['site-a']);
		const out = join(mkdtempSync(join(tmpdir(), 'tandem-archive-')), 'archive');
		await expect(
			createArchive(db, readers[0]!, 'mini-study', out, { exportDir: out })
		).rejects.toThrow(/do not have access/);
		await expect(
			createArchive(db, operatorPrincipal(), 'mini-study', out, { exportDir: out })
		).rejects.toThrow('mini-study is not locked: only a locked study is archived.');
		expect(existsSync(out)).toBe(false);
	});
});
