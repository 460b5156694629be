// The server's log: one JSON object per line with its time, level name and message; the level from
// TANDEM_LOG_LEVEL; what must never be written (cookies, Authorization headers, passwords, tokens)
// written as "[redacted]" even when a caller hands it over; plain lines for the `tandem` command.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLog } from '$fixtures/log-capture.fixture';
import { createLogger, logFor, logToTerminal, terminalLine } from './logger';
import { ConfigError } from './config';

afterEach(() => {
	vi.unstubAllEnvs();
});

describe('the JSON lines', () => {
	it('writes one object per line: ISO time, level by name, message, the fields given', () => {
		const log = captureLog('info');
		log.logger.child({ area: 'backup' }).warn({ files: 3 }, 'backup warning');
		expect(log.lines).toHaveLength(1);
		expect(log.lines[0]!.endsWith('\n')).toBe(true);
		expect(log.lines[0]!.trimEnd()).not.toContain('\n');
		const entry = log.entries()[0]!;
		expect(entry).toMatchObject({
			level: 'warn',
			area: 'backup',
			files: 3,
			msg: 'backup warning',
			pid: process.pid
		});
		expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	});

	it('writes an error with its type, message and stack', () => {
		const log = captureLog('info');
		log.logger.error({ err: new RangeError('out of range') }, 'a round failed');
		expect(log.entries()[0]).toMatchObject({
			level: 'error',
			msg: 'a round failed',
			err: {
				type: 'RangeError',
				message: 'out of range',
				stack: expect.stringContaining('RangeError')
			}
		});
	});

	it('writes nothing below the level, which TANDEM_LOG_LEVEL sets (info unless set)', () => {
		vi.stubEnv('TANDEM_LOG_LEVEL', undefined);
		const lines: string[] = [];
		const destination = { write: (line: string) => void lines.push(line) };
		createLogger(destination).debug('not at info');
		createLogger(destination).info('at info');
		vi.stubEnv('TANDEM_LOG_LEVEL', 'warn');
		createLogger(destination).info('not at warn');
		createLogger(destination).warn('at warn');
		vi.stubEnv('TANDEM_LOG_LEVEL', 'silent');
		createLogger(destination).fatal('nothing when silent');
		expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['at info', 'at warn']);
	});

	it('refuses a level it does not know, naming the variable', () => {
		vi.stubEnv('TANDEM_LOG_LEVEL', 'verbose');
		expect(() => createLogger({ write: () => {} })).toThrow(
			new ConfigError(
				'TANDEM_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'
			)
		);
	});
});

describe('redaction', () => {
	it('never writes a cookie, an Authorization header, a password or a token handed to it', () => {
		const log = captureLog();
		const secrets = {
			cookie: 'tandem_session=cookie-secret-1',
			authorization: 'Bearer authorization-secret-2',
			password: 'password-secret-3',
			token: 'token-secret-4'
		};
		log.logger.info(
			{ headers: { cookie: secrets.cookie, authorization: secrets.authorization } },
			'a'
		);
		log.logger.info({ request: { headers: { cookie: secrets.cookie } } }, 'b');
		log.logger.info({ form: { email: 'a@x.org', password: secrets.password } }, 'c');
		log.logger.info({ password: secrets.password, token: secrets.token }, 'd');
		log.logger.info({ invitation: { token: secrets.token } }, 'e');
		log.logger.info({ sessionToken: secrets.token, cookie: secrets.cookie }, 'f');
		const written = log.lines.join('');
		for (const secret of Object.values(secrets)) expect(written).not.toContain(secret);
		const [a, b, c, d, e, f] = log.entries();
		expect(a!.headers).toEqual({ cookie: '[redacted]', authorization: '[redacted]' });
		expect(b!.request).toEqual({ headers: { cookie: '[redacted]' } });
		expect(c!.form).toEqual({ email: 'a@x.org', password: '[redacted]' });
		expect(d).toMatchObject({ password: '[redacted]', token: '[redacted]' });
		expect(e!.invitation).toEqual({ token: '[redacted]' });
		expect(f).toMatchObject({ sessionToken: '[redacted]', cookie: '[redacted]' });
	});
});

describe('the tandem command', () => {
	it('turns each event into "tandem: <message>" on its stream, the error after it', () => {
		expect(terminalLine('{"level":"error","msg":"the audit chain was not checkpointed"}\n')).toBe(
			'tandem: the audit chain was not checkpointed\n'
		);
		const written: string[] = [];
		logToTerminal({ write: (text: string) => written.push(text) > 0 });
		logFor('audit').error({ err: new Error('disk full') }, 'the audit chain was not checkpointed');
		expect(written).toEqual(['tandem: the audit chain was not checkpointed: disk full\n']);
	});
});
