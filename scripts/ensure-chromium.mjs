// The browser tests drive Debian's Chromium. Install it when it is missing (CI runs as root).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
	if (process.getuid?.() !== 0) {
		console.error(`Chromium not found at ${path}. Install it: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
		process.exit(1);
	}
	console.log('Installing Debian chromium for the browser tests…');
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
}
