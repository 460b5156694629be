// `npm run bench`: every benchmark in turn. Each prints its own figures (the median of several runs,
// their spread, the ratio to the target or peer); none is a test. At the end, every figure again as
// one Markdown table with the machine it was measured on: the README's tables are copied from it.
// BENCH_ONLY=name[,name] runs only those files (e.g. BENCH_ONLY=cli-startup,analyze).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figuresTable, machine } from './bench-kit';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = [
	'cli-startup.bench.ts',
	'analyze.bench.ts',
	'lesion-analyze.bench.ts',
	'trial-analysis.bench.ts',
	'inference.bench.ts',
	'viewer.bench.ts',
	'viewer-mammography.bench.ts',
	'monitor.bench.ts',
	'read-load.bench.ts',
	'read-requests.bench.ts'
];
const only = (process.env.BENCH_ONLY ?? '')
	.split(',')
	.map((name) => name.trim())
	.filter(Boolean);

const started = machine();
for (const file of BENCHES) {
	const path = join(here, file);
	if (!existsSync(path)) continue;
	if (only.length > 0 && !only.some((name) => file.startsWith(`${name}.`))) continue;
	process.stdout.write(`\n== ${file} ==\n`);
	const bench = (await import(path)) as { run: () => Promise<void> };
	await bench.run();
}
process.stdout.write(
	`\n== every figure ==\n${started}\n(at the end: ${machine().replace(/^machine: /, '')})\n\n${figuresTable()}\n`
);
