// The settings of a deployment beyond one embedded process: the PostgreSQL database and its pool,
// the server's load limit and its log level. Kept beside config.ts, which reads them with every
// other setting (SETTINGS spreads this table in).
import { z } from 'zod';
import type { Setting } from './config';

export const DEPLOYMENT_SETTINGS = {
	databaseUrl: {
		variables: ['DATABASE_URL'],
		default: 'unset: the SQLite database TANDEM_DB',
		meaning:
			'The PostgreSQL database to use instead of SQLite, e.g. `postgres://tandem:password@db.example.org:5432/tandem`; its migrations are the pg/ folder of TANDEM_MIGRATIONS.',
		requirement:
			'a postgres:// or postgresql:// URL naming a host, e.g. postgres://tandem:password@db.example.org:5432/tandem',
		schema: z.string().refine((value) => {
			if (!URL.canParse(value)) return false;
			const url = new URL(value);
			return (
				(url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
			);
		}),
		fallback: () => undefined,
		secret: true
	},
	postgresPoolSize: {
		variables: ['TANDEM_PG_POOL_SIZE'],
		default: '10',
		meaning:
			"Connections each Tandem process keeps open to PostgreSQL at most (with DATABASE_URL); all processes together must stay under the server's max_connections.",
		requirement: 'a whole number from 1 to 1000',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(1000)),
		fallback: () => 10
	},
	jobLeaseSeconds: {
		variables: ['TANDEM_JOB_LEASE_SECONDS'],
		default: '900',
		meaning:
			'With DATABASE_URL: how long an inference job may run on a worker. A job still running after that is taken to be lost with its worker (killed, cut off) and is run again by another one.',
		requirement: 'a whole number of seconds from 1 to 86400',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(86_400)),
		fallback: () => 900
	},
	maxInFlight: {
		variables: ['TANDEM_MAX_IN_FLIGHT'],
		default: '64',
		meaning:
			'Requests the server works on at once. One more is answered at once with 503 and Retry-After (the workstation keeps its read in its outbox and sends it again) instead of waiting in a queue; 0 takes the limit away.',
		requirement: 'a whole number from 0 to 100000',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(0).max(100_000)),
		fallback: () => 64
	},
	logLevel: {
		variables: ['TANDEM_LOG_LEVEL'],
		default: 'info',
		meaning:
			"The server's log level: JSON lines on stdout at this level and above (`debug` adds the health probes' requests; `silent` logs nothing).",
		requirement: 'one of fatal, error, warn, info, debug, trace, silent',
		schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
		fallback: () => 'info' as const
	}
} as const satisfies Record<string, Setting<unknown>>;
