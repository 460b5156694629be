// What a backup copies besides the database, read from the database copy and the settings: the
// keys (signing key, de-identification keys), the exports kept for download, the registered model
// files, and each study folder's protocol files and stored images. Images and models carry the
// SHA-256 the database holds for them, so a file that no longer matches is named at once.
import { asc, desc, eq } from 'drizzle-orm';
import { existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { aiModels, cases, images, protocolVersions, studies } from '../db/schema';
import type { DbOrTx } from '../db/client';
import { filesUnder } from '../export/signed-manifest';
import { DATA_FOLDER, MODELS_FOLDER, STUDIES_FOLDER, type BackupManifest } from './backup-manifest';

export interface BackupSource {
	/** The file's name inside the backup. */
	name: string;
	/** Where it is read from. */
	from: string;
	/** The SHA-256 the database holds for it (images, models), if any. */
	expectedSha256: string | null;
}

export interface SourcePaths {
	signingKey: string;
	deidKeys: string;
	exports: string;
}

export const SIGNING_KEY_FILE = `${DATA_FOLDER}/signing-key.pem`;
export const DEID_KEYS_FOLDER = `${DATA_FOLDER}/deid-keys`;
export const EXPORTS_FOLDER = `${DATA_FOLDER}/exports`;

/** A relative path with no '..' or empty segment stays inside the folder it is joined to. */
const staysInside = (path: string) =>
	path !== '' &&
	!posix.isAbsolute(path) &&
	path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

export async function backupSources(
	copy: DbOrTx,
	paths: SourcePaths
): Promise<{ sources: BackupSource[]; models: BackupManifest['models'] }> {
	const sources: BackupSource[] = [
		{ name: SIGNING_KEY_FILE, from: paths.signingKey, expectedSha256: null },
		...folderFiles(paths.deidKeys, DEID_KEYS_FOLDER),
		...folderFiles(paths.exports, EXPORTS_FOLDER)
	];

	const models = await copy.select().from(aiModels).orderBy(asc(aiModels.id));
	const modelFiles = new Map<string, BackupSource>();
	for (const model of models)
		modelFiles.set(`${MODELS_FOLDER}/${model.sha256}.onnx`, {
			name: `${MODELS_FOLDER}/${model.sha256}.onnx`,
			from: model.path,
			expectedSha256: model.sha256
		});
	sources.push(...modelFiles.values());

	for (const study of await copy.select().from(studies).orderBy(asc(studies.slug))) {
		const prefix = `${STUDIES_FOLDER}/${study.slug}/`;
		for (const file of await protocolFiles(copy, study.id)) {
			const from = join(study.sourceDir, file);
			if (staysInside(file) && existsSync(from))
				sources.push({ name: `${prefix}${file}`, from, expectedSha256: null });
		}
		for (const image of await studyImages(copy, study.id)) {
			// cases.csv keeps image folders inside the study folder; anything else is not ours to copy.
			if (!staysInside(image.path))
				throw new Error(`${study.slug}: image ${image.path} lies outside the study folder`);
			sources.push({
				name: `${prefix}${image.path}`,
				from: join(study.sourceDir, image.path),
				expectedSha256: image.sha256
			});
		}
	}
	return {
		sources,
		models: models.map((model) => ({
			name: model.name,
			version: model.version,
			sha256: model.sha256,
			path: model.path,
			file: `${MODELS_FOLDER}/${model.sha256}.onnx`
		}))
	};
}

function folderFiles(folder: string, name: string): BackupSource[] {
	if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
	return filesUnder(folder).map((file) => ({
		name: `${name}/${file}`,
		from: join(folder, file),
		expectedSha256: null
	}));
}

/** The protocol files of the study's latest load (study.yaml, cases.csv, truth.csv …). */
async function protocolFiles(copy: DbOrTx, studyId: number): Promise<string[]> {
	const latest = (
		await copy
			.select({ filesJson: protocolVersions.filesJson })
			.from(protocolVersions)
			.where(eq(protocolVersions.studyId, studyId))
			.orderBy(desc(protocolVersions.revision))
			.limit(1)
	)[0];
	return latest ? Object.keys(JSON.parse(latest.filesJson) as Record<string, string>) : [];
}

export async function studyImages(copy: DbOrTx, studyId: number) {
	return await copy
		.select({ path: images.path, sha256: images.sha256 })
		.from(images)
		.innerJoin(cases, eq(images.caseId, cases.id))
		.where(eq(cases.studyId, studyId))
		.orderBy(asc(images.path));
}
