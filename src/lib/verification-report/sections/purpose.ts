// Section 2, purpose and scope: the protocol's description, the arms (coded while blinded),
// the design, the sites and the reference standard.
import type { ReportInput } from '../report-input';
import { escape, table } from '../html';

export function purposeSection(input: ReportInput): string {
	const { study } = input;
	const arms = table(
		['Arm', 'AI shown'],
		study.arms.map((arm) => [escape(input.blinded ? 'coded' : arm.label), arm.ai ? 'yes' : 'no'])
	);
	const washout = study.washoutDays === null ? '' : `, washout ${study.washoutDays} days`;
	const sites = study.sites.map((site) => escape(site.name)).join('; ');
	return `<section id="s2"><h2>2. Purpose and scope</h2>
<p>${escape(study.description)}</p>
${arms}
<p>Design: ${escape(study.designType)}${washout}. Sites: ${sites}.
Reference standard: ${escape(study.truthSource)}.</p>
</section>`;
}
