import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLogged } from './logged-run.mjs';

const NOISY = [
	'console.log("[plugin rolldown:vite-resolve] Module \\"fs\\" has been externalized");',
	'console.error("(!) Some chunks are larger than 500 kB");',
	'console.log("Run npm run preview to preview your production build locally.");'
].join('');

describe('runLogged (npm start’s build step)', () => {
	it('keeps a successful command’s output in the log file, out of the terminal', () => {
		const log = join(mkdtempSync(join(tmpdir(), 'tandem-start-')), 'logs', 'build.log');
		const shown: string[] = [];
		expect(runLogged(process.execPath, ['-e', NOISY], log, (text) => shown.push(text))).toBe(true);
		expect(shown.join('')).toBe('');
		const kept = readFileSync(log, 'utf8');
		expect(kept).toContain('has been externalized');
		expect(kept).toContain('Some chunks are larger than 500 kB');
	});

	it('shows the end of the log and where it is when the command fails', () => {
		const log = join(mkdtempSync(join(tmpdir(), 'tandem-start-')), 'build.log');
		const shown: string[] = [];
		const failing = `${NOISY}console.error("error: src/x.ts: Unexpected token");process.exit(3);`;
		expect(runLogged(process.execPath, ['-e', failing], log, (text) => shown.push(text))).toBe(
			false
		);
		const text = shown.join('');
		expect(text).toContain('error: src/x.ts: Unexpected token');
		expect(text).toContain(log);
		expect(text).toMatch(/exit 3/);
	});
});
