// Each dialect's generated migrations are up to date with its schema: drizzle-kit, run on a copy of
// the migrations folder, finds no change to make (a schema edited without `npm run db:generate`
// fails here, naming the dialect). The copy keeps the repository untouched whatever happens.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIALECTS = [
	{ dialect: 'sqlite', schema: 'src/lib/server/db/schema/definitions.ts', out: 'drizzle' },
	{ dialect: 'postgresql', schema: 'src/lib/server/db/schema-pg/index.ts', out: 'drizzle/pg' }
] as const;

/** The files of a migrations folder, without the other dialect's folder inside it. */
const filesOf = (folder: string) =>
	readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((file) => !file.startsWith('pg'))
		.sort();

describe('generated migrations', () => {
	for (const { dialect, schema, out } of DIALECTS)
		it(`are up to date with the ${dialect} schema`, () => {
			// Under the working directory: drizzle-kit takes --out as a relative path.
			mkdirSync('test-results', { recursive: true });
			const copy = relative('.', mkdtempSync(join('test-results', `migrations-${dialect}-`)));
			try {
				cpSync(resolve(out), copy, { recursive: true });
				const before = filesOf(copy);
				const run = spawnSync(
					resolve('node_modules/.bin/drizzle-kit'),
					['generate', `--dialect=${dialect}`, `--schema=${schema}`, `--out=${copy}`],
					{ encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] }
				);
				expect(run.status, run.stderr).toBe(0);
				expect(run.stderr).toBe('');
				expect(run.stdout).toContain('No schema changes, nothing to migrate');
				expect(filesOf(copy)).toEqual(before);
				expect(before).toContain('meta/_journal.json');
			} finally {
				rmSync(copy, { recursive: true, force: true });
			}
		});
});
