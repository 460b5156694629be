// The report's print style: A4 pages; sections follow one another (a heading never ends a page, a
// table or figure that fits on a page is never split over two, a long table repeats its header),
// figures sized to fit a page, a Chinese report in Noto Sans SC (text and figures), reproduction commands printed unwrapped, and the colours of the
// decisions and warnings.
export const REPORT_STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body {
	font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', Arial, sans-serif;
	font-size: 10.5pt;
	color: #111;
	line-height: 1.4;
	max-width: 190mm;
	margin: 0 auto;
}
html:lang(zh-CN) body,
html:lang(zh-CN) svg text {
	font-family: 'Noto Sans SC', 'Noto Sans CJK SC', system-ui, sans-serif;
}
h1 { font-size: 20pt; margin-bottom: 2mm; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; padding-bottom: 1mm; margin-top: 8mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; break-after: avoid; }
h2 + p, h3 + p { break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; break-inside: avoid; }
table.long { break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
table.compact { width: auto; }
table.signatures td { font-size: 9pt; }
table.environment td { overflow-wrap: anywhere; }
table.environment td:first-child { width: 28%; }
table.signatures td:last-child { width: 38%; }
html:lang(zh-CN) table.signatures td:nth-child(2),
html:lang(zh-CN) table.signatures td:nth-child(3) { white-space: nowrap; }
figure { margin: 3mm 0 5mm; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; max-height: 150mm; height: auto; }
figcaption { font-size: 9pt; color: #333; text-align: left; }
code, pre { font-family: ui-monospace, 'DejaVu Sans Mono', 'Noto Sans SC', monospace; font-size: 8.5pt; word-break: break-all; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 2mm; }
pre.command { white-space: pre; word-break: normal; overflow-wrap: normal; break-inside: avoid; margin: 1.5mm 0; }
.keep { break-inside: avoid; }
.met { color: #0b6b2f; }
.not-met { color: #9c1c1c; }
.unclassified { color: #c00000; font-weight: 600; }
.warning { border-left: 3px solid #c77700; padding-left: 2mm; }
.small { font-size: 8.5pt; color: #444; }
.banner { border: 2px solid #9c1c1c; color: #9c1c1c; padding: 2mm 3mm; font-weight: 600; }
.columns { columns: 2; column-gap: 8mm; }
.columns table { break-inside: avoid; }
.meta { color: #444; }
nav ol { columns: 2; }
`;
