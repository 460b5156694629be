// Hanging protocols (study.yaml `hanging_protocols`): which images of a case go in which viewport
// of the workstation, per kind of case. The first entry whose `applies_to` matches a case is used;
// a case no entry matches is shown as one viewport holding all its images as one stack.
import { z } from 'zod';

export const SYNCHRONISED = ['window', 'zoom', 'pan', 'scroll'] as const;
export type Synchronised = (typeof SYNCHRONISED)[number];

/** DICOM code strings (CS): upper-case letters, digits, space and underscore, at most 16. */
const codeString = z
	.string()
	.min(1)
	.max(16)
	.regex(/^[A-Z0-9 _]+$/, 'a DICOM code string: upper-case letters, digits, spaces, underscores');

const viewportSchema = z.strictObject({
	/** ImageLaterality (0020,0062), else Laterality (0020,0060). */
	laterality: z.enum(['R', 'L', 'B', 'U']).optional(),
	/** ViewPosition (0018,5101), e.g. CC, MLO, ML, LM, XCCL, AP, PA. */
	view: codeString.optional(),
	/** Text SeriesDescription (0008,103E) contains, case-insensitive. */
	series: z.string().min(1).max(64).optional()
});

const hangingProtocolSchema = z
	.strictObject({
		id: z
			.string()
			.max(64)
			.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
		label: z.string().min(1).max(200).optional(),
		applies_to: z.strictObject({ modality: codeString }),
		layout: z.strictObject({
			rows: z.int().min(1).max(4),
			columns: z.int().min(1).max(4)
		}),
		viewports: z.array(viewportSchema).min(1).max(16),
		/** R and L shown back to back, chest walls meeting in the middle. */
		mirror: z.boolean().default(false),
		/** Each image pinned to its chest-wall edge (centre when absent). */
		align: z.enum(['chest-wall', 'centre']).default('centre'),
		synchronise: z.array(z.enum(SYNCHRONISED)).max(4).default([]),
		/** `beside`: the prior study's matching view in a viewport beside the current one. */
		priors: z.enum(['none', 'beside']).default('none'),
		/** The reader can switch a viewport to another series of the case. */
		series_selector: z.boolean().default(false)
	})
	.superRefine((protocol, ctx) => {
		const cells = protocol.layout.rows * protocol.layout.columns;
		const shown =
			protocol.priors === 'beside' ? protocol.viewports.length * 2 : protocol.viewports.length;
		if (shown !== cells)
			ctx.addIssue({
				code: 'custom',
				path: ['viewports'],
				message: `the layout has ${cells} viewports (${protocol.layout.rows} × ${protocol.layout.columns}) but ${shown} are declared${protocol.priors === 'beside' ? ' (each with its prior beside it)' : ''}`
			});
		const seen = new Set<Synchronised>();
		protocol.synchronise.forEach((property, index) => {
			if (seen.has(property))
				ctx.addIssue({ code: 'custom', path: ['synchronise', index], message: 'listed twice' });
			seen.add(property);
		});
	});

export const hangingProtocolsSchema = z
	.array(hangingProtocolSchema)
	.max(20)
	.superRefine((protocols, ctx) => {
		const ids = new Set<string>();
		protocols.forEach((protocol, index) => {
			if (ids.has(protocol.id))
				ctx.addIssue({
					code: 'custom',
					path: [index, 'id'],
					message: `duplicate hanging protocol id "${protocol.id}"`
				});
			ids.add(protocol.id);
		});
	});

export type HangingProtocol = z.output<typeof hangingProtocolSchema>;
export type HangingViewportRule = z.output<typeof viewportSchema>;
