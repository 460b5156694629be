// The reference-standard demo's head start: its annotation tasks assigned, and two simulated
// annotators' work on the first cases submitted through the real annotation service (consensus,
// routing and audit as for people). They outline what the phantom generator drew
// (phantom-truth.csv), the second a few pixels off; on two cases they disagree on purpose — one
// calls a diseased case clear, one puts the lesion elsewhere — so the adjudicator's queue has work.
// The last cases are left for the newcomer to annotate by hand.
import { and, asc, eq } from 'drizzle-orm';
import { annotationTasks, cases, memberships, users } from '../db/schema';
import type { Db } from '../db/client';
import { systemPrincipal, type UserPrincipal } from '../access/principal';
import { requireStudyBySlug } from '../access/access';
import { assignAnnotation } from '../reference-standard/annotation-assignment.service';
import { submitAnnotation } from '../reference-standard/annotation.service';
import type { AnnotationInput } from '../../domain/annotation';
import type { CaseOutcome } from '../reference-standard/case-resolution';
import { readCsvTable } from '../cases/csv-table';

/** One row of the generator's phantom-truth.csv (lesion centre: 0-based pixel, 1-based slice). */
export interface PhantomTruth {
	caseKey: string;
	truth: 0 | 1;
	sizeMm?: number;
	slice?: number;
	x?: number;
	y?: number;
}

/** How many of the demo's cases the simulated annotators do; the rest are left for a person. */
export const SIMULATED_CASES = 12;
/** The cases where the second annotator disagrees: a missed lesion, and one put elsewhere. */
const MISSED = 'C004';
const ELSEWHERE = 'C007';

export function parsePhantomTruth(text: string, file = 'phantom-truth.csv'): PhantomTruth[] {
	const number = (value: string | undefined) =>
		value === undefined || value === '' ? undefined : Number(value);
	return readCsvTable(file, text, ['case_id', 'truth']).map(({ fields }) => ({
		caseKey: fields['case_id']!,
		truth: fields['truth'] === '1' ? 1 : 0,
		sizeMm: number(fields['lesion_size_mm']),
		slice: number(fields['lesion_slice']),
		x: number(fields['lesion_x']),
		y: number(fields['lesion_y'])
	}));
}

/** What simulated annotator 1 or 2 submits for a case. */
export function simulatedAnnotation(row: PhantomTruth, annotator: 1 | 2): AnnotationInput {
	const clientId = `demo-${row.caseKey}-annotator-${annotator}`;
	const second = annotator === 2;
	if (row.truth === 0 || (second && row.caseKey === MISSED))
		return {
			clientId,
			classification: 0,
			lesions: [],
			...(second && row.caseKey === MISSED && { note: 'Faint at most; I see no lesion.' })
		};
	const offset = second ? (row.caseKey === ELSEWHERE ? 90 : 2) : 0;
	const size = (row.sizeMm ?? 10) + (second ? 0.4 : 0);
	return {
		clientId,
		classification: 1,
		lesions: [
			{
				id: 'L1',
				firstImage: row.slice ?? 1,
				lastImage: row.slice ?? 1,
				region: {
					kind: 'point',
					x: (row.x ?? 0) + offset,
					y: (row.y ?? 0) - (second ? 1 : 0),
					radiusMm: Math.round((size / 2) * 10) / 10
				},
				attributes: { type: 'nodule', size_mm: size.toFixed(1) }
			}
		]
	};
}

export interface SimulatedAnnotations {
	tasks: number;
	cases: number;
	outcomes: Record<CaseOutcome, number>;
	leftOpen: number;
}

/** Assigns the study's annotation and submits the simulated annotators' work (idempotent). */
export async function simulateAnnotations(
	db: Db,
	slug: string,
	phantomTruth: readonly PhantomTruth[],
	now = new Date()
): Promise<SimulatedAnnotations> {
	const study = await requireStudyBySlug(db, slug);
	await assignAnnotation(db, systemPrincipal('demo-setup'), slug, {}, now);
	const tasks = await db
		.select({
			task: annotationTasks.id,
			caseKey: cases.caseKey,
			userId: users.id,
			email: users.email,
			name: users.name
		})
		.from(annotationTasks)
		.innerJoin(cases, eq(cases.id, annotationTasks.caseId))
		.innerJoin(memberships, eq(memberships.id, annotationTasks.membershipId))
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(eq(annotationTasks.studyId, study.id)))
		.orderBy(asc(users.email), asc(annotationTasks.position));
	const annotatorOrder = [...new Set(tasks.map((task) => task.email))];
	const simulated = new Map(
		phantomTruth.slice(0, SIMULATED_CASES).map((row) => [row.caseKey, row])
	);
	const outcomes: Record<CaseOutcome, number> = { waiting: 0, consensus: 0, adjudication: 0 };
	const finalOutcome = new Map<string, CaseOutcome>();
	for (const task of tasks) {
		const row = simulated.get(task.caseKey);
		if (!row) continue;
		const annotator = annotatorOrder.indexOf(task.email) === 0 ? 1 : 2;
		const principal: UserPrincipal = {
			kind: 'user',
			userId: task.userId,
			email: task.email,
			name: task.name
		};
		const result = await submitAnnotation(
			db,
			principal,
			task.task,
			simulatedAnnotation(row, annotator),
			now
		);
		finalOutcome.set(task.caseKey, result.outcome);
	}
	for (const outcome of finalOutcome.values()) outcomes[outcome]++;
	return {
		tasks: tasks.length,
		cases: finalOutcome.size,
		outcomes,
		leftOpen: new Set(tasks.map((task) => task.caseKey)).size - finalOutcome.size
	};
}
