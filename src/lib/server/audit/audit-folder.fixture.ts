// A data folder (TANDEM_DB's folder: the signing key, the checkpoint file) with a fresh database of
// the run's dialect: its SQLite file, or, against PostgreSQL, a test database of its own (whose
// checkpoints are kept in the table only: there is no file beside a PostgreSQL database).
import { dataFolder, type DataFolder } from '$fixtures/data-folder.fixture';
import { testDatabase } from '$fixtures/test-db.fixture';
import { onPostgres } from '$fixtures/dialect.fixture';

export async function auditFolder(): Promise<DataFolder> {
	const folder = dataFolder();
	if (!onPostgres) return folder;
	folder.db.$client.close();
	return { ...folder, db: await testDatabase() };
}
