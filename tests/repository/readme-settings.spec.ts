// The README's table of settings lists every variable the config module reads, so an operator who
// reads it knows every knob there is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/lib/server/config';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const settingsSection = readme.slice(
	readme.indexOf('## Settings'),
	readme.indexOf('\n## ', readme.indexOf('## Settings') + 1)
);

describe('README settings table', () => {
	const variables = Object.values(SETTINGS).flatMap((setting) => [...setting.variables]);

	it('has a settings section', () => {
		expect(settingsSection).toContain('| Variable | Default | Meaning |');
	});

	it.each(variables)('lists %s', (variable) => {
		expect(settingsSection).toContain(`\`${variable}\``);
	});
});
