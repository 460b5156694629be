// Runs a command with its output kept in a log file instead of the terminal (npm start's build:
// its warnings are for developers); on failure, shows the end of the log and where the rest is.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const TAIL_LINES = 40;

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} log the file the output goes to (its folder is created)
 * @param {(text: string) => void} [write] where the failure report goes (default: stderr)
 * @param {Record<string, string>} [env]
 * @returns {boolean} whether the command succeeded
 */
export function runLogged(
	command,
	args,
	log,
	write = (text) => process.stderr.write(text),
	env = {}
) {
	const result = spawnSync(command, args, {
		env: { ...process.env, ...env },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `${result.error.message}\n` : ''}`;
	mkdirSync(dirname(log), { recursive: true });
	writeFileSync(log, `$ ${command} ${args.join(' ')}\n${output}`);
	if (result.status === 0) return true;
	const tail = output.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
	write(
		`${tail}\n\n"${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}); the whole output is in ${log}\n`
	);
	return false;
}
