// A new reader of the fixture study invited at site-a by the operator: the database, the
// invitation (its token shown once) and the study's title, for the invitation specs of this folder;
// and the audit rows those specs look for.
import { sqlRow, sqlRows } from '$fixtures/sql.fixture';
import { addUser } from './user.service';
import { readStudyFolder } from '../studies/study-folder';
import { loadStudy } from '../studies/study-load.service';
import { operatorPrincipal } from '../access/principal';
import { makeStudyFolder } from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import type { Db } from '../db/client';

export async function invitedReader() {
	const db = await testDatabase();
	const result = readStudyFolder(makeStudyFolder());
	if (!result.ok) throw new Error('fixture invalid');
	await loadStudy(db, operatorPrincipal(), result.folder);
	const added = await addUser(db, operatorPrincipal(), {
		email: 'New.Reader@x.org',
		name: 'New Reader',
		role: 'reader',
		study: 'mini-study',
		site: 'site-a',
		invite: true
	});
	const title = ((await sqlRow(db, 'SELECT title FROM studies')) as { title: string }).title;
	return { db, invitation: added.invitation!, title };
}

/** The audit rows whose action is LIKE the pattern, in chain order, with their after-image. */
export async function auditRows(
	db: Db,
	like: string
): Promise<{ action: string; after: string }[]> {
	return (await sqlRows(
		db,
		'SELECT action, after_json AS after FROM audit_events WHERE action LIKE ? ORDER BY seq',
		like
	)) as { action: string; after: string }[];
}
