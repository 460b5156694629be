// The launcher's staleness logic: a missing build is built, an untouched tree is not rebuilt, a
// touched input, a removed one or a lost build folder is. On a tiny project of its own in a temp
// folder (a main.ts that lazily imports a command), so each build takes milliseconds.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliPaths, compiledCli, readStamp, staleReason, STAMP_VERSION } from './cli-launch.mjs';

let root: string;
const logged: string[] = [];
const launch = () => compiledCli({ root, log: (line) => logged.push(line) });

/** Writes a file of the project dated a minute ago (a file saved during a build counts as unknown). */
function write(path: string, text: string, at = new Date(Date.now() - 60_000)) {
	mkdirSync(join(root, path, '..'), { recursive: true });
	writeFileSync(join(root, path), text);
	utimesSync(join(root, path), at, at);
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'tandem-launcher-'));
	logged.length = 0;
	write('package.json', '{"type":"module"}\n');
	write('package-lock.json', '{}\n');
	write('tsconfig.json', '{}\n');
	write(
		'src/cli/main.ts',
		"export const answer = async (): Promise<number> => (await import('./commands/hello.command')).hello();\n"
	);
	write('src/cli/commands/hello.command.ts', 'export const hello = (): number => 42;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('compiledCli', () => {
	it('builds a missing build, which runs, and records every file it was compiled from', async () => {
		const first = await launch();
		expect(first.rebuilt).toBe('not built yet');
		expect(logged).toEqual(['tandem: compiling the command line first (not built yet)']);
		const module = (await import(pathToFileURL(first.main).href)) as {
			answer: () => Promise<number>;
		};
		expect(await module.answer()).toBe(42);
		expect(Object.keys(readStamp(cliPaths(root))!.inputs).sort()).toEqual([
			'package-lock.json',
			'package.json',
			'src/cli/commands/hello.command.ts',
			'src/cli/main.ts',
			'tsconfig.json'
		]);
	});

	it('does not rebuild an untouched tree, and says nothing', async () => {
		const first = await launch();
		logged.length = 0;
		const second = await launch();
		expect(second).toEqual({ main: first.main, rebuilt: undefined });
		expect(logged).toEqual([]);
	});

	it('rebuilds when a lazily loaded input is touched, and the new build has the edit', async () => {
		const first = await launch();
		const edited = new Date(Date.now() - 30_000);
		write('src/cli/commands/hello.command.ts', 'export const hello = (): number => 43;\n', edited);
		const second = await launch();
		expect(second.rebuilt).toBe('src/cli/commands/hello.command.ts changed');
		expect(second.main).not.toBe(first.main);
		const module = (await import(pathToFileURL(second.main).href)) as {
			answer: () => Promise<number>;
		};
		expect(await module.answer()).toBe(43);
		expect((await launch()).rebuilt).toBeUndefined();
	});

	it('records a file saved while it compiled as unknown, so the next start compiles again', async () => {
		write('src/cli/main.ts', 'export const answer = async (): Promise<number> => 1;\n', new Date());
		await launch();
		expect(readStamp(cliPaths(root))!.inputs['src/cli/main.ts']).toEqual([-1, -1]);
		expect((await launch()).rebuilt).toBe('src/cli/main.ts changed');
	});

	it('rebuilds when the lock file is touched (same content, newer mtime)', async () => {
		await launch();
		const touched = new Date(Date.now() - 30_000);
		utimesSync(join(root, 'package-lock.json'), touched, touched);
		expect((await launch()).rebuilt).toBe('package-lock.json changed');
	});

	it('lets two starts compile at once: each runs a whole build, the stamp names one of them', async () => {
		const both = await Promise.all([launch(), launch()]);
		for (const { main } of both) {
			const module = (await import(pathToFileURL(main).href)) as { answer: () => Promise<number> };
			expect(await module.answer()).toBe(42);
		}
		const current = readStamp(cliPaths(root))!.build;
		expect(both.map(({ main }) => main)).toContain(join(cliPaths(root).outDir, current, 'main.js'));
		expect((await launch()).rebuilt).toBeUndefined();
	});

	it('rebuilds when its build folder was removed', async () => {
		const first = await launch();
		rmSync(join(first.main, '..'), { recursive: true });
		expect((await launch()).rebuilt).toBe('its build folder is gone');
	});
});

describe('staleReason', () => {
	const stamp = {
		version: STAMP_VERSION,
		build: 'b1',
		inputs: { 'a.ts': [1000, 10], 'b.ts': [2000, 20] } as Record<string, [number, number]>
	};
	const files = (entries: Record<string, [number, number]>) => (file: string) => entries[file];

	it('is current when every input has its recorded mtime and size', () => {
		expect(staleReason(stamp, files({ 'a.ts': [1000, 10], 'b.ts': [2000, 20] }))).toBeUndefined();
	});
	it('names the first input whose mtime or size differs, or that is gone', () => {
		expect(staleReason(stamp, files({ 'a.ts': [1000, 11], 'b.ts': [2000, 20] }))).toBe(
			'a.ts changed'
		);
		expect(staleReason(stamp, files({ 'a.ts': [1000, 10], 'b.ts': [2001, 20] }))).toBe(
			'b.ts changed'
		);
		expect(staleReason(stamp, files({ 'a.ts': [1000, 10] }))).toBe('b.ts is gone');
	});
	it('counts an input recorded as changed during its build as stale', () => {
		const during = { ...stamp, inputs: { 'a.ts': [-1, -1] as [number, number] } };
		expect(staleReason(during, files({ 'a.ts': [1000, 10] }))).toBe('a.ts changed');
	});
	it('counts no stamp, or one of another launcher version, as stale', () => {
		expect(staleReason(undefined, files({}))).toBe('not built yet');
		expect(staleReason({ ...stamp, version: STAMP_VERSION + 1 }, files({}))).toBe(
			'built by another version of the launcher'
		);
	});
});
