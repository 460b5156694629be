// The in-app analysis and the verification report on the demo protocol (its cases and truth; the
// images are not needed): readers at three sites read every case in both arms (simulated reads),
// the study is locked and exported, then the whole trial analysis (every endpoint, per reader,
// 78 subgroup rows, crossover checks, agreement) is timed cold — each run on a new connection, so the
// analysis cache does not answer — and the report as HTML and PDF, in English and in Simplified
// Chinese (which embeds the subsets of Noto Sans SC its characters need). The first run of each size also
// pays the code's first compilation; the median of the runs is the figure, the range its spread.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, report, repeat, runCount } from './bench-kit';

const WORK = join(tmpdir(), 'tandem-bench-analysis');
const BUDGET_MS = 1000; // a page the statistician opens should answer within a second

async function trial(readersPerSite: number) {
	const dir = join(WORK, `r${readersPerSite}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'demo-crossover'), { recursive: true });
	for (const file of ['study.yaml', 'cases.csv', 'truth.csv'])
		cpSync(join('studies/demo-crossover', file), join(dir, 'demo-crossover', file));
	const yamlPath = join(dir, 'demo-crossover', 'study.yaml');
	writeFileSync(
		yamlPath,
		// No image is imported, so the case set cannot be frozen: the copy reads before the freeze.
		readFileSync(yamlPath, 'utf8')
			.replace('cases:\n  file: cases.csv\n', 'cases:\n  file: cases.csv\n  images_from: import\n')
			.replace('reading:\n', 'reading:\n  before_freeze: true\n')
	);
	process.env.TANDEM_DB = join(dir, 'tandem.db');
	const { openDatabase } = await import('../../src/lib/server/db/client');
	const { operatorPrincipal } = await import('../../src/lib/server/access/principal');
	const { readStudyFolder } = await import('../../src/lib/server/studies/study-folder');
	const { loadStudy } = await import('../../src/lib/server/studies/study-load.service');
	const { addUser } = await import('../../src/lib/server/users/user.service');
	const { simulateReads } = await import('../../src/lib/server/demo/simulated-reads.service');
	const { lockStudy } = await import('../../src/lib/server/export/lock.service');
	const { exportBlind } = await import('../../src/lib/server/export/blind-export.service');
	const { trialAnalysisFor } = await import('../../src/lib/server/analysis/trial-analysis.service');
	const { buildReport } = await import('../../src/lib/server/verification-report/report.service');
	const { htmlToPdf } = await import('../../src/lib/server/verification-report/pdf');
	const db = openDatabase(process.env.TANDEM_DB);
	const operator = operatorPrincipal();
	const folder = readStudyFolder(join(dir, 'demo-crossover'));
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	await loadStudy(db, operator, folder.folder);
	for (const site of ['site-a', 'site-b', 'site-c']) {
		for (let n = 1; n <= readersPerSite; n++)
			await addUser(db, operator, {
				email: `r${n}@${site}.org`,
				name: `Reader ${n}`,
				role: 'reader',
				study: 'demo-crossover',
				site,
				password: 'bench password 1'
			});
	}
	const simulated = await simulateReads(db, operator, 'demo-crossover', { seed: 7 });
	// The lock is signed by a named admin (electronic signature: their password and a meaning).
	const admin = await addUser(db, operator, {
		email: 'admin@bench.org',
		name: 'Bench Admin',
		role: 'admin',
		study: 'demo-crossover',
		password: 'bench password 1'
	});
	await lockStudy(
		db,
		{ kind: 'user', userId: admin.userId, email: 'admin@bench.org', name: 'Bench Admin' },
		'demo-crossover',
		'bench',
		{ password: 'bench password 1', meaning: 'approved' }
	);
	await exportBlind(db, operator, 'demo-crossover', join(dir, 'export'));
	db.$client.close();
	let subgroupRows = 0;
	let pdfBytes = 0;
	const analysisMs: number[] = [];
	const htmlMs: number[] = [];
	const zh = { htmlMs: [] as number[], pdfMs: [] as number[], htmlBytes: 0, pdfBytes: 0 };
	const pdfMs = await repeat(runCount(3), async () => {
		const fresh = openDatabase(process.env.TANDEM_DB); // a new connection: nothing cached
		let started = performance.now();
		const view = await trialAnalysisFor(fresh, operator, 'demo-crossover');
		analysisMs.push(performance.now() - started);
		subgroupRows = view.analysis.subgroups.reduce((sum, group) => sum + group.rows.length, 0);
		started = performance.now();
		const { html } = await buildReport(fresh, operator, 'demo-crossover');
		htmlMs.push(performance.now() - started);
		started = performance.now();
		pdfBytes = (await htmlToPdf(html, 'bench')).length;
		const ms = performance.now() - started;
		started = performance.now();
		const chinese = (await buildReport(fresh, operator, 'demo-crossover', new Date(), 'zh')).html;
		zh.htmlMs.push(performance.now() - started);
		zh.htmlBytes = Buffer.byteLength(chinese);
		started = performance.now();
		zh.pdfBytes = (await htmlToPdf(chinese, 'bench', 'zh')).length;
		zh.pdfMs.push(performance.now() - started);
		fresh.$client.close();
		return ms;
	});
	return {
		readers: 3 * readersPerSite,
		reads: simulated.reads,
		subgroupRows,
		analysisMs,
		htmlMs,
		pdfMs,
		pdfBytes,
		zh
	};
}

export async function run(): Promise<void> {
	process.stdout.write(
		'trial analysis on the demo protocol (120 cases, 2 arms, 4 endpoints), cold, in process\n'
	);
	for (const readersPerSite of [2, 6]) {
		const result = await trial(readersPerSite);
		const what = `${result.readers} readers, ${result.reads} reads`;
		report({
			label: `trial analysis, every endpoint (${what}, ${result.subgroupRows} subgroup rows)`,
			runs: result.analysisMs,
			unit: 'ms',
			target: { value: BUDGET_MS, better: 'lower' },
			note: 'in process, new connection each run'
		});
		report({ label: `verification report HTML (${what})`, runs: result.htmlMs, unit: 'ms' });
		report({
			label: `verification report PDF by Chromium (${what}, ${(result.pdfBytes / 1024).toFixed(0)} KiB)`,
			runs: result.pdfMs,
			unit: 'ms'
		});
		report({
			label: `… in Chinese: HTML with its font (${what}, ${(result.zh.htmlBytes / 1024).toFixed(0)} KiB)`,
			runs: result.zh.htmlMs,
			unit: 'ms',
			peer: { label: 'English', value: median(result.htmlMs) }
		});
		report({
			label: `… in Chinese: PDF by Chromium (${what}, ${(result.zh.pdfBytes / 1024).toFixed(0)} KiB)`,
			runs: result.zh.pdfMs,
			unit: 'ms',
			peer: { label: 'English', value: median(result.pdfMs) }
		});
	}
	rmSync(WORK, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
