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
| \`strata-balance.csv\` | per stratum (the protocol's and the acquisition parameters read from the images: manufacturer, model, kvp, tube_current, slice_thickness, kernel, contrast) and value: \`cases\`, \`share\`, the stratum's \`stratum_cases\` and \`categories\` (k), and its balance: \`gini\`, the Gini coefficient of the cases per value normalised to 0 (balanced) … 1 (all in one value), and \`shannon\`, the Shannon entropy normalised by ln k, 1 (balanced) … 0 |
| \`readers.csv\` | each reader's site, experience, specialty and whether they withdrew |
| \`measurements.csv\` | only when readers measured: one row per length, ROI or angle, coded like \`reads.csv\` (see *Measurements*) |
| \`lesions.csv\` | only when the protocol has truth lesions: \`case,lesion,weight\` and the lesion attributes (see *Lesions and marks*) |
| \`lesion-regions.csv\` | with \`lesions.csv\`: where each lesion lies, one row per region |
| \`marks.csv\` | only when readers placed marks: one row per mark, coded like \`reads.csv\`, each a lesion localisation or not by the protocol's matching rule |
| \`ai-outputs.csv\` | when the study's AI model scored the cases: one row per case, the model's sealed output (see *AI outputs*) |
| \`ai-candidates.csv\` | with \`ai-outputs.csv\` in a lesion-level study: every candidate the model reported, one row each |
| \`protocol.json\` | design, rating scale, matching rule, endpoints and strata, with the modalities as codes |
| \`peer-formats/\` | the same reads for MRMCaov, iMRMC and RJafroc; its README says how to run each; in a lesion-level study also \`jafroc-froc.xlsx\`, the matched marks (current read versions) and the truth lesions as RJafroc's FROC workbook (\`DfReadDataFile(file, newExcelFileFormat = TRUE)\`; \`tandem convert\` turns it back into the CSV pair) |
| \`manifest.json\`, \`manifest.sig\`, \`public-key.pem\` | every file's SHA-256 (and each row of \`ai-outputs.csv\`), the head of the study database's audit chain with its signed checkpoint, signed with the server's Ed25519 key: \`tandem export verify <folder>\` checks them |

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

## Lesions and marks

\`lesions.csv\` is the truth of a lesion-level analysis, as \`tandem analyze --truth\` reads it: one
row per lesion of a diseased case — \`case\`, \`lesion\` (its id in the protocol's lesions file),
\`weight\` (as the file gave it, or equal shares; a case's weights sum to 1) and the lesion's
attribute columns (type, size, … : lesion-level subgroups) — and one row \`case,0,0\` per
non-diseased case. \`lesion-regions.csv\` says where each lesion lies, one row per region (a lesion
seen on two views has two rows): \`case\`, \`lesion\`, the images it is on (\`image_first\` to
\`image_last\`, 1-based within the case) and \`frame\` (of a multi-frame image; empty: every
frame), \`shape\` (\`point\`: centre \`x,y\` and \`radius_mm\`; \`box\`: corners \`x0,y0,x1,y1\`;
\`contour\`: \`x y;x y;…\`), in image pixel coordinates as the measurements.

\`marks.csv\` has one row per mark of every stored read version: \`reader\`, \`modality\`, \`case\`,
\`read_version\` and \`superseded\` (as in \`reads.csv\`), \`lesion\`, \`rating\` (the mark's
confidence, higher = more suspicious), \`mark\` (its position in the read), \`image\`, \`frame\`, the
mark's point \`x,y\` and, for a box mark, its corners \`x0,y0,x1,y1\`. A read without marks has no
row (it is in \`reads.csv\`). \`lesion\` is the id of the lesion the mark localises (a lesion
localisation, LL) or 0 (a non-lesion localisation, NL), by the rule in \`protocol.json\`
(\`matching\`), applied to each read on its own:

- a mark is eligible for a lesion when it lies on one of the lesion's images and — \`distance\`:
  within \`acceptance_mm\` of the lesion's region (0 inside it; in mm through the image's
  PixelSpacing, else ImagerPixelSpacing); \`inside\`: inside the region; \`iou\`: its box
  overlaps the lesion's box by an intersection over union of at least \`iou\`;
- a mark eligible for several lesions goes to the nearest (the highest overlap), and a lesion with
  several regions counts once: a mark eligible for any of its regions is eligible for it;
- a lesion is localised by at most one mark, the highest-rated of those that went to it (ties:
  the nearer); the others are NLs, as is every mark on a non-diseased case.

An empty \`lesion\` means the study has no truth lesions to match against. With \`lesions.csv\`,
the rows of \`marks.csv\` with \`superseded\` = 0 are the marks file of \`tandem analyze --input
marks.csv --truth lesions.csv\`; drop the superseded rows first.

## AI outputs

\`ai-outputs.csv\` holds what the study's AI model produced on each case, as the database lock
sealed it (the lock's fingerprint covers these outputs), in case-code order: \`case\`, the model
(\`model\`, \`model_version\`, \`model_sha256\`: the SHA-256 of its weights file), \`status\`
(\`done\`, or \`failed\` when the model could not process the case after \`attempts\` tries, with
its \`error\`), \`score\` (the model's case score, higher = more suspicious; empty when failed),
\`threshold\` (the model's operating threshold: positive at or above it), \`failure_rule\`
(\`negative\` or \`positive\`: how the protocol counts a failed case — it stays in the denominator,
scored 0 or 1 and called accordingly), \`call\` (the resulting binary call), \`output_sha256\` and
\`input_sha256\` (the SHA-256 of the model's output and input as the inference worker recorded
them) and \`candidates\` (how many lesion candidates the output holds). \`ai-candidates.csv\` lists
those candidates, sub-threshold ones included: \`case\`, \`candidate\` (its number in the output),
\`image\` (1-based within the case), the box \`x,y,width,height\` (left, top, width, height in image
pixel coordinates) and its \`score\`.

The model's standalone figures — AUC with its DeLong interval, sensitivity and specificity at the
threshold with Wilson intervals — are reproduced from this folder alone with

    tandem analyze --ai ai-outputs.csv --truth truth.csv

The manifest seals each row of \`ai-outputs.csv\` on its own as well: \`tandem export verify\` names
the row that was altered.

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
