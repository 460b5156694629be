// README.md of the export's peer-formats/ folder: what each file is and how to run it in the
// package it is written for, so a statistician can re-run the analysis without Tandem.
import { ID_MAP_FILE } from './integer-ids';
import { IMRMC_FILE, RJAFROC_IMRMC_FILE } from './imrmc';
import { MRMCAOV_CSV_FILE } from './mrmcaov-csv';
import type { PeerFile } from './peer-reads';
import { RJAFROC_WORKBOOK_FILE } from './rjafroc';

export const PEER_README_FILE = 'README.md';

/** A name in Markdown code font. */
const code = (name: string): string => `\`${name}\``;

/** One row of a Markdown table. */
const tableRow = (cells: string[]): string => `| ${cells.join(' | ')} |`;

/** What each file is, for which package. */
const FILE_TABLE = [
	tableRow(['file', 'for', 'contents']),
	'|---|---|---|',
	tableRow([
		code(MRMCAOV_CSV_FILE),
		'MRMCaov (R)',
		'one row per read: `reader,treatment,case,truth,rating`, ' +
			'then `decision` and `time_ms` when the study recorded them'
	]),
	tableRow([
		code(IMRMC_FILE),
		'iMRMC (R package 2.x, or the Java application)',
		'iMRMC input: size lines, `BEGIN DATA:`, then `readerID,caseID,modalityID,score` rows; ' +
			'truth rows have reader and modality `truth`'
	]),
	tableRow([
		code(RJAFROC_WORKBOOK_FILE),
		'RJafroc (R)',
		'JAFROC ROC workbook: sheets `Truth`, `FP` (ratings of non-diseased cases), ' +
			'`TP` (ratings of diseased cases)'
	]),
	tableRow([
		code(RJAFROC_IMRMC_FILE),
		'RJafroc (R), text alternative',
		'the same reads in the older iMRMC layout RJafroc reads (truth rows: reader `-1`, modality `0`)'
	]),
	tableRow([
		code(ID_MAP_FILE),
		'the two RJafroc files',
		'`kind,code,id`: the integer that stands for each reader, modality and case code'
	])
].join('\n');

const README = `# Peer-format files

The blinded reads of this export, written once for each of three established MRMC packages
so the analysis can be re-run independently of Tandem. Every file holds the same reads: every
reader read every case in every modality, each read once.

${FILE_TABLE}

Conventions: \`truth\` 1 = diseased, 0 = non-diseased. The rating is the reader's confidence that
the case is diseased (higher = more suspicious); \`decision\` is the binary call (1 = positive),
\`time_ms\` the reading time in milliseconds; an empty cell means not recorded. Ids are the
blinding codes, except in the RJafroc files, which need integers: each code is numbered 1, 2, 3, …
in natural order of the codes, and \`${ID_MAP_FILE}\` lists them (the legacy .imrmc file repeats
the list in its header). RJafroc's output labels readers and modalities with these integers.

## MRMCaov

\`\`\`r
library(MRMCaov)
df <- read.csv("${MRMCAOV_CSV_FILE}",
               colClasses = c(reader = "character", treatment = "character", case = "character"))

# Empirical AUC (ties count 1/2); Obuchowski-Rockette, jackknife covariance, random readers and cases
est <- mrmc(empirical_auc(truth, rating), treatment, reader, case, data = df)
summary(est)
# DeLong covariance instead; fixed readers with fixed(reader)
summary(mrmc(empirical_auc(truth, rating), treatment, reader, case, data = df, method = DeLong))

# Sensitivity and specificity of the binary decision (files with a decision column)
summary(mrmc(binary_sens(truth, decision), treatment, reader, case, data = df))
summary(mrmc(binary_spec(truth, decision), treatment, reader, case, data = df))
\`\`\`

\`binary_sens\` and \`binary_spec\` need a decision on every read: a missing one (NA) makes that
reader's figure NA.

## iMRMC

In R (iMRMC 2.x, which analyses a data frame):

\`\`\`r
library(iMRMC)
lines <- readLines("${IMRMC_FILE}")
df <- read.csv("${IMRMC_FILE}", header = FALSE, skip = grep("^BEGIN DATA:", lines),
               col.names = c("readerID", "caseID", "modalityID", "score"),
               colClasses = c("character", "character", "character", "numeric"))
result <- doIMRMC(df)
result$Ustat   # reader-averaged AUC per modality and each difference, variance, CI, p-value
\`\`\`

With the Java application, open \`${IMRMC_FILE}\` as the input file, or run it from the command
line (a desktop session is still needed): \`java -jar iMRMC-<version>.jar ${IMRMC_FILE} <output-folder>\`.

## RJafroc

\`\`\`r
library(RJafroc)
ds <- DfReadDataFile("${RJAFROC_WORKBOOK_FILE}", newExcelFileFormat = TRUE)
st <- StSignificanceTesting(ds, FOM = "Wilcoxon", method = "OR")   # or method = "DBM"
st$RRRC$FTests
st$RRRC$ciDiffTrt

# The same reads without Excel:
ds <- DfReadDataFile("${RJAFROC_IMRMC_FILE}", format = "iMRMC")
\`\`\`

\`newExcelFileFormat = TRUE\` is required: the workbook's Truth sheet has the ReaderID,
ModalityID and Paradigm (ROC, FCTRL = factorial) columns of RJafroc's current layout.
\`StSignificanceTesting\` needs at least two modalities and two readers. FOM "Wilcoxon" is the
empirical AUC, the same figure as MRMCaov's \`empirical_auc\`.
`;

/** The README.md of the peer-formats/ folder. */
export function peerFormatsReadme(): PeerFile {
	return { fileName: PEER_README_FILE, contents: README };
}
