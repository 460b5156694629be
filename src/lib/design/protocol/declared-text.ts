// A text the protocol declares for the verification report (the executing organisation, criteria,
// limitations, a margin's justification…): in one language, as a plain string, or in the report's
// languages side by side ({ en, zh }), so that the Chinese report a sponsor files and the English
// one are written from the same protocol. The report prints the text of its own language and,
// when only the other one was declared, that one.
import type { ReportLanguage } from '../../verification-report/report-language';

export type DeclaredText = string | Partial<Record<ReportLanguage, string>>;

/** The declared text in `lang`, else in the other language it was declared in. */
export function declaredIn(text: DeclaredText, lang: ReportLanguage): string {
	if (typeof text === 'string') return text;
	const other: ReportLanguage = lang === 'en' ? 'zh' : 'en';
	return text[lang] ?? text[other] ?? '';
}

/** The declared text in `lang`, or null when nothing was declared. */
export function declaredOrNull(
	text: DeclaredText | null | undefined,
	lang: ReportLanguage
): string | null {
	return text === null || text === undefined ? null : declaredIn(text, lang);
}
