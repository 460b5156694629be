// The tests use Debian programs: Chromium (browser tests, PDF reports), poppler's pdftoppm (to
// look at the PDF pages). Install what is missing in one apt-get run (CI runs as root).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const NEEDED = [
	{ path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
	{ path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' }
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
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
}
