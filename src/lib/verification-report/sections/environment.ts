// Section 4, environment: the software and versions the analysis and the report ran on.
import type { ReportInput } from '../report-input';
import { escape, table } from '../html';
import { environmentHostPart } from './environment-host';

export function environmentSection(input: ReportInput): string {
	const rows = input.environment.map((row) => [escape(row.item), escape(row.value)]);
	return `<section id="s4"><h2>4. Environment</h2>${table(['Item', 'Value'], rows, 'environment')}${environmentHostPart(input)}</section>`;
}
