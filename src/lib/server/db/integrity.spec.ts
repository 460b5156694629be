import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDatabaseIntact, CorruptDatabase, integrityProblems } from './integrity';
import { runCli } from '$fixtures/run-cli.fixture';

/** A database with a table and an index over 2,000 rows, whose index root page is then damaged. */
function corruptDatabase(): string {
	const file = join(mkdtempSync(join(tmpdir(), 'tandem-integrity-')), 'corrupt.db');
	const sqlite = new Database(file);
	sqlite.exec('CREATE TABLE t (a TEXT); CREATE INDEX t_a ON t (a);');
	const insert = sqlite.prepare('INSERT INTO t (a) VALUES (?)');
	sqlite.transaction(() => {
		for (let i = 0; i < 2000; i++) insert.run(`value ${i}`);
	})();
	const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
	const root = (
		sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 't_a'").get() as {
			rootpage: number;
		}
	).rootpage;
	sqlite.close();
	// The first byte of a b-tree page is its type (2, 5, 10 or 13); 0 is none of them.
	const fd = openSync(file, 'r+');
	writeSync(fd, Buffer.from([0]), 0, 1, pageSize * (root - 1));
	closeSync(fd);
	return file;
}

describe('database integrity checks', () => {
	it('finds nothing wrong with a sound database', () => {
		const sqlite = new Database(':memory:');
		sqlite.exec('CREATE TABLE t (a TEXT); CREATE INDEX t_a ON t (a);');
		expect(integrityProblems(sqlite, 'quick')).toEqual([]);
		expect(integrityProblems(sqlite, 'full')).toEqual([]);
	});

	it('refuses a database whose index page is damaged, naming the file', () => {
		const file = corruptDatabase();
		const sqlite = new Database(file);
		expect(integrityProblems(sqlite, 'quick').length).toBeGreaterThan(0);
		expect(integrityProblems(sqlite, 'full').length).toBeGreaterThan(0);
		expect(() => assertDatabaseIntact(sqlite, 'quick')).toThrow(CorruptDatabase);
		expect(() => assertDatabaseIntact(sqlite, 'quick')).toThrow(`the database ${file} is corrupt`);
		sqlite.close();
	});

	it('makes tandem audit verify fail on a corrupt database even though the chain is intact', () => {
		// The SQLite file, also in a run against PostgreSQL (whose DATABASE_URL the command would take).
		const run = runCli(['audit', 'verify'], { TANDEM_DB: corruptDatabase(), DATABASE_URL: '' });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('is corrupt');
		expect(run.stdout).not.toContain('audit chain intact');
	});
});
