// A study's protocol as stored with it (the JSON of the loaded study.yaml).
import type { studies } from '../db/schema';
import type { Protocol } from '../../design/protocol/protocol.schema';

export function protocolOf(study: typeof studies.$inferSelect): Protocol {
	return JSON.parse(study.protocolJson) as Protocol;
}
