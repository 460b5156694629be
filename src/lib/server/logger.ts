// The server's log: JSON lines on stdout (pino), one object per line with `time` (ISO 8601),
// `level` (its name), `msg` and the fields of the event, at TANDEM_LOG_LEVEL and above, for a log
// stack to ingest. Every server module logs through here (an `area` names the part that speaks);
// the `tandem` command turns the same events into plain lines on stderr (logToTerminal), so its
// own output on stdout stays as it is.
//
// What must never be logged (a session token, a password, a cookie, an Authorization header) is
// not passed to the logger in the first place; the redaction below is the second line, should a
// caller hand over an object that holds one.
import { pino, type DestinationStream, type Logger } from 'pino';
import { logLevel, type LogLevel } from './config';

export type { Logger };

/** Written as "[redacted]" wherever they appear at these places of a logged object. */
export const REDACTED_PATHS = [
	...['password', 'token', 'cookie', 'authorization', 'sessionToken'],
	...['*.password', '*.token', '*.cookie', '*.authorization', '*.sessionToken'],
	...['headers.cookie', 'headers.authorization', 'headers["set-cookie"]'],
	...['*.headers.cookie', '*.headers.authorization', '*.headers["set-cookie"]']
];

/** A logger writing JSON lines to `destination` (a test passes its own). */
export function createLogger(destination: DestinationStream, level: LogLevel = logLevel()): Logger {
	return pino(
		{
			level,
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: REDACTED_PATHS, censor: '[redacted]' }
		},
		destination
	);
}

let destination: DestinationStream | undefined;
let shared: Logger | undefined;

/** The process's logger, made on first use (so a test or the CLI may choose first). */
export function logger(): Logger {
	// Synchronous writes: a line is out before the process exits, even through process.exit().
	shared ??= createLogger(destination ?? pino.destination({ dest: 1, sync: true }));
	return shared;
}

/** The logger of one part of the server, e.g. logFor('backup'). */
export function logFor(area: string): Logger {
	return logger().child({ area });
}

/** For the `tandem` command: each event as "tandem: <message>" on stderr, its stdout left alone. */
export function logToTerminal(stream: Pick<NodeJS.WritableStream, 'write'> = process.stderr): void {
	destination = { write: (line: string) => void stream.write(terminalLine(line)) };
	shared = undefined;
}

/** One JSON line as a person reads it: the message, then the error's message if there is one. */
export function terminalLine(json: string): string {
	const event = JSON.parse(json) as { msg?: string; err?: { message?: string } };
	const error = event.err?.message ? `: ${event.err.message}` : '';
	return `tandem: ${event.msg ?? ''}${error}\n`;
}
