// The model registry (AI-1): each model file is stored by its SHA-256 with its manifest; a study's
// protocol names the model by name and version. Registering is an operator's act (CLI), audited.
import { and, asc, eq, sql } from 'drizzle-orm';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aiModels } from '../db/schema';
import type { Db, DbOrTx } from '../db/client';
import { perConnection } from '../db/prepared';
import { recordAudit } from '../audit/audit.service';
import type { Principal } from '../access/principal';
import { AccessDenied, Conflict, InputError } from '../errors';
import { modelStore } from '../config';
import { sha256Hex } from '../crypto/hash';
import { modelManifestSchema, type ModelManifest } from './inference/manifest';
import { withTransaction } from '../db/transaction';

export type RegisteredModel = typeof aiModels.$inferSelect;

export function readManifest(path: string): ModelManifest {
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(path, 'utf8'));
	} catch (error) {
		throw new InputError(`${path}: not readable JSON (${(error as Error).message})`);
	}
	const parsed = modelManifestSchema.safeParse(raw);
	if (!parsed.success) {
		throw new InputError(
			parsed.error.issues
				.map((issue) => `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
				.join('\n')
		);
	}
	return parsed.data;
}

export interface AddModelInput {
	name: string;
	version: string;
	file: string;
	manifest: string;
}

/** Registers a model; re-adding the identical file and manifest is a no-op, a different one is refused. */
export async function addModel(
	db: Db,
	principal: Principal,
	input: AddModelInput
): Promise<{ model: RegisteredModel; created: boolean }> {
	if (principal.kind === 'user')
		throw new AccessDenied('Models are registered by an operator (tandem model add).');
	if (!existsSync(input.file)) throw new InputError(`${input.file}: file not found`, 'file');
	const manifest = readManifest(input.manifest);
	if (manifest.name !== input.name || manifest.version !== input.version) {
		throw new InputError(
			`${input.manifest}: the manifest describes ${manifest.name} ${manifest.version}, not ${input.name} ${input.version}`,
			'manifest'
		);
	}
	const bytes = readFileSync(input.file);
	const sha256 = sha256Hex(bytes);
	const manifestJson = JSON.stringify(manifest);
	return await withTransaction(db, async (tx) => {
		const existing = await findModel(tx, input.name, input.version);
		if (existing) {
			if (existing.sha256 === sha256 && existing.manifestJson === manifestJson)
				return { model: existing, created: false };
			throw new Conflict(
				`${input.name} ${input.version} is already registered with different weights or manifest (sha256 ${existing.sha256}); give the new model a new version.`
			);
		}
		const path = join(modelStore(), `${sha256}.onnx`);
		mkdirSync(modelStore(), { recursive: true });
		if (!existsSync(path)) copyFileSync(input.file, path);
		const model = (
			await tx
				.insert(aiModels)
				.values({ name: input.name, version: input.version, sha256, manifestJson, path })
				.returning()
		)[0]!;
		await recordAudit(tx, principal, {
			action: 'ai.model_registered',
			entityType: 'ai_model',
			entityId: model.id,
			after: {
				name: model.name,
				version: model.version,
				sha256,
				task: manifest.task,
				threshold: manifest.threshold
			}
		});
		return { model, created: true };
	});
}

// Looked up by every aided reading view: prepared once per connection.
const modelStatement = perConnection((db) =>
	db
		.select()
		.from(aiModels)
		.where(
			and(
				eq(aiModels.name, sql.placeholder('name')),
				eq(aiModels.version, sql.placeholder('version'))
			)
		)
		.prepare()
);

export async function findModel(
	tx: DbOrTx,
	name: string,
	version: string
): Promise<RegisteredModel | undefined> {
	return await modelStatement(tx).get({ name, version });
}

export async function listModels(db: Db): Promise<RegisteredModel[]> {
	return await db.select().from(aiModels).orderBy(asc(aiModels.name), asc(aiModels.version));
}

export function manifestOf(model: RegisteredModel): ModelManifest {
	return JSON.parse(model.manifestJson) as ModelManifest;
}
