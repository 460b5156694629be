// Whether the compiled `tandem` command (build/cli, see cli-build.mjs) is current, and compiling it
// when it is not. Cheap when it is: one small JSON file read and one stat per file the build was
// compiled from (a few hundred), no esbuild. An edited file changes its own mtime, and a file that
// newly imports another is itself edited, so the recorded list of inputs stays sufficient.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * @typedef {{ version: number, build: string, inputs: Record<string, [number, number]> }} Stamp
 *   the current build's folder name, and each file it was compiled from with its [mtimeMs, size]
 * @typedef {{ root: string, outDir: string, stamp: string }} CliPaths
 * @typedef {{ root?: string, outDir?: string, log?: (line: string) => void }} CliOptions
 */

/** Bumped when the stamp's shape or the build's layout changes: older stamps then count as stale. */
export const STAMP_VERSION = 1;

/**
 * Where the builds and their stamp live for the project at `root` (default: this repository).
 * @param {string} [root]
 * @param {string} [outDir] relative to `root`, or absolute
 * @returns {CliPaths}
 */
export function cliPaths(root = join(import.meta.dirname, '..'), outDir = join('build', 'cli')) {
	const absoluteRoot = resolve(root);
	const absoluteOut = resolve(absoluteRoot, outDir);
	return { root: absoluteRoot, outDir: absoluteOut, stamp: join(absoluteOut, 'stamp.json') };
}

/**
 * Why the build a stamp records is out of date, or undefined when it is current. Pure: `stat(file)`
 * gives a recorded input's [mtimeMs, size] now, or undefined when the file is gone.
 * @param {Stamp | undefined} stamp
 * @param {(file: string) => [number, number] | undefined} stat
 * @returns {string | undefined}
 */
export function staleReason(stamp, stat) {
	if (stamp === undefined) return 'not built yet';
	if (stamp?.version !== STAMP_VERSION || typeof stamp.build !== 'string' || !stamp.inputs)
		return 'built by another version of the launcher';
	for (const [file, [mtimeMs, size]] of Object.entries(stamp.inputs)) {
		const now = stat(file);
		if (now === undefined) return `${file} is gone`;
		if (now[0] !== mtimeMs || now[1] !== size) return `${file} changed`;
	}
	return undefined;
}

/**
 * The stamp of the current build, or undefined when there is none (or it cannot be read).
 * @param {CliPaths} paths
 * @returns {Stamp | undefined}
 */
export function readStamp(paths) {
	try {
		return JSON.parse(readFileSync(paths.stamp, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * The compiled CLI's main.js, compiled first when missing or stale (saying so in one line through
 * `log`). Returns `{ main, rebuilt }`, `rebuilt` being the reason it was compiled, if it was.
 * @param {CliOptions} [options]
 * @returns {Promise<{ main: string, rebuilt: string | undefined }>}
 */
export async function compiledCli({ root, outDir, log = defaultLog } = {}) {
	const paths = cliPaths(root, outDir);
	const stamp = readStamp(paths);
	let reason = staleReason(stamp, (file) => {
		const stat = statSync(join(paths.root, file), { throwIfNoEntry: false });
		return stat && /** @type {[number, number]} */ ([stat.mtimeMs, stat.size]);
	});
	if (reason === undefined && stamp) {
		const main = join(paths.outDir, stamp.build, 'main.js');
		if (existsSync(main)) return { main, rebuilt: undefined };
		reason = 'its build folder is gone';
	}
	log(`tandem: compiling the command line first (${reason})`);
	const { buildCli } = await import('./cli-build.mjs');
	return { main: await buildCli({ root: paths.root, outDir: paths.outDir }), rebuilt: reason };
}

/** @param {string} line */
function defaultLog(line) {
	process.stderr.write(`${line}\n`);
}
