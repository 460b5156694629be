// Starts the app for the browser tests exactly as `npm start` does, on a fresh database.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

const database = process.env.TANDEM_DB;
if (!database || !database.startsWith('test-results/'))
	throw new Error('TANDEM_DB must point into test-results/ for e2e runs');
rmSync(dirname(database), { recursive: true, force: true });
await import('../../scripts/start.mjs');
