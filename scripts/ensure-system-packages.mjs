// Installs the Debian programs the tests use when they are missing (scripts/system-packages.json):
// Chromium (browser tests, PDF reports), poppler's pdftoppm (to look at the PDF pages), dcmtk and gdcm (the DICOM conformance set: compressed, big-endian and deflated files), Orthanc
// with its DICOMweb plugin (a real PACS for the case import) and PostgreSQL (the PostgreSQL specs);
// the tests run private instances, never the system services. One apt-get run, as root (CI runs as
// root).
//
//   node scripts/ensure-system-packages.mjs           install what is missing; when that cannot be
//                                                     done, say which package each test needs and
//                                                     go on (only the specs needing it will fail)
//   node scripts/ensure-system-packages.mjs --require chromium
//                                                     the same, but exit 1 when that tool is missing
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const { tools } = JSON.parse(
	readFileSync(new URL('./system-packages.json', import.meta.url), 'utf8')
);
const pathOf = (tool) => (tool.env && process.env[tool.env]) || tool.path;
const missingTools = () => tools.filter((tool) => !existsSync(pathOf(tool)));
const required = process.argv.includes('--require')
	? process.argv[process.argv.indexOf('--require') + 1]
	: undefined;

function whyNotInstallable() {
	if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get'))
		return 'this is not a Debian system with apt-get';
	if (process.getuid?.() !== 0) return 'installing needs root';
	return undefined;
}

function install(packages) {
	console.log(`Installing Debian ${packages.join(', ')} for the tests…`);
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', ...packages]
	]) {
		// RUNLEVEL=1: the packages' own services (Orthanc's, PostgreSQL's) are not started.
		const result = spawnSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' }
		});
		if (result.status !== 0) return `apt-get ${args[0]} failed (exit ${result.status})`;
	}
	return undefined;
}

let missing = missingTools();
if (missing.length > 0) {
	const packages = [...new Set(missing.map((tool) => tool.package))];
	const reason = whyNotInstallable() ?? install(packages);
	missing = missingTools();
	for (const tool of missing) {
		console.error(
			`missing Debian package ${tool.package} (${pathOf(tool)}), needed by ${tool.neededBy}; ${reason ?? 'it did not install'}: apt-get install -y ${tool.package}`
		);
	}
}
if (required && missing.some((tool) => tool.tool === required)) process.exit(1);
