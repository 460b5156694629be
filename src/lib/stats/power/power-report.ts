// The readers × cases table of `tandem power`, as a plain object (JSON) or text.
import type { PilotComponents, PowerSettings } from './hillis-obuchowski-berbaum';
import { sampleSizeTable, type CasesNeeded } from './sample-size';

export interface PowerReport {
	settings: PowerSettings;
	targetPower: number;
	pilot: PilotComponents;
	rows: CasesNeeded[];
	notes: string[];
}

export function buildPowerReport(
	pilot: PilotComponents,
	settings: PowerSettings,
	readers: number[],
	targetPower: number,
	notes: string[] = []
): PowerReport {
	return {
		settings,
		targetPower,
		pilot,
		rows: sampleSizeTable(pilot, readers, settings, { targetPower }),
		notes
	};
}

function describeTest({ test, margin, effect, alpha }: PowerSettings): string {
	if (test === 'two-sided')
		return `two-sided F test of no difference, alpha ${alpha}, expected difference ${effect}`;
	const kind = margin > 0 ? `non-inferiority, margin ${margin}` : 'superiority';
	return `one-sided ${kind}, alpha ${alpha}, expected difference (aided − unaided) ${effect}`;
}

/** JSON document (snake_case keys, as the analysis report). */
export function powerReportToJson(report: PowerReport): Record<string, unknown> {
	const { settings, pilot } = report;
	return {
		method:
			'Hillis, Obuchowski & Berbaum 2011: Obuchowski–Rockette, random readers and cases, Hillis ddf',
		test: settings.test,
		effect: settings.effect,
		margin: settings.margin,
		alpha: settings.alpha,
		target_power: report.targetPower,
		pilot: {
			var_tr: pilot.varTR,
			var: pilot.variance,
			cov1: pilot.cov1,
			cov2: pilot.cov2,
			cov3: pilot.cov3,
			cases: pilot.cases
		},
		table: report.rows.map((row) => ({
			readers: row.readers,
			cases: row.cases,
			power: row.result.power,
			ddf: Number.isFinite(row.result.ddf) ? row.result.ddf : 'Infinity',
			noncentrality: row.result.noncentrality,
			se: row.result.se,
			limiting_power: row.limitingPower
		})),
		notes: report.notes
	};
}

const pad = (text: string, width: number) => text.padStart(width);

/** Human-readable table. */
export function powerReportToText(report: PowerReport): string {
	const { pilot } = report;
	const lines = [
		'Sample size: Hillis, Obuchowski & Berbaum (2011), OR analysis, random readers and cases, Hillis ddf',
		`test: ${describeTest(report.settings)}; target power ${report.targetPower}`,
		`pilot: ${pilot.cases} cases; var_tr ${pilot.varTR.toPrecision(4)}, var ${pilot.variance.toPrecision(4)}, ` +
			`cov1 ${pilot.cov1.toPrecision(4)}, cov2 ${pilot.cov2.toPrecision(4)}, cov3 ${pilot.cov3.toPrecision(4)}`,
		...report.notes.map((note) => `note: ${note}`),
		'',
		`${pad('readers', 7)}  ${pad('cases', 8)}  ${pad('power', 6)}  ${pad('ddf', 7)}  ${pad('SE(diff)', 8)}`
	];
	for (const row of report.rows) {
		if (row.cases === null) {
			lines.push(
				`${pad(String(row.readers), 7)}  not reachable: power tends to ${row.limitingPower.toFixed(4)} with unlimited cases`
			);
			continue;
		}
		const ddf = Number.isFinite(row.result.ddf) ? row.result.ddf.toFixed(1) : 'inf';
		lines.push(
			`${pad(String(row.readers), 7)}  ${pad(String(row.cases), 8)}  ${pad(row.result.power.toFixed(4), 6)}  ${pad(ddf, 7)}  ${pad(row.result.se.toFixed(4), 8)}`
		);
	}
	return `${lines.join('\n')}\n`;
}
