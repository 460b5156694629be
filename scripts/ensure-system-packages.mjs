// The tests use Debian programs: Chromium (browser tests, PDF reports), poppler's pdftoppm (to
// look at the PDF pages), Orthanc with its DICOMweb plugin (a real PACS for the case import; the
// tests run a private instance, never the system service). Install what is missing in one
// apt-get run (CI runs as root).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const NEEDED = [
	{ path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
	{ path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
	{ path: process.env.ORTHANC_PATH ?? '/usr/sbin/Orthanc', pkg: 'orthanc' },
	{ path: process.env.ORTHANC_DICOMWEB_PLUGIN ?? '/usr/share/orthanc/plugins/libOrthancDicomWeb.so', pkg: 'orthanc-dicomweb' }
];

const missing = NEEDED.filter((item) => !existsSync(item.path));
if (missing.length > 0) {
	const packages = missing.map((item) => item.pkg);
	if (process.getuid?.() !== 0) {
		console.error(`Missing ${missing.map((item) => item.path).join(', ')}. Install them: sudo apt-get install -y ${packages.join(' ')}`);
		process.exit(1);
	}
	console.log(`Installing Debian ${packages.join(', ')} for the tests…`);
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
		// RUNLEVEL=1: the packages' own services (Orthanc's) are not started.
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' } });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
}
