// The protocol's optional `verification` block: what the verification report (seed 001, table 3)
// must declare and the system cannot know — who executes the verification, under what terms, the
// test set's criteria, the environment's network, the limitations, the signatories, retention and
// archive. Each text may be written in one language or in the report's languages side by side
// (declared-text.ts), so the English and the Chinese report come from the same protocol.
import { z } from 'zod';
import { REPORT_LANGUAGES } from '../../verification-report/report-language';
import { NAME_MAX, text } from './schema-text';

/** A declared text: a plain string, or `{ en, zh }` with at least one of them. */
export const declaredText = (max: number) =>
	z.union([
		text(max),
		z
			.strictObject({ en: text(max).optional(), zh: text(max).optional() })
			.refine((value) => REPORT_LANGUAGES.some((lang) => value[lang] !== undefined), {
				message: 'give the text in en, zh or both'
			})
	]);

/** A calendar date as YYYY-MM-DD that exists. */
export const isoDate = z.string().superRefine((value, context) => {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const date = match ? new Date(`${value}T00:00:00Z`) : null;
	if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
		context.addIssue({ code: 'custom', message: `a date as YYYY-MM-DD, got "${value}"` });
});

/** The least number of years the report and its records are kept. */
export const MIN_RETENTION_YEARS = 5;

const statementList = z.array(declaredText(1000)).max(50).default([]);

export const verificationSchema = z.strictObject({
	/** The organisation that executes the verification. */
	organisation: declaredText(NAME_MAX),
	/** Its qualification statement (accreditation, certificate, independence from the developer). */
	qualification: declaredText(2000),
	/** The confidentiality statement; the report prints a standard one when absent. */
	confidentiality: declaredText(2000).optional(),
	/** The network layout of the verification environment, as declared (e.g. isolated from the internet). */
	network: declaredText(2000).optional(),
	/** The server the verification ran on, when it is not the machine that prints the report. */
	server: declaredText(NAME_MAX).optional(),
	/** The GPU(s), or "none": the report cannot see them from Node. */
	gpu: declaredText(NAME_MAX).optional(),
	/** The test set's inclusion and exclusion criteria. */
	inclusion_criteria: statementList,
	exclusion_criteria: statementList,
	/** Limitations known before the results (the report adds those the data show). */
	limitations: statementList,
	/** Clinical-use restrictions and warnings. */
	use_restrictions: statementList,
	/** Who signs the report's signature page, by role (name as printed). */
	signatories: z
		.strictObject({
			executor: declaredText(NAME_MAX).optional(),
			statistician: declaredText(NAME_MAX).optional(),
			project_lead: declaredText(NAME_MAX).optional()
		})
		.optional(),
	/** Years the report and all the verification's records are kept. */
	retention_years: z
		.int()
		.superRefine((value, context) => {
			if (value < MIN_RETENTION_YEARS)
				context.addIssue({
					code: 'custom',
					message: `records are kept at least ${MIN_RETENTION_YEARS} years, got ${value}`
				});
		})
		.pipe(z.int().max(100)),
	/** Where the records are archived. */
	archive_location: declaredText(1000)
});
