// The error of a setting that makes no sense, apart from the settings (config.ts) so that a caller
// that only reports it, such as the command line's entry point, does not load their schemas.

/** A setting has a value that makes no sense; the message names the variable. */
export class ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}
