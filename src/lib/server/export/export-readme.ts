// README.md at the top of a blind export: what each file holds, what an empty cell means, and how
// a missing reading time is analysed. Worded so nothing in it ties a code to an arm.

export const EXPORT_README_FILE = 'README.md';

const README = `# Blind export

The reads of a locked Tandem study for an independent analysis. Readers, cases and modalities
appear under random codes (\`RDR-…\`, \`CASE-…\`, \`MOD-…\`); the key to them stays in Tandem
until the evaluator has registered the SHA-256 of their results.

| file | contents |
|---|---|
| \`reads.csv\` | one row per read: \`reader,modality,case,truth,rating\`, then \`decision\`, \`time_ms\`, \`period\` and \`sequence\` when the study recorded them |
| \`truth.csv\` | \`case,truth\` (1 = diseased, 0 = non-diseased) |
| \`cases.csv\` | each case's strata |
| \`readers.csv\` | each reader's site, experience, specialty and whether they withdrew |
| \`protocol.json\` | design, rating scale, endpoints and strata, with the modalities as codes |
| \`peer-formats/\` | the same reads for MRMCaov, iMRMC and RJafroc; its README says how to run each |
| \`manifest.json\`, \`manifest.sig\`, \`public-key.pem\` | every file's SHA-256 and the head of the study database's audit chain with its signed checkpoint, signed with the server's Ed25519 key: \`tandem export verify <folder>\` checks them |

\`rating\` is the reader's confidence that the case is diseased (higher = more suspicious),
\`decision\` the binary call (1 = positive), \`period\` the reading period and \`sequence\` the
order the reader read the coded modalities in.

In a sequential design (\`protocol.json\`: \`design.type\`) every reader reads each case in both
modalities in one sitting, the second read starting from the reader's first answer, always in the
order the design fixes: both reads are rows of \`reads.csv\`, in period 1. So that this order does
not tell the modalities apart, \`sequence\` is left out and the rows are sorted by reader, case
and modality code.

## Missing values

An empty cell means the value was not recorded.

\`time_ms\` is the reader's active reading time in milliseconds, measured by the reading
workstation with pauses left out. The server keeps its own record of when each case was first
served and when its read was submitted, as a cross-check; that span includes pauses, is not a
reading time and is not in this export.

When the protocol has a reading-time endpoint, every read carries a time: the server requires it
at submit, and the lock refuses a study while any read lacks one. Otherwise a read may have no
time (an empty \`time_ms\`):
\`tandem analyze\` treats it as missing for the reading-time analysis only. That reader's mean
log reading time in that modality is taken over the reads that have a time, the analysis notes
say how many were missing, and every other figure of merit uses every read.
`;

/** The text of README.md. */
export function exportReadme(): string {
	return README;
}
