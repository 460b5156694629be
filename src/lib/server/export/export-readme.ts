// README.md at the top of a blind export: what each file holds, what an empty cell means, how a
// missing reading time is analysed and how corrected reads appear. Worded so nothing in it ties a
// code to an arm.

export const EXPORT_README_FILE = 'README.md';

const README = `# Blind export

The reads of a locked Tandem study for an independent analysis. Readers, cases and modalities
appear under random codes (\`RDR-…\`, \`CASE-…\`, \`MOD-…\`); the key to them stays in Tandem
until the evaluator has registered the SHA-256 of their results.

| file | contents |
|---|---|
| \`reads.csv\` | one row per read: \`reader,modality,case,truth,rating\`, then \`decision\`, \`time_ms\`, \`period\` and \`sequence\` when the study recorded them, and \`read_version\`, \`superseded\`, \`corrected_by\` when a read was corrected |
| \`truth.csv\` | \`case,truth\` (1 = diseased, 0 = non-diseased) |
| \`cases.csv\` | each case's strata |
| \`readers.csv\` | each reader's site, experience, specialty and whether they withdrew |
| \`measurements.csv\` | only when readers measured: one row per length, ROI or angle, coded like \`reads.csv\` (see *Measurements*) |
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

## Measurements

\`measurements.csv\` has one row per measurement a reader stored with a read: \`reader\`,
\`modality\`, \`case\` (the codes of \`reads.csv\`), \`read_version\` and \`superseded\` (as in
*Corrected reads*), \`measurement\` (its number within the read), \`kind\` (\`length\`,
\`ellipse\`, \`rectangle\`, \`angle\`), \`image\` (1-based within the case) and \`frame\`,
\`calibration\` (\`PixelSpacing\`; \`ImagerPixelSpacing\`: mm at the detector, not corrected for
magnification; \`none\`: pixels), the points \`x1,y1,x2,y2\` (and \`x3,y3\`) in image pixel
coordinates (0-based column and row, pixel centres on whole numbers; a length's ends, an ROI's
opposite corners — the ellipse is inscribed in their box —, an angle's first end, vertex and second
end), \`value\` with its \`unit\` (\`mm\` or \`px\`; \`mm2\` or \`px2\` for an ROI's area; \`deg\`),
and for an ROI the \`mean\` and \`sd\` (population SD) of the pixels whose centres lie inside,
after the Modality LUT, in \`pixel_unit\` (\`HU\`, or \`modality\`: the LUT's output without a
unit), their number \`pixels\`, and \`mark_confidence\` when the protocol counts each ROI as a
lesion mark (\`rating.measurement_marks\`).

## Corrected reads

A submitted read is never changed. Before the lock, a reader (or their site's coordinator, for a
data-entry error) may file a correction: a new version of the read, with a reason, that supersedes
the earlier one. When the study has any, \`reads.csv\` keeps every version, in the order they were
stored, with three more columns:

- \`read_version\`: 1 for a read as submitted, 2, 3… for its corrections (the versions of one read
  share reader, modality and case);
- \`superseded\`: 1 when a later version replaced the row, 0 for the current version;
- \`corrected_by\`: \`reader\` or \`coordinator\` for a correction, empty for a read as submitted.

Every analysis uses the current versions only: \`tandem analyze\` leaves out the rows with
\`superseded\` = 1, and the files in \`peer-formats/\` hold the current versions alone (another tool
reading \`reads.csv\` should drop those rows first). A correction is not a new timed read: it keeps
the reading time of the read as submitted, and that is the \`time_ms\` the reading-time analysis
uses. The reasons given for corrections are free text and stay in Tandem, in its audit trail and
the monitoring's list of deviations.
`;

/** The text of README.md. */
export function exportReadme(): string {
	return README;
}
