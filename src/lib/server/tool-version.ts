// The running Tandem's version (package.json of the working directory, as `npm run` and the start
// script use it), named in reports and backup manifests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function tandemVersion(): string {
	try {
		return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string })
			.version;
	} catch {
		return 'unknown version';
	}
}
