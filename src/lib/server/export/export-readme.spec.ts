import { describe, expect, it } from 'vitest';
import { EXPORT_README_FILE, exportReadme } from './export-readme';
import { AI_CANDIDATES_HEADER, AI_OUTPUTS_HEADER } from './ai-outputs-csv';

describe('the blind export’s README', () => {
	it('says what an empty time_ms means and that it is missing for the reading-time analysis only', () => {
		const text = exportReadme();
		expect(EXPORT_README_FILE).toBe('README.md');
		expect(text).toContain('An empty cell means the value was not recorded.');
		expect(text).toContain(
			'`tandem analyze` treats it as missing for the reading-time analysis only'
		);
		expect(text).toContain('the lock refuses a study while any read lacks one');
		expect(text.replaceAll('\n', ' ')).toContain(
			'`sequence` is left out and the rows are sorted by reader, case and modality code'
		);
		expect(text.replaceAll('\n', ' ')).toContain(
			'a lesion is localised by at most one mark, the highest-rated of those that went to it'
		);
		expect(text).toContain('`marks.csv` | only when readers placed marks');
		// Nothing that would tie a code to an arm.
		expect(text).not.toMatch(/aided|with AI|"ai"/i);
	});
	it('describes every column of ai-outputs.csv and ai-candidates.csv, and how to reproduce the AI figures', () => {
		const text = exportReadme();
		for (const column of [...AI_OUTPUTS_HEADER, ...AI_CANDIDATES_HEADER])
			expect(text, column).toMatch(new RegExp(`\\\`[^\\\`]*\\b${column}\\b[^\\\`]*\\\``));
		expect(text).toContain('tandem analyze --ai ai-outputs.csv --truth truth.csv');
	});
});
