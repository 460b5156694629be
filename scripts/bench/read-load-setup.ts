// What the read-load benchmark sets up before it measures: readers enrolled in the CT demo study
// through the real service (addUser: account, membership, schedule with its sessions, audit) up to
// the number wanted, each signed in through POST /login, and the server process whose CPU time is
// read from /proc.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { closeDatabase, openDatabase, openProcessDatabase } from '../../src/lib/server/db/client';
import { isPostgresHandle } from '../../src/lib/server/db/postgres-transaction';
import { transactionsSettled } from '../../src/lib/server/db/transaction';
import { operatorPrincipal } from '../../src/lib/server/access/principal';
import { addUser } from '../../src/lib/server/users/user.service';

const SITES = ['site-a', 'site-b', 'site-c'];
export const DEMO_READERS = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2'].map(
	(code) => `reader.${code}@demo.example.org`
);

/** The demo's six readers and as many more as it takes to reach `count`, enrolled now. */
export async function enrolReaders(
	databaseFile: string,
	study: string,
	count: number,
	password: string
): Promise<string[]> {
	// On PostgreSQL (DATABASE_URL set before this module was loaded) the database of the process.
	const db = process.env.DATABASE_URL ? await openProcessDatabase() : openDatabase(databaseFile);
	const emails = [...DEMO_READERS];
	try {
		for (let index = emails.length + 1; index <= count; index += 1) {
			const email = `load.reader${index}@bench.example.org`;
			await addUser(db, operatorPrincipal(), {
				email,
				name: `Load reader ${index}`,
				role: 'reader',
				study,
				site: SITES[index % SITES.length]!,
				password
			});
			emails.push(email);
		}
		// The enrolments' pages copied into the database file now, not by the server's first commits.
		if (!isPostgresHandle(db)) db.$client.pragma('wal_checkpoint(TRUNCATE)');
	} finally {
		if (isPostgresHandle(db)) await closeDatabase();
		else {
			// The audit checkpoint check queued after the last enrolment runs before the file closes.
			await transactionsSettled(db);
			db.$client.close();
		}
	}
	return emails;
}

/** Signs every reader in (a few at a time: the sign-in limits space out a burst from one address). */
export async function signInAll(
	base: string,
	origin: string,
	emails: readonly string[],
	password: string
): Promise<string[]> {
	const cookies: string[] = new Array(emails.length);
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < emails.length) {
			const index = nextIndex++;
			const response = await fetch(`${base}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ email: emails[index]!, password })
			});
			await response.arrayBuffer();
			const cookie = response.headers.get('set-cookie')?.split(';')[0];
			if (!cookie) throw new Error(`sign-in of ${emails[index]} failed: ${response.status}`);
			cookies[index] = cookie;
		}
	};
	await Promise.all(Array.from({ length: 4 }, worker));
	return cookies;
}

function parentOf(pid: string): string | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
	} catch {
		return null;
	}
}

/** The built server (node build/index.js) started under `launcher` (tests/e2e/serve.mjs). */
export function serverProcessId(launcher: number): number {
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		if (parentOf(pid) !== String(launcher)) continue;
		const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		if (command.some((part) => part.endsWith('build/index.js'))) return Number(pid);
	}
	throw new Error(`no build/index.js process under ${launcher}`);
}

const ticksPerSecond = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** The processes of the PostgreSQL server listening on `port`: the postmaster and its children. */
export function postgresProcessIds(port: number): number[] {
	const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	const postmaster = pids.find((pid) => {
		try {
			const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
			return argv[0]!.endsWith('/postgres') && argv.join(' ').includes(`-p ${port} `);
		} catch {
			return false;
		}
	});
	if (!postmaster) throw new Error(`no PostgreSQL server on port ${port}`);
	return [postmaster, ...pids.filter((pid) => parentOf(pid) === postmaster)].map(Number);
}

/** The process's CPU time so far (user + system, every thread), in ms; `reaped` adds its ended children's. */
export function cpuTimeMs(pid: number, reaped = false): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
	const fields = stat
		.slice(stat.lastIndexOf(')') + 2)
		.split(' ')
		.map(Number);
	const own = fields[11]! + fields[12]!;
	return ((reaped ? own + fields[13]! + fields[14]! : own) * 1000) / ticksPerSecond;
}

/**
 * The PostgreSQL server's CPU time so far, in ms: the postmaster's, its live backends', and that
 * of the backends that have ended (the postmaster reaps them). A sum over the live processes alone
 * falls when a pooled connection closes.
 */
export function postgresCpuTimeMs(port: number): number {
	const [postmaster, ...children] = postgresProcessIds(port);
	let total = cpuTimeMs(postmaster!, true);
	for (const pid of children) {
		try {
			total += cpuTimeMs(pid);
		} catch {
			// Ended since it was listed: the postmaster's reaped time has it (or will).
		}
	}
	return total;
}
