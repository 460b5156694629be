// Section 4 of the report: the machine and the software the analysis and the report ran on — Node,
// the operating system, the CPU and memory, the versions of the packages the numbers depend on,
// SQLite, and the AI model with its weights' hash.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { arch, cpus, platform, release, totalmem, version as osVersion } from 'node:os';
import { databaseEngine } from '../db/raw';
import type { Db } from '../db/client';
import type { ReportInput } from '../../verification-report/report-input';
import { formatAiValue } from '../../domain/ai-format';

const require = createRequire(import.meta.url);

/** The packages whose versions the report's figures depend on, and what each does. */
const PACKAGES = ['onnxruntime-node', 'piscina', 'better-sqlite3', 'playwright-core'] as const;

/**
 * The installed version of a package, read from its package.json on disk in the first
 * node_modules folder that holds it, as Node's resolution would find it (a package whose exports
 * map hides its package.json, such as piscina, cannot be require()d for it).
 */
export function packageVersion(name: string): string {
	for (const folder of require.resolve.paths(name) ?? []) {
		const file = join(folder, name, 'package.json');
		if (!existsSync(file)) continue;
		const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
		if (typeof version === 'string') return version;
	}
	return 'not found';
}

export interface ModelOfReport {
	name: string;
	version: string;
	/** Null when the protocol's model was never registered (no weights to hash). */
	sha256: string | null;
	threshold: number | null;
}

export async function reportEnvironment(
	db: Db,
	model: ModelOfReport
): Promise<ReportInput['environment']> {
	const processors = cpus();
	const cpuModel = processors[0]?.model.trim() || 'unknown model';
	const engine = await databaseEngine(db);
	return [
		{
			item: 'Analysis software',
			value: `Tandem (OR/DBM engine validated against MRMCaov 0.3.0 and RJafroc 2.1.3 reference outputs)`
		},
		{ item: 'Runtime', value: `Node.js ${process.versions.node} (V8 ${process.versions.v8})` },
		{ item: 'Operating system', value: `${platform()} ${release()} ${arch()} (${osVersion()})` },
		{ item: 'CPU', value: `${processors.length} × ${cpuModel}` },
		{ item: 'Memory', value: `${(totalmem() / 2 ** 30).toFixed(1)} GiB` },
		{ item: 'Database', value: engine },
		{
			item: 'Packages',
			value: PACKAGES.map((name) => `${name} ${packageVersion(name)}`).join(', ')
		},
		{
			item: 'AI model',
			value: model.sha256
				? `${model.name} ${model.version}, weights SHA-256 ${model.sha256}, threshold ${model.threshold === null ? 'not set' : formatAiValue(model.threshold)}`
				: `${model.name} ${model.version} (not registered: no weights to hash)`
		},
		{
			item: 'Inference runtime',
			value: `onnxruntime-node ${packageVersion('onnxruntime-node')}, in worker threads (piscina ${packageVersion('piscina')})`
		},
		{ item: 'Viewer', value: `Cornerstone3D ${packageVersion('@cornerstonejs/core')}` },
		{
			item: 'PDF rendering',
			value: `Chromium via playwright-core ${packageVersion('playwright-core')}`
		}
	];
}
