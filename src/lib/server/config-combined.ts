// The settings read from several variables together (one needs another), and the check of every
// setting at start. Beside config.ts, which reads each variable (readSetting) and documents it
// (SETTINGS).
import { ConfigError, readSetting, SETTINGS } from './config';

/** Reads every setting, so that a bad value stops the start rather than a later request; names all bad ones. */
export function checkSettings(): void {
	const problems: string[] = [];
	for (const key of Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]) {
		try {
			readSetting(key);
		} catch (error) {
			if (!(error instanceof ConfigError)) throw error;
			problems.push(error.message);
		}
	}
	if (problems.length === 0) {
		try {
			mailSettings();
			imageStoreSettings();
		} catch (error) {
			if (!(error instanceof ConfigError)) throw error;
			problems.push(error.message);
		}
	}
	if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

/** TANDEM_SMTP_URL and TANDEM_MAIL_FROM: how invitation links are e-mailed, or undefined when not. */
export function mailSettings(): { smtpUrl: string; from: string } | undefined {
	const smtpUrl = readSetting('smtpUrl');
	const from = readSetting('mailFrom');
	if (smtpUrl === undefined) return undefined;
	if (from === undefined)
		throw new ConfigError(
			'TANDEM_MAIL_FROM must be set when TANDEM_SMTP_URL is (the sender of invitations)'
		);
	return { smtpUrl, from };
}

/** Where imported images are kept (TANDEM_IMAGE_STORE and its details); see images/image-stores.ts. */
export type ImageStoreSettings =
	| { kind: 'local' }
	| {
			kind: 's3';
			endpoint?: string;
			bucket: string;
			prefix: string;
			region: string;
			pathStyle: boolean;
	  }
	| { kind: 'dicomweb'; url: string };

/** TANDEM_IMAGE_STORE with TANDEM_S3_* or TANDEM_DICOMWEB_STORE_URL; a missing companion stops. */
export function imageStoreSettings(): ImageStoreSettings {
	const kind = readSetting('imageStore');
	if (kind === 'local') return { kind };
	if (kind === 'dicomweb') {
		const url = readSetting('dicomwebStoreUrl');
		if (url === undefined)
			throw new ConfigError(
				'TANDEM_DICOMWEB_STORE_URL must be set when TANDEM_IMAGE_STORE is dicomweb'
			);
		return { kind, url };
	}
	const bucket = readSetting('s3Bucket');
	if (bucket === undefined)
		throw new ConfigError('TANDEM_S3_BUCKET must be set when TANDEM_IMAGE_STORE is s3');
	const endpoint = readSetting('s3Endpoint');
	return {
		kind,
		...(endpoint ? { endpoint } : {}),
		bucket,
		prefix: readSetting('s3Prefix'),
		region: readSetting('s3Region'),
		pathStyle: readSetting('s3PathStyle')
	};
}
