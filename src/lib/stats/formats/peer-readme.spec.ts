import { describe, expect, it } from 'vitest';
import { handReads } from '$fixtures/stats/peer-format-data.fixture';
import { writePeerFormatFiles } from '../../server/export/peer-xlsx';
import { PEER_README_FILE, peerFormatsReadme } from './peer-readme';

describe('peer-formats README', () => {
	const readme = peerFormatsReadme();
	const text = readme.contents as string;

	it('is README.md and describes every file the peer-formats folder holds, and no other', async () => {
		expect(readme.fileName).toBe(PEER_README_FILE);
		const written = (await writePeerFormatFiles(handReads))
			.map((file) => file.fileName)
			.filter((name) => name !== PEER_README_FILE);
		const tableFiles = [...text.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
		expect(tableFiles.sort()).toEqual([...written].sort());
	});

	it('shows how to run each file in its package', () => {
		for (const call of [
			'read.csv("mrmcaov-reads.csv"',
			'mrmc(empirical_auc(truth, rating), treatment, reader, case, data = df)',
			'mrmc(binary_sens(truth, decision), treatment, reader, case, data = df)',
			'mrmc(binary_spec(truth, decision), treatment, reader, case, data = df)',
			'doIMRMC(df)',
			'java -jar iMRMC-<version>.jar imrmc-reads.imrmc <output-folder>',
			'DfReadDataFile("rjafroc-roc.xlsx", newExcelFileFormat = TRUE)',
			'StSignificanceTesting(ds, FOM = "Wilcoxon", method = "OR")',
			'DfReadDataFile("rjafroc-reads.imrmc", format = "iMRMC")'
		]) {
			expect(text).toContain(call);
		}
	});

	it('explains the integer ids the RJafroc files use', () => {
		expect(text).toContain('`peer-id-map.csv`');
		expect(text).toMatch(/natural order/);
	});
});
