// A study's protocol as stored with it (the JSON of the loaded study.yaml, validated when it was
// loaded), parsed once per version of it rather than on every call: the read path asks for it on
// every request. Two caches, both keyed so that a new version is never served stale:
// - `protocolOf(study)`, for callers that hold the study's row: by study id, used only while the
//   row's JSON is exactly the JSON it was parsed from;
// - `studyProtocol(db, studyId, sha256)`, for the read path, whose queries fetch the protocol's
//   SHA-256 (64 characters) instead of its JSON: by study id and that hash (study-load.service.ts
//   writes the hash with the JSON: an amendment changes both), per database connection.
// The protocol handed out is frozen: it is shared by every caller of the same version.
import { eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import type { Protocol } from '../../design/protocol/protocol.schema';

const parsedRows = new Map<number, { json: string; protocol: Protocol }>();

function parse(json: string): Protocol {
	return deepFreeze(JSON.parse(json) as Protocol);
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

export function protocolOf(
	study: Pick<typeof studies.$inferSelect, 'id' | 'protocolJson'>
): Protocol {
	const cached = parsedRows.get(study.id);
	if (cached && cached.json === study.protocolJson) return cached.protocol;
	const protocol = parse(study.protocolJson);
	parsedRows.set(study.id, { json: study.protocolJson, protocol });
	return protocol;
}

const protocolRow = perConnection((db) => ({
	cache: new Map<number, { sha256: string; protocol: Protocol }>(),
	row: db
		.select({ sha256: studies.protocolSha256, json: studies.protocolJson })
		.from(studies)
		.where(eq(studies.id, sql.placeholder('studyId')))
		.prepare()
}));

/**
 * The protocol of the study whose stored protocol has this SHA-256 (as the caller's query found
 * it): parsed once per study and hash on this connection.
 */
export async function studyProtocol(
	db: DbOrTx,
	studyId: number,
	sha256: string
): Promise<Protocol> {
	const { cache, row } = protocolRow(db);
	const cached = cache.get(studyId);
	if (cached?.sha256 === sha256) return cached.protocol;
	const stored = await row.get({ studyId });
	if (!stored) throw new Error(`No study ${studyId}.`);
	const protocol = parse(stored.json);
	cache.set(studyId, { sha256: stored.sha256, protocol });
	return protocol;
}
