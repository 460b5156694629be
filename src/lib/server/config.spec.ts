// The settings module: defaults, overrides read at call time, checked values with messages that
// name the variable — and no other file under src reading the environment.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
	appExportsDirectory,
	backgroundScoring,
	backupSchedule,
	chromiumPath,
	ConfigError,
	databasePath,
	deidKeysFolder,
	demoPassword,
	inferenceThreads,
	inferenceWorkerFile,
	migrationsFolder,
	modelStore,
	operatorName,
	publicUrl,
	readSetting,
	SETTINGS,
	signingKeyPath
} from './config';
import { checkSettings, mailSettings } from './config-combined';

const VARIABLES = Object.values(SETTINGS).flatMap((setting) => [...setting.variables]);

beforeEach(() => {
	for (const variable of VARIABLES) vi.stubEnv(variable, undefined);
});

afterEach(() => {
	vi.unstubAllEnvs();
});

describe('settings: defaults', () => {
	it('puts the database in data/ and everything the app writes beside it', () => {
		expect(databasePath()).toBe(resolve('data/tandem.db'));
		expect(migrationsFolder()).toBe(resolve('drizzle'));
		expect(modelStore()).toBe(resolve('data/models'));
		expect(appExportsDirectory()).toBe(resolve('data/exports'));
		expect(signingKeyPath()).toBe(resolve('data/signing-key.pem'));
		expect(deidKeysFolder()).toBe(resolve('data/deid-keys'));
		expect(inferenceWorkerFile()).toBe(
			resolve('src/lib/server/ai/inference/worker/inference.worker.ts')
		);
	});

	it('scores in the background, uses Debian’s Chromium, random demo passwords and a generic operator', () => {
		expect(backgroundScoring()).toBe(true);
		expect(chromiumPath()).toBe('/usr/bin/chromium');
		expect(demoPassword()).toBeUndefined();
		expect(operatorName()).toBe('operator');
		expect(inferenceThreads()).toBeGreaterThanOrEqual(1);
		expect(inferenceThreads()).toBeLessThanOrEqual(4);
		expect(() => checkSettings()).not.toThrow();
	});

	it('takes an empty variable as unset', () => {
		for (const variable of VARIABLES) vi.stubEnv(variable, '');
		expect(databasePath()).toBe(resolve('data/tandem.db'));
		expect(backgroundScoring()).toBe(true);
		expect(demoPassword()).toBeUndefined();
		expect(() => checkSettings()).not.toThrow();
	});

	it('documents every setting', () => {
		for (const setting of Object.values(SETTINGS)) {
			expect(setting.variables.length).toBeGreaterThan(0);
			expect(setting.default).not.toBe('');
			expect(setting.meaning).toMatch(/\.$/);
		}
	});
});

describe('settings: overrides', () => {
	it('reads the variable when asked, not at import; the data folder follows TANDEM_DB', () => {
		vi.stubEnv('TANDEM_DB', '/srv/tandem/trial.db');
		expect(databasePath()).toBe('/srv/tandem/trial.db');
		expect(modelStore()).toBe('/srv/tandem/models');
		expect(appExportsDirectory()).toBe('/srv/tandem/exports');
		expect(signingKeyPath()).toBe('/srv/tandem/signing-key.pem');
		expect(deidKeysFolder()).toBe('/srv/tandem/deid-keys');
		vi.stubEnv('TANDEM_DB', 'elsewhere/t.db');
		expect(databasePath()).toBe(resolve('elsewhere/t.db'));
	});

	it('takes each path as given, relative ones from the working directory', () => {
		vi.stubEnv('TANDEM_MODELS', 'store/models');
		vi.stubEnv('TANDEM_EXPORTS', '/x/exports');
		vi.stubEnv('TANDEM_SIGNING_KEY', '/x/key.pem');
		vi.stubEnv('TANDEM_DEID_KEYS', '/x/deid');
		vi.stubEnv('TANDEM_MIGRATIONS', '/x/migrations');
		vi.stubEnv('TANDEM_INFERENCE_WORKER', '/x/worker.ts');
		vi.stubEnv('CHROMIUM_PATH', '/opt/chromium/chrome');
		expect(modelStore()).toBe(join(process.cwd(), 'store/models'));
		expect(appExportsDirectory()).toBe('/x/exports');
		expect(signingKeyPath()).toBe('/x/key.pem');
		expect(deidKeysFolder()).toBe('/x/deid');
		expect(migrationsFolder()).toBe('/x/migrations');
		expect(inferenceWorkerFile()).toBe('/x/worker.ts');
		expect(chromiumPath()).toBe('/opt/chromium/chrome');
	});

	it('reads the threads, the scoring switch, the demo password and the operator', () => {
		vi.stubEnv('TANDEM_INFERENCE_THREADS', '7');
		vi.stubEnv('TANDEM_SCORING', 'off');
		vi.stubEnv('TANDEM_DEMO_PASSWORD', 'correct horse battery');
		vi.stubEnv('LOGNAME', 'ops');
		expect(inferenceThreads()).toBe(7);
		expect(backgroundScoring()).toBe(false);
		expect(demoPassword()).toBe('correct horse battery');
		expect(operatorName()).toBe('ops');
		vi.stubEnv('USER', 'alice');
		expect(operatorName()).toBe('alice');
		vi.stubEnv('TANDEM_SCORING', 'on');
		expect(backgroundScoring()).toBe(true);
	});
});

describe('settings: bad values', () => {
	it('refuses threads that are not a whole number from 1 to 64, naming the variable', () => {
		for (const bad of ['0', '65', '2.5', '-1', 'four', ' 2', '1e1']) {
			vi.stubEnv('TANDEM_INFERENCE_THREADS', bad);
			expect(() => inferenceThreads()).toThrow(
				new ConfigError(
					`TANDEM_INFERENCE_THREADS must be a whole number from 1 to 64 (got ${JSON.stringify(bad)})`
				)
			);
		}
	});

	it('refuses a scoring switch other than on or off', () => {
		vi.stubEnv('TANDEM_SCORING', 'false');
		expect(() => backgroundScoring()).toThrow('TANDEM_SCORING must be "on" or "off" (got "false")');
		expect(() => readSetting('backgroundScoring')).toThrow(ConfigError);
	});

	it('checks every setting at once and names each bad one', () => {
		vi.stubEnv('TANDEM_INFERENCE_THREADS', '0');
		vi.stubEnv('TANDEM_SCORING', 'no');
		expect(() => checkSettings()).toThrow(
			'TANDEM_INFERENCE_THREADS must be a whole number from 1 to 64 (got "0")\nTANDEM_SCORING must be "on" or "off" (got "no")'
		);
	});
});

describe('settings: scheduled backups', () => {
	it('takes none unless TANDEM_BACKUP_DIR is set; then every 24 h, keeping 7, unless set', () => {
		expect(backupSchedule()).toBeUndefined();
		vi.stubEnv('TANDEM_BACKUP_DIR', 'backups');
		expect(backupSchedule()).toEqual({ root: resolve('backups'), intervalHours: 24, keep: 7 });
		vi.stubEnv('TANDEM_BACKUP_INTERVAL_HOURS', '0.5');
		vi.stubEnv('TANDEM_BACKUP_KEEP', '30');
		expect(backupSchedule()).toEqual({ root: resolve('backups'), intervalHours: 0.5, keep: 30 });
	});

	it('refuses an interval or a count that makes no sense, naming the variable', () => {
		vi.stubEnv('TANDEM_BACKUP_DIR', '/srv/backups');
		for (const bad of ['0', '0.05', '169', 'daily', '-1']) {
			vi.stubEnv('TANDEM_BACKUP_INTERVAL_HOURS', bad);
			expect(() => backupSchedule()).toThrow(
				`TANDEM_BACKUP_INTERVAL_HOURS must be a number of hours from 0.1 to 168 (got ${JSON.stringify(bad)})`
			);
		}
		vi.stubEnv('TANDEM_BACKUP_INTERVAL_HOURS', '12');
		vi.stubEnv('TANDEM_BACKUP_KEEP', '0');
		expect(() => backupSchedule()).toThrow(
			'TANDEM_BACKUP_KEEP must be a whole number from 1 to 10000 (got "0")'
		);
	});
});

describe('settings in one place', () => {
	it('no file under src but this module reads the environment', () => {
		const readers = sourceFiles('src')
			.filter(
				(file) =>
					!file.startsWith(join('src', 'lib', 'paraglide')) &&
					file !== join('src', 'lib', 'server', 'config.ts')
			)
			.filter((file) =>
				/\bprocess\s*\.\s*env\b|\$env\/|import\.meta\.env/.test(readFileSync(file, 'utf8'))
			);
		expect(readers).toEqual([]);
	});
});

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [path] : [];
	});
}

describe('settings: mail', () => {
	it('sends no mail unless TANDEM_SMTP_URL is set; then from TANDEM_MAIL_FROM', () => {
		expect(mailSettings()).toBeUndefined();
		expect(publicUrl()).toBeUndefined();
		vi.stubEnv('TANDEM_SMTP_URL', 'smtp://user:pass@mail.example.org:587');
		vi.stubEnv('TANDEM_MAIL_FROM', 'Tandem <tandem@example.org>');
		vi.stubEnv('TANDEM_PUBLIC_URL', 'https://tandem.example.org/');
		expect(mailSettings()).toEqual({
			smtpUrl: 'smtp://user:pass@mail.example.org:587',
			from: 'Tandem <tandem@example.org>'
		});
		expect(publicUrl()).toBe('https://tandem.example.org');
		expect(() => checkSettings()).not.toThrow();
	});

	it('refuses a bad URL or sender, naming the variable, and a server without a sender', () => {
		for (const bad of ['mail.example.org', 'http://user:s3cret@mail.example.org', 'smtp://']) {
			vi.stubEnv('TANDEM_SMTP_URL', bad);
			// The value may hold the server's password: the error does not repeat it.
			expect(() => mailSettings()).toThrow(
				new ConfigError(
					'TANDEM_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:password@host:587 (the value given is not repeated: it may hold a password)'
				)
			);
		}
		vi.stubEnv('TANDEM_SMTP_URL', 'smtp://127.0.0.1:25');
		expect(() => mailSettings()).toThrow(
			'TANDEM_MAIL_FROM must be set when TANDEM_SMTP_URL is (the sender of invitations)'
		);
		expect(() => checkSettings()).toThrow('TANDEM_MAIL_FROM must be set');
		vi.stubEnv('TANDEM_MAIL_FROM', 'nobody');
		expect(() => mailSettings()).toThrow('TANDEM_MAIL_FROM must be an e-mail address');
		vi.stubEnv('TANDEM_PUBLIC_URL', 'tandem.example.org');
		expect(() => publicUrl()).toThrow('TANDEM_PUBLIC_URL must be an http:// or https:// address');
	});
});
