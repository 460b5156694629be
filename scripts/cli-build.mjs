// The `tandem` command compiled ahead of time: src/cli/main.ts bundled by esbuild into ES modules
// under build/cli/<build>/, one chunk per command (main.ts imports each command lazily), every
// npm package left external (native modules included). Beside the builds, build/cli/stamp.json
// names the current one and the files it was compiled from with their mtime and size, so the
// launcher (scripts/tandem.mjs, through cli-launch.mjs) can tell cheaply whether it is stale.
//
// Source maps are written beside the chunks: `node --enable-source-maps scripts/tandem.mjs …` shows
// stack traces in the TypeScript sources (off by default: reading the maps slows every start).
//
// Two processes may build at once: each writes its own build folder, then replaces the stamp by
// a rename, so a reader of the stamp sees one whole build or the other, never a half-written one.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cliPaths, STAMP_VERSION } from './cli-launch.mjs';

/** Files that shape the build besides the sources esbuild reads (relative to the root). */
export const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json'];

/** How far before the build's start a file's mtime still counts as saved during the build. */
const SAVED_DURING_BUILD_MARGIN_MS = 50;

/** A build older than this, no longer current, is removed (a command still running keeps its own). */
const OLD_BUILD_MS = 10 * 60_000;

/**
 * Compiles the CLI of the project at `root` into `outDir` (default build/cli) and makes it current.
 * Returns the path of the new build's main.js.
 * @param {{ root?: string, outDir?: string }} [options]
 * @returns {Promise<string>}
 */
export async function buildCli({ root, outDir } = {}) {
	const paths = cliPaths(root, outDir);
	mkdirSync(paths.outDir, { recursive: true });
	const name = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const buildDir = join(paths.outDir, name);
	const started = Date.now();
	const result = await build({
		absWorkingDir: paths.root,
		entryPoints: { main: 'src/cli/main.ts' },
		outdir: buildDir,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		alias: { $lib: './src/lib' },
		sourcemap: 'linked',
		metafile: true,
		logLevel: 'error'
	});
	const files = [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS];
	// This script and the launcher shape the build too (when they belong to the project built).
	for (const script of ['cli-build.mjs', 'cli-launch.mjs']) {
		const path = relative(paths.root, join(import.meta.dirname, script));
		if (!path.startsWith('..')) files.push(path);
	}
	/** @type {Record<string, [number, number]>} */
	const inputs = {};
	const finished = Date.now();
	for (const file of files) {
		const stat = statSync(join(paths.root, file), { throwIfNoEntry: false });
		const read = result.metafile.inputs[file]?.bytes;
		// A file saved while esbuild ran may be compiled in its older form: recorded as unknown, the
		// next start compiles again. (The window reaches back a little: file times lag the clock.)
		const changedMeanwhile =
			!stat ||
			(read !== undefined && read !== stat.size) ||
			(stat.mtimeMs >= started - SAVED_DURING_BUILD_MARGIN_MS && stat.mtimeMs <= finished);
		inputs[file] = changedMeanwhile ? [-1, -1] : [stat.mtimeMs, stat.size];
	}
	const stamp = { version: STAMP_VERSION, build: name, inputs };
	const temporary = `${paths.stamp}.${name}`;
	writeFileSync(temporary, JSON.stringify(stamp));
	renameSync(temporary, paths.stamp);
	removeOldBuilds(paths.outDir, name);
	return join(buildDir, 'main.js');
}

/**
 * @param {string} outDir
 * @param {string} current the build just made
 */
function removeOldBuilds(outDir, current) {
	for (const entry of readdirSync(outDir, { withFileTypes: true })) {
		if (entry.name === current || entry.name === 'stamp.json') continue;
		const path = join(outDir, entry.name);
		const stat = statSync(path, { throwIfNoEntry: false });
		if (stat && Date.now() - stat.mtimeMs > OLD_BUILD_MS)
			rmSync(path, { recursive: true, force: true });
	}
}
