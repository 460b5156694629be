// The Node versions the README and package.json state as supported, checked against what every
// package the server runs declares (package-lock.json engines). Browser-only packages (the viewer,
// bundled by Vite) run in the browser and do not count.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const semver = require('semver') as {
	satisfies: (version: string, range: string) => boolean;
};

interface LockEntry {
	version?: string;
	engines?: { node?: string } | string[];
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	dev?: boolean;
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
	packages: Record<string, LockEntry>;
};
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
	engines: { node: string };
	dependencies: Record<string, string>;
};

/** In the browser bundle only (the reading workstation's viewer). */
const BROWSER_ONLY = /^(@cornerstonejs\/|@kitware\/vtk\.js$|dicom-parser$|events$)/;

/**
 * Server packages whose declared engines leave out a supported version, and why they run anyway.
 * dcmjs 0.52.0 declares node >=22.13 (0.51.1 declared none); the de-identification and case import
 * specs, which exercise it, pass on Node 20.
 */
const KNOWN_EXCEPTIONS: Record<string, string> = { dcmjs: '>=22.13' };

/** Versions that try the stated range: the start of each release line from 20 to 26 it includes. */
const SUPPORTED = [
	'20.19.0',
	'21.0.0',
	'22.0.0',
	'22.13.0',
	'23.0.0',
	'24.0.0',
	'25.0.0',
	'26.0.0'
].filter((version) => semver.satisfies(version, manifest.engines.node));

function serverPackages(): Map<string, LockEntry> {
	const found = new Map<string, LockEntry>();
	const visit = (name: string, from: string) => {
		const path = [`${from}/node_modules/${name}`, `node_modules/${name}`].find(
			(p) => lock.packages[p.replace(/^\//, '')]
		);
		if (!path) return;
		const key = path.replace(/^\//, '');
		if (found.has(key)) return;
		const entry = lock.packages[key]!;
		found.set(key, entry);
		for (const child of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
			visit(child, key);
	};
	for (const name of Object.keys(manifest.dependencies))
		if (!BROWSER_ONLY.test(name)) visit(name, '');
	return found;
}

describe('the supported Node versions', () => {
	it('are those every server-side dependency declares, but the known exceptions', () => {
		expect(SUPPORTED.length).toBeGreaterThan(0);
		const refused: Record<string, string> = {};
		for (const [path, entry] of serverPackages()) {
			const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
			if (!range) continue;
			if (SUPPORTED.some((version) => !semver.satisfies(version, range)))
				refused[path.replace(/^.*node_modules\//, '')] = range;
		}
		expect(refused).toEqual(KNOWN_EXCEPTIONS);
	});

	it('include the Node this runs on', () => {
		expect(semver.satisfies(process.versions.node, manifest.engines.node)).toBe(true);
	});
});
