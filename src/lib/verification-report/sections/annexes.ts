// Section 9, annexes: the `tandem analyze` commands that reproduce every endpoint figure from
// the blind export, the fingerprints and signatures, the export manifest and the sign-off (the
// study's electronic signatures, 21 CFR 11.50).
import { isEndpointResult } from '../../stats/trial/trial-analysis';
import type { EndpointResult } from '../../stats/trial/endpoint-analysis';
import { lesionFomOf } from '../../stats/trial/lesion-endpoint';
import { isLesionMetric } from '../../stats/trial/trial-input';
import type { ReportInput } from '../report-input';
import { escape, table } from '../html';
import { MEANING_TEXT, signedRecordText } from '../../domain/signature';
import { annexRecordsPart } from './annex-records';

type ArmCodes = { aided: string; unaided: string };

const code = (text: string): string => `<code>${escape(text)}</code>`;

/** The longest line a command is printed on: it fits the page in the annex's monospace font. */
const COMMAND_WIDTH = 80;

/**
 * A command printed for copy-paste: its words never split; when it is longer than a line, it breaks
 * only between options (an option stays with its value), each line but the last ending in a shell
 * continuation " \", so the printed lines pasted together are the command.
 */
export function commandLines(words: string[], width = COMMAND_WIDTH): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line && line.length + 1 + word.length + 2 > width) {
			lines.push(`${line} \\`);
			line = `  ${word}`;
		} else line = line ? `${line} ${word}` : word;
	}
	return [...lines, line];
}

/**
 * The command that reproduces one endpoint (reading time comes with the AUC analysis), as words
 * (an option with its value is one word). While blinded there are no arms to name: nothing in the
 * report may tie a code to an arm before the key is released, so the command compares the two
 * coded arms as they sort and tests no margin. A lesion-level endpoint is analysed from the
 * export's marks.csv and lesions.csv; false-positive marks per image is better lower, which
 * `tandem analyze`'s margin tests do not read, so its command gives the difference only.
 */
export function analyzeCommand(result: EndpointResult, arms: ArmCodes | null): string {
	const { endpoint } = result;
	const readingTime = endpoint.metric === 'reading_time';
	const lesion = isLesionMetric(endpoint.metric);
	const fewerIsBetter = result.better === 'lower' && !readingTime;
	const words = [
		'tandem analyze',
		...(lesion ? ['--input marks.csv', '--truth lesions.csv'] : ['--input reads.csv']),
		`--fom ${readingTime ? 'auc' : isLesionMetric(endpoint.metric) ? lesionFomOf(endpoint.metric) : endpoint.metric}`,
		...(arms
			? [
					`--test ${arms.aided}`,
					`--reference ${arms.unaided}`,
					...(fewerIsBetter ? [] : [`--margin ${endpoint.margin ?? 0}`]),
					`--alpha ${endpoint.alpha}`
				]
			: []),
		'--format json'
	];
	const comment = readingTime
		? ['# reading time: the reading_time block of its output']
		: fewerIsBetter
			? [
					'# fewer is better: decided by the upper bound of test − reference against the margin (or 0)'
				]
			: [];
	return `<pre class="command">${[...comment, ...commandLines(words)].map(escape).join('\n')}</pre>`;
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
	const lesionNote = input.analysis.endpoints.some((outcome) =>
		isLesionMetric(outcome.endpoint.metric)
	)
		? ' (lesion-level endpoints: of its <code>marks.csv</code> and <code>lesions.csv</code>)'
		: '';
	return `<p>Every endpoint figure is the analysis of <code>reads.csv</code>${lesionNote} in blind export ${f.exportId}
(SHA-256 ${code(f.readsSha256)}). With the export's codes (<code>tandem</code> is
<code>npm run --silent tandem --</code> in a Tandem checkout), one command per endpoint:</p>
${commands.join('\n')}${blindNote}`;
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

/** Annex D: every electronic signature of the study, and the hash a sign-off of this report signs. */
function signOff(input: ReportInput): string {
	const { signOff } = input;
	if (!signOff) return '<p>No electronic signatures were gathered for this report.</p>';
	const rows = signOff.signatures.map((row) => [
		escape(row.name),
		escape(row.role),
		escape(MEANING_TEXT[row.meaning] ?? row.meaning),
		escape(row.signedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
		escape(signedRecordText(row, signOff.contentSha256)),
		code(row.recordHash)
	]);
	const list =
		rows.length > 0
			? table(
					['Name', 'Role', 'Meaning', 'Signed (UTC)', 'What was signed', 'SHA-256'],
					rows,
					'signatures'
				)
			: '<p>No electronic signature yet.</p>';
	return `<div class="keep"><p>Electronic signatures (21 CFR 11.50): each signer re-entered their password and chose the
meaning of the signature; each is linked to the SHA-256 of the record it signs and recorded in the audit
trail. This report's content SHA-256 (everything in it but the time it was generated, the audit trail line
and these signatures), which a sign-off of it signs: ${code(signOff.contentSha256)}.</p>
${list}</div>`;
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
${signOff(input)}
${annexRecordsPart(input)}
</section>`;
}
