// Every setting Tandem takes from the environment, read here and nowhere else: services receive a
// setting or call the function below that reads it. Used by the web app and the CLI.
//
// One entry per setting in SETTINGS: its variable, its default and what it means (the README's
// table of settings says the same). Values are read when asked for, never at import, so a test or
// a command may set process.env first. An empty variable counts as unset. Relative paths are taken
// from the working directory. A value that makes no sense stops with a ConfigError that names the
// variable, e.g. `TANDEM_INFERENCE_THREADS must be a whole number from 1 to 64 (got "0")`.
//
// PORT, HOST, ORIGIN, BODY_SIZE_LIMIT and the other variables of @sveltejs/adapter-node are read
// by the built server (build/index.js) and scripts/start.mjs, not by the app.
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { DEPLOYMENT_SETTINGS } from './config-deployment';
import { IMAGE_STORE_SETTINGS } from './config-image-store';

export { ConfigError };

export interface Setting<T> {
	/** The environment variable; when there are several, the first one set wins. */
	readonly variables: readonly [string, ...string[]];
	/** The default, in words (it may follow from another setting). */
	readonly default: string;
	/** What the setting changes. */
	readonly meaning: string;
	/** What a value must be, completing "<VARIABLE> must be …". */
	readonly requirement: string;
	/** Turns the variable's text into the value; failing means the requirement is not met. */
	readonly schema: z.ZodType<T, string>;
	/** The value when no variable is set. */
	readonly fallback: () => T;
	/** The value may hold a secret (a password in a URL): a refusal does not repeat it. */
	readonly secret?: true;
}

const path = z.string().transform((value) => resolve(value));
const A_PATH = 'a path';
/** Beside the database: the data folder's default layout. */
const besideDatabase = (name: string) => () => join(dirname(databasePath()), name);

export const SETTINGS = {
	database: {
		variables: ['TANDEM_DB'],
		default: 'data/tandem.db',
		meaning:
			'The SQLite database file, created and migrated on first use. Its folder is the data folder: the models, exports and keys below live there unless set.',
		requirement: A_PATH,
		schema: path,
		fallback: () => resolve('data/tandem.db')
	},
	migrations: {
		variables: ['TANDEM_MIGRATIONS'],
		default: 'drizzle',
		meaning:
			"The folder of SQL migrations applied when the database is opened (SQLite's; PostgreSQL's are in its pg/ folder).",
		requirement: A_PATH,
		schema: path,
		fallback: () => resolve('drizzle')
	},
	models: {
		variables: ['TANDEM_MODELS'],
		default: '<data folder>/models',
		meaning: 'Where registered AI model files are stored, named by their SHA-256.',
		requirement: A_PATH,
		schema: path,
		fallback: besideDatabase('models')
	},
	exports: {
		variables: ['TANDEM_EXPORTS'],
		default: '<data folder>/exports',
		meaning:
			'Where blind exports made from the web app are kept for download (one folder per study and export).',
		requirement: A_PATH,
		schema: path,
		fallback: besideDatabase('exports')
	},
	signingKey: {
		variables: ['TANDEM_SIGNING_KEY'],
		default: '<data folder>/signing-key.pem',
		meaning:
			'The Ed25519 private key (PEM) that signs export manifests and audit checkpoints; created (mode 0600) on first use.',
		requirement: A_PATH,
		schema: path,
		fallback: besideDatabase('signing-key.pem')
	},
	auditCheckpointRows: {
		variables: ['TANDEM_AUDIT_CHECKPOINT_ROWS'],
		default: '100',
		meaning:
			"A signed checkpoint of the audit chain's head is made once this many audit events follow the last one (and always at lock, key release, export, report and backup).",
		requirement: 'a whole number from 1 to 1000000',
		schema: z
			.string()
			.regex(/^\d+$/)
			.transform(Number)
			.pipe(z.number().int().min(1).max(1_000_000)),
		fallback: () => 100
	},
	auditCheckpointMinutes: {
		variables: ['TANDEM_AUDIT_CHECKPOINT_MINUTES'],
		default: '60',
		meaning:
			'A signed checkpoint is made once the oldest unsigned audit event is this many minutes old (the server checks every minute, the CLI when it writes).',
		requirement: 'a whole number from 1 to 10080',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(10_080)),
		fallback: () => 60
	},
	deidKeys: {
		variables: ['TANDEM_DEID_KEYS'],
		default: '<data folder>/deid-keys',
		meaning:
			"The folder of the per-study de-identification keys (<study>.key, mode 0600), created on a study's first import.",
		requirement: A_PATH,
		schema: path,
		fallback: besideDatabase('deid-keys')
	},
	exchangeKey: {
		variables: ['TANDEM_EXCHANGE_KEY_FILE'],
		default: 'unset: no patient or institution hashes for the independence check',
		meaning:
			"The file (64+ hex digits, mode 0600) of the key agreed with the sponsor: at import the patient ID and institution of each image are kept as HMAC-SHA-256 under it, which `tandem cases check-independence` compares with the sponsor's training manifest.",
		requirement: A_PATH,
		schema: path,
		fallback: () => undefined
	},
	inferenceThreads: {
		variables: ['TANDEM_INFERENCE_THREADS'],
		default: 'CPUs − 1, between 1 and 4',
		meaning:
			'Worker threads of the AI inference pool (server background scoring and `tandem model`).',
		requirement: 'a whole number from 1 to 64',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(64)),
		fallback: () => Math.max(1, Math.min(4, availableParallelism() - 1))
	},
	inferenceWorker: {
		variables: ['TANDEM_INFERENCE_WORKER'],
		default: 'src/lib/server/ai/inference/worker/inference.worker.ts',
		meaning: 'The inference worker entry file, loaded by each worker thread through tsx.',
		requirement: A_PATH,
		schema: path,
		fallback: () => resolve('src/lib/server/ai/inference/worker/inference.worker.ts')
	},
	backgroundScoring: {
		variables: ['TANDEM_SCORING'],
		default: 'on',
		meaning:
			'`off`: the server does not score studies with their AI model in the background (e.g. a read-only replica, tests); `tandem model score` still does.',
		requirement: '"on" or "off"',
		schema: z.enum(['on', 'off']).transform((value) => value === 'on'),
		fallback: () => true
	},
	backupFolder: {
		variables: ['TANDEM_BACKUP_DIR'],
		default: 'unset: the server takes no scheduled backups',
		meaning:
			'Where the server takes its scheduled backups, each in a new timestamped folder (as `tandem backup --out-root` does from cron), keeping the newest TANDEM_BACKUP_KEEP.',
		requirement: A_PATH,
		schema: path,
		fallback: () => undefined
	},
	backupIntervalHours: {
		variables: ['TANDEM_BACKUP_INTERVAL_HOURS'],
		default: '24',
		meaning: 'Hours between two scheduled backups (with TANDEM_BACKUP_DIR).',
		requirement: 'a number of hours from 0.1 to 168',
		schema: z
			.string()
			.regex(/^\d+(\.\d+)?$/)
			.transform(Number)
			.pipe(z.number().min(0.1).max(168)),
		fallback: () => 24
	},
	backupKeep: {
		variables: ['TANDEM_BACKUP_KEEP'],
		default: '7',
		meaning:
			'How many scheduled backups to keep in TANDEM_BACKUP_DIR; the oldest beyond it are deleted after each new one.',
		requirement: 'a whole number from 1 to 10000',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(10_000)),
		fallback: () => 7
	},
	chromium: {
		variables: ['CHROMIUM_PATH'],
		default: '/usr/bin/chromium',
		meaning: 'The Chromium that prints PDF reports (the HTML report is complete without it).',
		requirement: A_PATH,
		schema: path,
		fallback: () => '/usr/bin/chromium'
	},
	smtpUrl: {
		variables: ['TANDEM_SMTP_URL'],
		default: 'unset: Tandem sends no e-mail',
		meaning:
			'The SMTP server that e-mails invitation links (with TANDEM_MAIL_FROM): `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://…:465`; the link is shown to copy either way.',
		requirement: 'an smtp:// or smtps:// URL, e.g. smtp://user:password@host:587',
		schema: z.string().refine((value) => {
			if (!URL.canParse(value)) return false;
			const url = new URL(value);
			return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
		}),
		fallback: () => undefined,
		secret: true
	},
	mailFrom: {
		variables: ['TANDEM_MAIL_FROM'],
		default: 'unset (needed with TANDEM_SMTP_URL)',
		meaning: 'The sender of e-mailed invitations, e.g. `Tandem <tandem@hospital.org>`.',
		requirement: 'an e-mail address, e.g. Tandem <tandem@hospital.org>',
		schema: z.string().refine((value) => {
			const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
			return z.email().safeParse(address.trim()).success;
		}),
		fallback: () => undefined
	},
	publicUrl: {
		variables: ['TANDEM_PUBLIC_URL'],
		default: 'unset: the address the web app is reached at',
		meaning:
			"The server's address that invitation links start with, e.g. `https://tandem.hospital.org`: in e-mails and in `tandem user invite` (which e-mails only with it or --base-url).",
		requirement: 'an http:// or https:// address',
		schema: z
			.string()
			.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol))
			.transform((value) => new URL(value).origin),
		fallback: () => undefined
	},
	demoPassword: {
		variables: ['TANDEM_DEMO_PASSWORD'],
		default: 'a random password per account, printed once',
		meaning:
			'The password of the demo accounts that `tandem demo setup` (run by `npm start`) creates.',
		requirement: 'a password',
		schema: z.string(),
		fallback: () => undefined
	},
	signaturePassword: {
		variables: ['TANDEM_SIGNATURE_PASSWORD'],
		default: 'unset: asked for on the terminal',
		meaning:
			'The password of the person who signs a `tandem` command that needs an electronic signature (--as EMAIL), when no terminal can ask for it and no --password-file is given (e.g. CI).',
		requirement: 'a password',
		schema: z.string(),
		fallback: () => undefined
	},
	...DEPLOYMENT_SETTINGS,
	...IMAGE_STORE_SETTINGS,
	operator: {
		variables: ['USER', 'LOGNAME'],
		default: 'operator',
		meaning:
			'Who runs `tandem` at the shell: the name its acts are recorded under in the audit trail (set by the login shell).',
		requirement: 'a name',
		schema: z.string(),
		fallback: () => 'operator'
	}
} as const satisfies Record<string, Setting<unknown>>;

type Settings = typeof SETTINGS;
type ValueOf<K extends keyof Settings> =
	z.output<Settings[K]['schema']> | ReturnType<Settings[K]['fallback']>;

/** Each variable's value as last checked, by the text it was checked from (some are read per request). */
const checked = new Map<string, { text: string; value: unknown }>();

/** The setting's value now: the first variable set, checked, or else the default. */
export function readSetting<K extends keyof Settings>(key: K): ValueOf<K> {
	const setting: Setting<ValueOf<K>> = SETTINGS[key] as unknown as Setting<ValueOf<K>>;
	for (const variable of setting.variables) {
		const text = process.env[variable];
		if (text === undefined || text === '') continue;
		const known = checked.get(`${key} ${variable}`);
		if (known?.text === text) return known.value as ValueOf<K>;
		const parsed = setting.schema.safeParse(text);
		if (!parsed.success)
			throw new ConfigError(
				`${variable} must be ${setting.requirement} (${setting.secret ? 'the value given is not repeated: it may hold a password' : `got ${JSON.stringify(text)}`})`
			);
		checked.set(`${key} ${variable}`, { text, value: parsed.data });
		return parsed.data;
	}
	return setting.fallback();
}

/** TANDEM_DB: the database file (absolute). */
export const databasePath = (): string => readSetting('database');
/** TANDEM_MIGRATIONS: the migrations folder (absolute). */
export const migrationsFolder = (): string => readSetting('migrations');
/** DATABASE_URL: the PostgreSQL database, or undefined for SQLite (TANDEM_DB). */
export const databaseUrl = (): string | undefined => readSetting('databaseUrl');
/** TANDEM_PG_POOL_SIZE: the most connections a process opens to PostgreSQL. */
export const postgresPoolSize = (): number => readSetting('postgresPoolSize');
export const jobLeaseSeconds = (): number => readSetting('jobLeaseSeconds');
/** The PostgreSQL migrations: the pg/ folder of TANDEM_MIGRATIONS (absolute). */
export const postgresMigrationsFolder = (): string => join(migrationsFolder(), 'pg');
/** TANDEM_MODELS: the model store (absolute). */
export const modelStore = (): string => readSetting('models');
/** TANDEM_EXPORTS: the web app's exports folder (absolute). */
export const appExportsDirectory = (): string => readSetting('exports');
/** TANDEM_SIGNING_KEY: the export signing key file (absolute). */
export const signingKeyPath = (): string => readSetting('signingKey');
/** TANDEM_AUDIT_CHECKPOINT_ROWS and _MINUTES: when the audit chain's head is signed unasked. */
export const auditCheckpointPolicy = (): { rows: number; minutes: number } => ({
	rows: readSetting('auditCheckpointRows'),
	minutes: readSetting('auditCheckpointMinutes')
});
/** TANDEM_DEID_KEYS: the folder of de-identification keys (absolute). */
export const deidKeysFolder = (): string => readSetting('deidKeys');
/** TANDEM_EXCHANGE_KEY_FILE: the key file shared with the sponsor (absolute), or undefined. */
export const exchangeKeyFile = (): string | undefined => readSetting('exchangeKey');
/** TANDEM_INFERENCE_THREADS: inference worker threads. */
export const inferenceThreads = (): number => readSetting('inferenceThreads');
/** TANDEM_INFERENCE_WORKER: the inference worker entry file (absolute). */
export const inferenceWorkerFile = (): string => readSetting('inferenceWorker');
/** TANDEM_SCORING: whether the server scores studies in the background. */
export const backgroundScoring = (): boolean => readSetting('backgroundScoring');
/** TANDEM_LOG_LEVEL: the lowest level the server's log writes. */
export const logLevel = (): LogLevel => readSetting('logLevel');
export type LogLevel = z.output<(typeof SETTINGS)['logLevel']['schema']>;
/** TANDEM_MAX_IN_FLIGHT: requests worked on at once before the server sheds load (0: no limit). */
export const maxInFlight = (): number => readSetting('maxInFlight');
/** TANDEM_IMAGE_CACHE_MB: the bytes of served images each process keeps in memory (0: none). */
export const imageCacheBytes = (): number => readSetting('imageCacheMegabytes') * 1024 * 1024;
/** CHROMIUM_PATH: the Chromium executable that prints PDFs. */
export const chromiumPath = (): string => readSetting('chromium');
/** TANDEM_DEMO_PASSWORD: the demo accounts' password, or undefined for random ones. */
export const demoPassword = (): string | undefined => readSetting('demoPassword');
/** USER, else LOGNAME: the operator's name in the audit trail. */
export const operatorName = (): string => readSetting('operator');
/** TANDEM_BACKUP_KEEP: how many backups `--out-root` and the schedule keep. */
export const backupKeep = (): number => readSetting('backupKeep');
/** TANDEM_BACKUP_DIR, _INTERVAL_HOURS, _KEEP: the server's scheduled backups, or undefined when off. */
export function backupSchedule():
	{ root: string; intervalHours: number; keep: number } | undefined {
	const root = readSetting('backupFolder');
	if (root === undefined) return undefined;
	return { root, intervalHours: readSetting('backupIntervalHours'), keep: backupKeep() };
}

/** TANDEM_SIGNATURE_PASSWORD: the signer's password for a signed CLI command without a terminal. */
export const signaturePassword = (): string | undefined => readSetting('signaturePassword');

/** TANDEM_PUBLIC_URL: the server's address (origin) for links, or undefined. */
export const publicUrl = (): string | undefined => readSetting('publicUrl');
