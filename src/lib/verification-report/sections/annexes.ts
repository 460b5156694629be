// Section 9, annexes: the `tandem analyze` commands that reproduce every endpoint figure from
// the blind export, the fingerprints and signatures, the export manifest and the sign-off.
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import type { ReportInput } from '../report-input';
import { escape, table } from '../html';

type ArmCodes = { aided: string; unaided: string };

const SIGN_OFF = table(
	['Role', 'Name', 'Signature', 'Date'],
	[
		['Statistician', '', '', ''],
		['Independent evaluator', '', '', ''],
		['Sponsor', '', '', '']
	],
	'signatures'
);

const code = (text: string): string => `<code>${escape(text)}</code>`;

/**
 * The command line that reproduces one endpoint (reading time comes with the AUC analysis). While
 * blinded there are no arms to name: nothing in the report may tie a code to an arm before the key
 * is released, so the command compares the two coded arms as they sort and tests no margin.
 */
function analyzeCommand(result: EndpointResult, arms: ArmCodes | null): string {
	const { endpoint } = result;
	const readingTime = endpoint.metric === 'reading_time';
	const flags = [
		'--input reads.csv',
		`--fom ${readingTime ? 'auc' : endpoint.metric}`,
		...(arms
			? [
					`--aided ${arms.aided}`,
					`--unaided ${arms.unaided}`,
					`--margin ${endpoint.margin ?? 0}`,
					`--alpha ${endpoint.alpha}`
				]
			: []),
		'--format json'
	];
	return `tandem analyze ${flags.join(' ')}${readingTime ? '   # reading_time block' : ''}`;
}

function reproduction(input: ReportInput): string {
	const f = input.fingerprints;
	const arms = input.blinded ? null : input.reproduce;
	const commands = input.analysis.endpoints
		.filter(isEndpointResult)
		.map((result) => analyzeCommand(result, arms));
	const blindNote = arms
		? ''
		: `\n<p>Blinded: the commands compare the two coded arms in the order the codes sort and test no
margin. Once the key is released, this annex names the arms and adds the margin tests.</p>`;
	return `<p>Every endpoint figure is the analysis of <code>reads.csv</code> in blind export ${f.exportId}
(SHA-256 ${code(f.readsSha256)}). With the export's codes:</p>
<pre>${commands.map(escape).join('\n')}</pre>${blindNote}`;
}

function exclusions(input: ReportInput): string {
	const excluded = input.analysis.excludedReaders;
	if (excluded.length === 0) return '';
	const readers = excluded
		.map((row) => `${escape(row.reader)} (${row.reads} of ${row.expected} reads)`)
		.join(', ');
	return `<p>The analysis set leaves out ${readers}:
remove their rows from <code>reads.csv</code> first.</p>`;
}

function checkpointText(checkpoint: ReportInput['annex']['audit']['checkpoint']): string {
	if (!checkpoint) return 'none';
	return `sequence ${checkpoint.seq} of ${escape(checkpoint.signedAt)}, hash ${code(checkpoint.hash)}, Ed25519 signature ${code(checkpoint.signature)}`;
}

function fingerprintTable(input: ReportInput): string {
	const f = input.fingerprints;
	const { audit } = input.annex;
	const freeze = f.datasetFreeze
		? `version ${f.datasetFreeze.version}, ${code(f.datasetFreeze.fingerprint)}`
		: 'not frozen';
	const chain = audit.chainIntact ? 'intact' : '<strong>BROKEN</strong>';
	return table(
		['Item', 'Value'],
		[
			['Protocol SHA-256', code(f.protocolSha256)],
			['Database lock fingerprint', `${code(f.lock)} (${escape(f.lockedAt)})`],
			['Dataset freeze', freeze],
			['Blind export manifest SHA-256', `${code(f.exportManifestSha256)} (export ${f.exportId})`],
			['Unblinded', input.unblindedAt ? escape(input.unblindedAt) : 'no (key sealed)'],
			['Audit trail', `${audit.events} events, hash chain ${chain}, head ${code(audit.headHash)}`],
			['Signed audit checkpoint', checkpointText(audit.checkpoint)]
		]
	);
}

function manifestTable(input: ReportInput): string {
	const rows = input.annex.manifestFiles.map((row) => [
		escape(row.name),
		code(row.sha256),
		String(row.bytes)
	]);
	return table(['File', 'SHA-256', 'Bytes'], rows, 'compact');
}

export function annexesSection(input: ReportInput): string {
	return `<section id="s9"><h2>9. Annexes</h2>
<h3>A. Reproducing the figures</h3>
${reproduction(input)}
${exclusions(input)}
<h3>B. Fingerprints and signatures</h3>
${fingerprintTable(input)}
<h3>C. Export manifest</h3>
${manifestTable(input)}
<p>The manifest is signed with the server's Ed25519 key:</p><pre>${escape(input.annex.publicKeyPem)}</pre>
<h3>D. Sign-off</h3>
${SIGN_OFF}
</section>`;
}
