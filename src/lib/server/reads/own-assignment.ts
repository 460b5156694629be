// The caller's own assignment, with its session and its study's protocol: what every request of
// the read path starts from. One prepared statement (per connection), which also answers what the
// read path asks next of every request (the gate: locked, frozen, case held back, already read),
// so that a request costs one statement instead of five; the protocol comes from the cache of
// parsed protocols, by the study's protocol hash (study-protocol.ts). An image request's statement
// also finds the image and its store key (ownAssignmentImage).
import { and, desc, eq, sql } from 'drizzle-orm';
import {
	assignments,
	cases,
	datasetVersions,
	images,
	importedInstances,
	memberships,
	readingSessions,
	reads,
	studies,
	studyLocks
} from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { importedInstanceOfImage, keyedImage, type KeyedImage } from '../images/image-keys';
import { perConnection } from '../db/prepared';
import type { UserPrincipal } from '../access/principal';
import { AccessDenied, NotFound } from '../errors';
import { studyProtocol } from '../studies/study-protocol';
import type { Protocol } from '../../design/protocol/protocol.schema';
import { heldBackCondition } from './reading-gate';

/**
 * What the read path asks of every request, as the statement that found the assignment saw it (in
 * a transaction, as of that transaction).
 */
export interface ReadGate {
	/** The study database is locked (lock.service.ts). */
	locked: boolean;
	/** The case set is frozen: its latest dataset version is not reopened (dataset-freeze.service.ts). */
	frozen: boolean;
	/** The case is held back by a burned-in annotation review (reading-gate.ts). */
	held: boolean;
	/** The assignment has a read. */
	read: boolean;
}

export interface OwnedAssignment {
	assignment: typeof assignments.$inferSelect;
	session: typeof readingSessions.$inferSelect;
	protocol: Protocol;
	studyId: number;
	/** The study's slug and title, for the pages that name it. */
	study: { slug: string; title: string };
	gate: ReadGate;
}

/** What the statement finds of the assignment, its session, study and gate. */
function ownedFields(db: Db) {
	return {
		assignment: assignments,
		session: readingSessions,
		membership: {
			userId: memberships.userId,
			role: memberships.role,
			withdrawnAt: memberships.withdrawnAt
		},
		protocolSha256: studies.protocolSha256,
		study: { slug: studies.slug, title: studies.title, sourceDir: studies.sourceDir },
		locked:
			sql`exists (select 1 from ${studyLocks} where ${studyLocks.studyId} = ${readingSessions.studyId})`.mapWith(
				Boolean
			),
		// 1=0 is false in either dialect (no boolean literal in old SQLite, no 0 for a boolean in PostgreSQL).
		frozen: sql`coalesce((${db
			.select({ open: sql`${datasetVersions.reopenedAt} is null` })
			.from(datasetVersions)
			.where(eq(datasetVersions.studyId, readingSessions.studyId))
			.orderBy(desc(datasetVersions.version))
			.limit(1)}), 1=0)`.mapWith(Boolean),
		held: sql`${heldBackCondition(db, assignments.caseId)}`.mapWith(Boolean),
		read: sql`exists (select 1 from ${reads} where ${reads.assignmentId} = ${assignments.id})`.mapWith(
			Boolean
		)
	};
}

const statements = perConnection((db: Db) => ({
	byPublicId: db
		.select(ownedFields(db))
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(studies, eq(readingSessions.studyId, studies.id))
		.where(eq(assignments.publicId, sql.placeholder('publicId')))
		.prepare(),
	// The same, with image `ordinal` of the case and what its store key is made of (null when the
	// case has no such image): an image request costs one statement.
	withImage: db
		.select({
			...ownedFields(db),
			caseKey: cases.caseKey,
			image: {
				ordinal: images.ordinal,
				path: images.path,
				sha256: images.sha256,
				sizeBytes: images.sizeBytes,
				frames: images.frames,
				studyUid: importedInstances.studyInstanceUid,
				seriesUid: importedInstances.seriesInstanceUid,
				sopUid: importedInstances.sopInstanceUid
			}
		})
		.from(assignments)
		.innerJoin(readingSessions, eq(assignments.sessionId, readingSessions.id))
		.innerJoin(memberships, eq(readingSessions.membershipId, memberships.id))
		.innerJoin(studies, eq(readingSessions.studyId, studies.id))
		.innerJoin(cases, and(eq(cases.id, assignments.caseId), eq(cases.studyId, studies.id)))
		.leftJoin(
			images,
			and(eq(images.caseId, assignments.caseId), eq(images.ordinal, sql.placeholder('ordinal')))
		)
		.leftJoin(importedInstances, importedInstanceOfImage())
		.where(eq(assignments.publicId, sql.placeholder('publicId')))
		.prepare()
}));

type OwnedRow = Awaited<ReturnType<ReturnType<typeof statements>['byPublicId']['get']>>;

/** The assignment, if it is the caller's own (active reader membership); otherwise NotFound. */
export async function ownAssignment(
	tx: DbOrTx,
	principal: UserPrincipal,
	publicId: string
): Promise<OwnedAssignment> {
	return await owned(tx, principal, await statements(tx).byPublicId.get({ publicId }));
}

/**
 * The assignment as ownAssignment finds it, with image `ordinal` of its case and the image's store
 * key (undefined when the case has no such image), in one statement.
 */
export async function ownAssignmentImage(
	tx: DbOrTx,
	principal: UserPrincipal,
	publicId: string,
	ordinal: number
): Promise<{ owned: OwnedAssignment; image: KeyedImage | undefined }> {
	const row = await statements(tx).withImage.get({ publicId, ordinal });
	const found = await owned(tx, principal, row);
	// The image's columns are null when the case has no such image (the outer join found none).
	const image = row!.image;
	const { path, sha256, sizeBytes, frames } = image ?? {};
	if (!image || path == null || sha256 == null || sizeBytes == null || frames == null)
		return { owned: found, image: undefined };
	return {
		owned: found,
		image: keyedImage({
			...image,
			ordinal,
			path,
			sha256,
			sizeBytes,
			frames,
			caseId: found.assignment.caseId,
			caseKey: row!.caseKey,
			slug: row!.study.slug,
			sourceDir: row!.study.sourceDir
		})
	};
}

async function owned(
	tx: DbOrTx,
	principal: UserPrincipal,
	row: OwnedRow | undefined
): Promise<OwnedAssignment> {
	// Someone else's assignment looks exactly like a missing one.
	if (!row || row.membership.userId !== principal.userId || row.membership.role !== 'reader')
		throw new NotFound('No such assignment.');
	if (row.membership.withdrawnAt !== null)
		throw new AccessDenied('You have been withdrawn from this study.');
	const studyId = row.session.studyId;
	const { locked, frozen, held, read } = row;
	return {
		assignment: row.assignment,
		session: row.session,
		protocol: await studyProtocol(tx, studyId, row.protocolSha256),
		studyId,
		study: { slug: row.study.slug, title: row.study.title },
		gate: { locked, frozen, held, read }
	};
}
