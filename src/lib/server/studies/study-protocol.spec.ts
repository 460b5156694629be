import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { protocolOf, studyProtocol } from './study-protocol';
import { readStudyFolder } from './study-folder';
import { loadStudy } from './study-load.service';
import { operatorPrincipal } from '../access/principal';
import { readingView } from '../reads/reading.service';
import { studies } from '../db/schema';
import type { Db } from '../db/client';
import { enrolledStudy, twelveCaseOptions } from '$fixtures/enrolled-study.fixture';
import { readerAssignments } from '$fixtures/reader-assignments.fixture';
import {
	FIXTURE_YAML,
	makeStudyFolder,
	READ_BEFORE_FREEZE,
	writeStudyFiles
} from '$fixtures/study-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';

const row = async (db: Db) =>
	(await db.select().from(studies).where(eq(studies.slug, 'mini-study')))[0]!;

/** The fixture protocol with the reading block's idle pause set. */
const withIdlePause = (seconds: number) =>
	FIXTURE_YAML.replace(
		READ_BEFORE_FREEZE,
		`reading:\n  before_freeze: true\n  idle_pause_seconds: ${seconds}\n`
	);

async function reload(db: Db, dir: string, yaml: string) {
	writeStudyFiles(dir, twelveCaseOptions(yaml));
	const folder = readStudyFolder(dir);
	if (!folder.ok) throw new Error(JSON.stringify(folder.problems));
	return await loadStudy(db, operatorPrincipal(), folder.folder);
}

describe('the parsed protocol, cached per study and version', () => {
	it('is parsed once per version: the same (frozen) object until the protocol changes', async () => {
		const { db } = await enrolledStudy(['site-a']);
		const stored = await row(db);
		const first = await studyProtocol(db, stored.id, stored.protocolSha256);
		expect(first).toEqual(JSON.parse(stored.protocolJson));
		expect(await studyProtocol(db, stored.id, stored.protocolSha256)).toBe(first);
		expect(protocolOf(stored)).toBe(protocolOf(await row(db)));
		// Shared by every caller of the version: nobody can change it for the others.
		expect(Object.isFrozen(first.rating)).toBe(true);
		expect(() => {
			(first.reading as { idle_pause_seconds: number }).idle_pause_seconds = 1;
		}).toThrow(TypeError);
	});

	it('never serves a changed protocol stale: a new version is parsed at once, by both caches', async () => {
		const { db, dir, readers } = await enrolledStudy(['site-a']);
		const reader = readers[0]!;
		const [first, second] = await readerAssignments(db, reader.email, { period: 1 });
		const before = await row(db);
		expect((await readingView(db, reader, first!.id)).idlePauseSeconds).not.toBe(45);
		const cached = await studyProtocol(db, before.id, before.protocolSha256);
		const cachedRow = protocolOf(before);

		expect((await reload(db, dir, withIdlePause(45))).status).toBe('updated');
		const after = await row(db);
		expect(after.protocolSha256).not.toBe(before.protocolSha256);
		expect(
			(await studyProtocol(db, after.id, after.protocolSha256)).reading.idle_pause_seconds
		).toBe(45);
		expect(protocolOf(after).reading.idle_pause_seconds).toBe(45);
		expect(protocolOf(after)).not.toBe(cachedRow);
		// The reader's next request sees the new version.
		expect((await readingView(db, reader, second!.id)).idlePauseSeconds).toBe(45);
		expect(cached.reading.idle_pause_seconds).not.toBe(45);

		// And back: the version before is parsed again, not mixed up with the one in between.
		await reload(db, dir, withIdlePause(90));
		expect((await readingView(db, reader, second!.id)).idlePauseSeconds).toBe(90);
	});

	it('keeps each database’s protocols apart (tests open many; study ids repeat)', async () => {
		const [one, two] = [await testDatabase(), await testDatabase()];
		for (const [db, title] of [
			[one, 'First title'],
			[two, 'Second title']
		] as const) {
			const dir = makeStudyFolder({
				yaml: FIXTURE_YAML.replace('title: Mini study for tests', `title: ${title}`)
			});
			const folder = readStudyFolder(dir);
			if (!folder.ok) throw new Error('invalid fixture');
			await loadStudy(db, operatorPrincipal(), folder.folder);
		}
		const [first, second] = [await row(one), await row(two)];
		expect(first.id).toBe(second.id);
		expect((await studyProtocol(one, first.id, first.protocolSha256)).title).toBe('First title');
		expect((await studyProtocol(two, second.id, second.protocolSha256)).title).toBe('Second title');
		expect(protocolOf(first).title).toBe('First title');
		expect(protocolOf(second).title).toBe('Second title');
	});
});
