// The outbox kept in IndexedDB, one database per signed-in user, so what one reader handed over is
// never sent under another's session and survives a reload, a crash or a closed tab.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NewEntry, OutboxEntry, OutboxStore } from './read-outbox';

interface OutboxSchema extends DBSchema {
	entries: { key: number; value: OutboxEntry };
}

export function indexedDbStore(user: string): OutboxStore {
	let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;
	const db = () =>
		(opened ??= openDB<OutboxSchema>(`tandem-outbox:${user}`, 1, {
			upgrade(database) {
				database.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true });
			}
		}));
	return {
		// Keys grow with each entry: key order is the order the entries were made.
		all: async () => (await db()).getAll('entries'),
		add: async (entry: NewEntry) => {
			const made = { ...entry, refused: null } as OutboxEntry;
			const seq = await (await db()).add('entries', made);
			return { ...made, seq };
		},
		put: async (entry) => void (await (await db()).put('entries', entry)),
		delete: async (seq) => (await db()).delete('entries', seq)
	};
}
