// `tandem demo setup` — what `npm start` runs: load the demo studies, freeze the reading demos'
// case sets (reading starts only on a frozen case set), start the reference-standard demo's
// annotation, and create the demo accounts.
import type { Command } from 'commander';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import { readStudyFolder, formatProblem } from '../../lib/server/studies/study-folder';
import { loadStudy } from '../../lib/server/studies/study-load.service';
import {
	DEMO_ACCOUNTS,
	ensureDemoAccounts,
	type CreatedLogin
} from '../../lib/server/demo/demo-accounts.service';
import { eq } from 'drizzle-orm';
import { users } from '../../lib/server/db/schema';
import type { Db } from '../../lib/server/db/client';
import { addModel, readManifest } from '../../lib/server/ai/model-registry.service';
import { getDatabase } from '../../lib/server/db/client';
import { databasePath, demoPassword } from '../../lib/server/config';
import { operatorPrincipal, systemPrincipal } from '../../lib/server/access/principal';
import { simulateReads } from '../../lib/server/demo/simulated-reads.service';
import {
	parsePhantomTruth,
	simulateAnnotations
} from '../../lib/server/demo/simulated-annotations.service';
import { datasetFreezeOf, freezeDataset } from '../../lib/server/cases/dataset-freeze.service';
import { lockOf } from '../../lib/server/export/lock.service';
import { integerIn, isoDate } from '../option-parsers';
import { progressLine } from '../progress';

/**
 * The demo studies `demo setup` (and so `npm start`) loads: the CT demo, the mammography demo, and
 * the reference-standard demo (its truth made in Tandem by annotators and an adjudicator).
 */
export const DEMO_STUDY_DIRS = [
	'studies/demo-crossover',
	'studies/demo-mammography',
	'studies/demo-reference-standard'
];

export function registerDemo(program: Command): void {
	const demo = program.command('demo').description('the demo study (synthetic data)');
	demo
		.command('setup')
		.option(
			'--dir <dirs...>',
			'demo study folders (default: the CT and the mammography demo)',
			DEMO_STUDY_DIRS
		)
		.description(
			'load the demo studies, freeze their case sets and create one demo account per role, enrolled in each (logins printed once)'
		)
		.action(async (options: { dir: string[] }) => {
			const db = getDatabase();
			const logins: CreatedLogin[] = [];
			for (const dir of options.dir) {
				const result = readStudyFolder(dir);
				if (!result.ok) throw new CliError(result.problems.map(formatProblem).join('\n'), 1);
				const load = await loadStudy(db, systemPrincipal('demo-setup'), result.folder);
				process.stdout.write(
					`demo study ${result.folder.protocol.slug}: ${load.status}, ${load.cases} cases\n`
				);
				await registerDemoModel(dir);
				const slug = result.folder.protocol.slug;
				logins.push(...(await ensureDemoAccounts(db, slug, demoPassword())));
				if (result.folder.protocol.reference_standard) await startReferenceStandard(db, slug, dir);
				else if (!(await datasetFreezeOf(db, load.studyId)) && !(await lockOf(db, load.studyId)))
					await freezeDemoCaseSet(db, slug, logins);
			}
			if (logins.length > 0) printLogins(logins);
		});
	demo
		.command('simulate-reads')
		.requiredOption('--study <slug>', 'a demo study (study.yaml demo: true)')
		.option(
			'--seed <n>',
			'seed of the simulated readers',
			integerIn(0, 2 ** 32 - 1, '--seed'),
			20261123
		)
		.option(
			'--start <date>',
			'when the first simulated read happens (ISO date, not later than now; default: long enough ago for both periods)',
			isoDate('--start', true)
		)
		.description(
			'fill a demo study with reads from simulated readers, through the real read service (washout holds)'
		)
		.action(async (options: { study: string; seed: number; start?: string }) => {
			const start = options.start === undefined ? undefined : new Date(options.start);
			const result = await simulateReads(getDatabase(), operatorPrincipal(), options.study, {
				seed: options.seed,
				start,
				onProgress: (done, total) => process.stderr.write(progressLine('simulate', done, total))
			});
			process.stderr.write(process.stderr.isTTY ? '\n' : '');
			const { left } = result;
			const waiting = left.reads
				? `; ${left.reads} reads left unread: the washout of ${left.readers} reader${left.readers === 1 ? '' : 's'} ends after now${left.firstOpensAt ? ` (${left.firstOpensAt.toISOString().slice(0, 10)} the first)` : ''}`
				: '';
			process.stdout.write(
				`${options.study}: ${result.reads} simulated reads by ${result.readers} readers${result.skipped ? `, ${result.skipped} already there` : ''}; last read ${result.lastReadAt?.toISOString() ?? '—'}${waiting}\n`
			);
		});
}

/** The demo study ships its demo detector in model/: register it so the server scores the cases. */
async function registerDemoModel(dir: string): Promise<void> {
	const modelDir = join(dir, 'model');
	const manifestPath = join(modelDir, 'model.json');
	const onnx = existsSync(modelDir)
		? readdirSync(modelDir).filter((name) => name.endsWith('.onnx'))
		: [];
	if (!existsSync(manifestPath) || onnx.length !== 1) return;
	const manifest = readManifest(manifestPath);
	const { model, created } = await addModel(getDatabase(), systemPrincipal('demo-setup'), {
		name: manifest.name,
		version: manifest.version,
		file: join(modelDir, onnx[0]!),
		manifest: manifestPath
	});
	if (created)
		process.stdout.write(
			`demo model ${model.name} ${model.version} registered (sha256 ${model.sha256})\n`
		);
}

/** The truth-making demo is not frozen: its annotation is assigned and partly simulated. */
async function startReferenceStandard(db: Db, slug: string, dir: string): Promise<void> {
	const phantom = join(dir, 'phantom-truth.csv');
	if (!existsSync(phantom))
		throw new CliError(`${phantom}: not found (the demo generator writes it)`, 1);
	const result = await simulateAnnotations(
		db,
		slug,
		parsePhantomTruth(readFileSync(phantom, 'utf8'), phantom)
	);
	const { consensus, adjudication } = result.outcomes;
	process.stdout.write(
		`demo reference standard ${slug}: ${result.cases} cases annotated by two simulated annotators (${consensus} agreed, ${adjudication} for the adjudicator); ${result.leftOpen} left for the demo annotators\n`
	);
}

function printLogins(logins: CreatedLogin[]): void {
	const file = join(dirname(databasePath()), 'demo-logins.txt');
	const lines = logins.map(
		(login) =>
			`${login.role.padEnd(13)} ${login.email.padEnd(34)} ${login.password}${login.site ? `   (${login.site})` : ''}`
	);
	const text = ['Demo accounts (role, e-mail, password):', ...lines].join('\n') + '\n';
	writeFileSync(file, text, { mode: 0o600 });
	process.stdout.write(`\n${text}These passwords are shown once; a copy is in ${file}.\n\n`);
}

/**
 * The synthetic case set is final as generated, so the demo freezes it (reading starts only on a
 * frozen case set), signed by the demo admin, whose password is known only when their account was
 * just created or the demo password is fixed. Its warnings (images from the protocol folder, not
 * imported) are the demo's by design.
 */
async function freezeDemoCaseSet(db: Db, slug: string, logins: readonly CreatedLogin[]) {
	const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin')!;
	const password = logins.find((login) => login.email === admin.email)?.password ?? demoPassword();
	const user = (await db.select().from(users).where(eq(users.email, admin.email)))[0];
	if (password === undefined || !user) {
		process.stderr.write(
			`the demo case set is not frozen, so reading has not started: freeze it with\n  tandem cases freeze --study ${slug} --accept-warnings --as ${admin.email} --meaning approved\n`
		);
		return;
	}
	const frozen = await freezeDataset(
		db,
		{ kind: 'user', userId: user.id, email: user.email, name: user.name },
		slug,
		{ password, meaning: 'approved' },
		{ acceptWarnings: true, reason: 'demo setup: the synthetic case set as generated' }
	);
	process.stdout.write(
		`demo case set frozen at version ${frozen.version} (fingerprint ${frozen.fingerprint}), signed by ${user.name}\n`
	);
}
