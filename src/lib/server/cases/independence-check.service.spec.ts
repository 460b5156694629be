import { sqlRun } from '$fixtures/sql.fixture';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importCases } from './case-import.service';
import { folderSource } from './import-sources';
import { miniImportStudy, operator, rows, type MiniImportStudy } from './case-import-setup.fixture';
import { exchangeKeyFromHex, type ExchangeKey } from './exchange-hash';
import { checkIndependence, latestIndependenceCheck } from './independence-check.service';
import { verifyAuditChain } from '../audit/audit.service';
import { InputError } from '../errors';
import { identifiedDicom } from '$fixtures/identified-dicom.fixture';

const SOP = '1.2.826.0.1.3680043.99.42.';
const MAPPING = 'case_id,accession_number\nK1,ACC-1\nK2,ACC-2\nK3,ACC-3\nK4,ACC-4\n';
const KEY_HEX = randomBytes(32).toString('hex');
const key: ExchangeKey = exchangeKeyFromHex(KEY_HEX, 'test key');

/** What the sponsor runs on its side: HMAC-SHA-256 under the shared key, hex (README). */
const sponsorHmac = (value: string) =>
	createHmac('sha256', Buffer.from(KEY_HEX, 'hex')).update(value, 'utf8').digest('hex');

async function importCase(
	study: MiniImportStudy,
	n: number,
	patientId: string,
	institution: string,
	exchangeKey: ExchangeKey | undefined
) {
	study.put(
		`${n}.dcm`,
		identifiedDicom({
			accession: `ACC-${n}`,
			patientId,
			sopUid: `${SOP}${n}`,
			extra: { InstitutionName: institution }
		})
	);
	const report = await importCases(study.db, operator, 'mini-study', {
		source: folderSource(study.source),
		match: 'accession',
		mapping: { file: 'mapping.csv', text: MAPPING },
		keyFile: study.keyFile,
		exchangeKey
	});
	expect(report.failed).toBe(0);
}

/** K1–K3 imported with the exchange key (patients MRN-1…3), K4 (MRN-4) without it. */
async function testSet(): Promise<MiniImportStudy> {
	const study = await miniImportStudy();
	await importCase(study, 1, 'MRN-1', 'North  Clinic ', key);
	await importCase(study, 2, 'MRN-2', 'Imaginary General Hospital', key);
	await importCase(study, 3, ' MRN-3', 'Imaginary General Hospital', key);
	await importCase(study, 4, 'MRN-4', 'North Clinic', undefined);
	return study;
}

const manifest = (text: string) => ({ file: 'training.csv', text });

describe('checkIndependence', () => {
	it('finds the planted patients, and only those, by case; stores and audits the result', async () => {
		const study = await testSet();
		// Two test patients among unrelated training patients; MRN-4 was never hashed.
		const text = [
			'patient_hmac',
			sponsorHmac('MRN-9'),
			sponsorHmac('MRN-1'),
			sponsorHmac('MRN-31'),
			sponsorHmac('MRN-3').toUpperCase(),
			sponsorHmac('MRN-4'),
			sponsorHmac('mrn-2'),
			''
		].join('\n');
		const check = await checkIndependence(study.db, operator, 'mini-study', {
			manifest: manifest(text),
			exchangeKey: key,
			now: new Date('2026-12-05T10:00:00Z')
		});
		expect(check).toMatchObject({
			cases: 3,
			overlaps: [
				{ case: 'K1', patient: true, institution: false },
				{ case: 'K3', patient: true, institution: false }
			],
			unchecked: ['K4'],
			sites: [],
			manifestRows: 6,
			exchangeKeyId: key.id,
			datasetVersion: null,
			current: true
		});
		expect(await latestIndependenceCheck(study.db, 1)).toEqual(check);
		const audit = await rows<{ action: string; after_json: string }>(
			study.db,
			"SELECT action, after_json FROM audit_events WHERE action = 'cases.independence_checked'"
		);
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0]!.after_json)).toMatchObject({
			manifestRows: 6,
			overlaps: check.overlaps,
			unchecked: 1
		});
		expect((await verifyAuditChain(study.db)).ok).toBe(true);
		// Each import run records which exchange key (its fingerprint) it hashed with, if any.
		const runs = (
			await rows<{ after_json: string }>(
				study.db,
				"SELECT after_json FROM audit_events WHERE action = 'cases.import_started' ORDER BY seq"
			)
		).map((row) => (JSON.parse(row.after_json) as { exchangeKeyId: string | null }).exchangeKeyId);
		expect(runs).toEqual([key.id, key.id, key.id, null]);
		// Neither the raw IDs nor the key are stored anywhere.
		const dump = JSON.stringify(await rows(study.db, 'SELECT * FROM imported_instances'));
		expect(dump).not.toContain('MRN-');
		expect(dump).not.toContain(KEY_HEX);
		expect(dump).toContain(sponsorHmac('MRN-1'));
	});

	it('keeps every stored check: the database refuses to change or remove one', async () => {
		const study = await testSet();
		await checkIndependence(study.db, operator, 'mini-study', {
			manifest: manifest(`patient_hmac\n${sponsorHmac('MRN-1')}\n`),
			exchangeKey: key
		});
		await expect(
			sqlRun(study.db, "UPDATE independence_checks SET result_json = '{}'")
		).rejects.toThrow(/independence checks are append-only/);
		await expect(sqlRun(study.db, 'DELETE FROM independence_checks')).rejects.toThrow(
			/independence checks are append-only/
		);
		expect(await rows(study.db, 'SELECT id FROM independence_checks')).toHaveLength(1);
	});

	it("finds the training institutions among the images' and the declared sites' names", async () => {
		const study = await testSet();
		const text = [
			'patient_hmac,institution_hmac',
			`${sponsorHmac('MRN-77')},${sponsorHmac('NORTH CLINIC')}`,
			`,${sponsorHmac('SITE B')}`
		].join('\n');
		const check = await checkIndependence(study.db, operator, 'mini-study', {
			manifest: manifest(text),
			exchangeKey: key
		});
		// K4 is from North Clinic too, but its images carry no hashes.
		expect(check.overlaps).toEqual([{ case: 'K1', patient: false, institution: true }]);
		expect(check.sites).toEqual(['site-b']);
	});

	it('refuses without an exchange key, saying which setting to give; nothing is stored', async () => {
		const study = await testSet();
		const run = async () =>
			await checkIndependence(study.db, operator, 'mini-study', {
				manifest: manifest(`patient_hmac\n${sponsorHmac('MRN-1')}\n`),
				exchangeKey: undefined
			});
		await expect(run()).rejects.toThrow(InputError);
		await expect(run()).rejects.toThrow(/^No exchange key: set TANDEM_EXCHANGE_KEY_FILE/);
		expect(await rows(study.db, 'SELECT * FROM independence_checks')).toHaveLength(0);
	});

	it('names every bad line and field, without repeating what may be a raw ID', async () => {
		const study = await testSet();
		const text = [
			'patient_hmac,institution_hmac',
			sponsorHmac('MRN-1'),
			'MRN4477123,',
			`${sponsorHmac('MRN-2')},Imaginary General Hospital`,
			','
		].join('\n');
		let error: unknown;
		try {
			await checkIndependence(study.db, operator, 'mini-study', {
				manifest: manifest(text),
				exchangeKey: key
			});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(InputError);
		const message = (error as Error).message;
		expect(message.split('\n')).toEqual([
			'training.csv:3: patient_hmac: must be an HMAC-SHA-256 in hex (64 hex digits), never a raw identifier; got 10 character(s), not repeated here',
			'training.csv:4: institution_hmac: must be an HMAC-SHA-256 in hex (64 hex digits), never a raw identifier; got 26 character(s), not repeated here',
			'training.csv:5: patient_hmac: empty: a row needs a patient_hmac or an institution_hmac',
			'3 problem(s) in the training manifest; nothing was changed'
		]);
		expect(message).not.toContain('MRN4477123');
		await expect(
			checkIndependence(study.db, operator, 'mini-study', {
				manifest: manifest(`patient_id\nMRN-1\n`),
				exchangeKey: key
			})
		).rejects.toThrow(
			'training.csv:1: patient_hmac: missing column "patient_hmac"\ntraining.csv:1: patient_id: unknown column "patient_id"'
		);
		expect(await rows(study.db, 'SELECT * FROM independence_checks')).toHaveLength(0);
	});
});
