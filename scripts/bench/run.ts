// `npm run bench`: every benchmark in turn. Each prints its own figures and ratios; none is a test.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BENCHES = [
	'analyze.bench.ts',
	'lesion-analyze.bench.ts',
	'trial-analysis.bench.ts',
	'inference.bench.ts',
	'viewer.bench.ts',
	'viewer-mammography.bench.ts',
	'monitor.bench.ts'
];

for (const file of BENCHES) {
	const path = join(here, file);
	if (!existsSync(path)) continue;
	process.stdout.write(`\n== ${file} ==\n`);
	const bench = (await import(path)) as { run: () => Promise<void> };
	await bench.run();
}
