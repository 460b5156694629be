#!/usr/bin/env node
// `npm start`: build the app and the `tandem` command if their sources changed, generate the demo
// images on first start, load the demo studies and their accounts (logins printed once), then serve
// on PORT (default 3000).
// A second start reuses the database (TANDEM_DB, default data/tandem.db).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLogged } from './logged-run.mjs';
import { compiledCli } from './cli-launch.mjs';
import { MAMMO_RENDERING } from './demo/mammography/rendering-version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const demoDir = 'studies/demo-crossover';
const mammographyDir = 'studies/demo-mammography';
const referenceStandardDir = 'studies/demo-reference-standard';
const buildStamp = join('build', '.tandem-build');
// The build's output is for developers: kept beside the database, shown only when the build fails.
const buildLog = join(dirname(process.env.TANDEM_DB ?? join('data', 'tandem.db')), 'build.log');

function run(command, args, env = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		console.error(
			`tandem start: "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal})`
		);
		process.exit(result.status ?? 1);
	}
}

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce(
		(newest, name) => Math.max(newest, newestMtime(join(path, name))),
		stat.mtimeMs
	);
}

function buildIfNeeded() {
	const inputs = [
		'src',
		'static',
		'drizzle',
		'messages',
		'project.inlang/settings.json',
		'svelte.config.js',
		'vite.config.ts',
		'package.json',
		'package-lock.json'
	];
	const sourcesChanged = Math.max(...inputs.map(newestMtime));
	if (
		existsSync(join('build', 'index.js')) &&
		existsSync(buildStamp) &&
		newestMtime(buildStamp) >= sourcesChanged
	)
		return;
	console.log(`tandem start: building the app (a few minutes; log in ${buildLog})…`);
	if (!runLogged('npx', ['vite', 'build', '--logLevel', 'warn'], buildLog)) process.exit(1);
	writeFileSync(buildStamp, new Date().toISOString());
}

/** The `tandem` command compiled ahead of time (build/cli; the app's build empties build/). */
async function buildCliIfNeeded() {
	await compiledCli({ log: (line) => console.log(line.replace(/^tandem:/, 'tandem start:')) });
}

function demoImagesComplete() {
	const marker = join(demoDir, 'images', 'generation.json');
	if (!existsSync(marker)) return false;
	return JSON.parse(readFileSync(marker, 'utf8')).imageSize === 512;
}

/** The reference-standard demo: the first 16 cases of the CT generator, its truth kept aside. */
const REFERENCE_STANDARD_CASES = 16;
function referenceStandardImagesComplete() {
	const marker = join(referenceStandardDir, 'images', 'generation.json');
	if (!existsSync(marker)) return false;
	const { imageSize, cases } = JSON.parse(readFileSync(marker, 'utf8'));
	return imageSize === 512 && cases === REFERENCE_STANDARD_CASES;
}

function mammographyImagesComplete() {
	const marker = join(mammographyDir, 'images', 'generation.json');
	if (!existsSync(marker)) return false;
	const { columns, rows, rendering } = JSON.parse(readFileSync(marker, 'utf8'));
	return columns === 3328 && rows === 4096 && rendering === MAMMO_RENDERING;
}

buildIfNeeded();
await buildCliIfNeeded();
if (!demoImagesComplete()) {
	console.log('tandem start: generating the synthetic demo images (first start)…');
	run('npx', ['tsx', 'scripts/demo/generate-demo-study.ts', '--out', demoDir]);
}
if (!mammographyImagesComplete()) {
	console.log(
		'tandem start: generating the synthetic mammography demo (first start, about a minute)…'
	);
	run('npx', [
		'tsx',
		'scripts/demo/mammography/generate-mammography-study.ts',
		'--out',
		mammographyDir
	]);
}
if (!referenceStandardImagesComplete()) {
	console.log('tandem start: generating the reference-standard demo images (first start)…');
	run('npx', [
		...['tsx', 'scripts/demo/generate-demo-study.ts', '--out', referenceStandardDir],
		...['--cases', String(REFERENCE_STANDARD_CASES), '--truth-file', 'phantom-truth.csv']
	]);
}
run(process.execPath, [
	...['scripts/tandem.mjs', 'demo', 'setup'],
	...['--dir', demoDir, mammographyDir, referenceStandardDir]
]);

const port = process.env.PORT ?? '3000';
console.log(`tandem start: serving http://localhost:${port}`);
// adapter-node assumes https unless told the public origin; form posts are checked against it.
const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
const server = spawn(process.execPath, ['build/index.js'], {
	stdio: 'inherit',
	env: { ...process.env, PORT: port, ORIGIN: origin }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
