// The image store's settings (TANDEM_IMAGE_STORE and the S3 / DICOMweb details), kept beside
// config.ts, which reads them with every other setting (SETTINGS spreads this table in).
import { z } from 'zod';
import type { Setting } from './config';

const httpUrl = z
	.string()
	.refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol));

export const IMAGE_STORE_SETTINGS = {
	imageStore: {
		variables: ['TANDEM_IMAGE_STORE'],
		default: 'local',
		meaning:
			'Where imported images are kept: `local` (files in each study folder), `s3` (an S3-compatible object store, TANDEM_S3_*) or `dicomweb` (a DICOMweb server, TANDEM_DICOMWEB_STORE_URL); `tandem images migrate` moves a study into it.',
		requirement: '"local", "s3" or "dicomweb"',
		schema: z.enum(['local', 's3', 'dicomweb']),
		fallback: () => 'local' as const
	},
	s3Endpoint: {
		variables: ['TANDEM_S3_ENDPOINT'],
		default: "unset: AWS S3's own endpoint for the region",
		meaning: 'The S3-compatible service, e.g. `http://minio.internal:9000`.',
		requirement: 'an http:// or https:// address',
		schema: httpUrl,
		fallback: () => undefined
	},
	s3Bucket: {
		variables: ['TANDEM_S3_BUCKET'],
		default: 'unset (needed with TANDEM_IMAGE_STORE=s3)',
		meaning: 'The bucket images are stored in (it must exist).',
		requirement: 'a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)',
		schema: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
		fallback: () => undefined
	},
	s3Prefix: {
		variables: ['TANDEM_S3_PREFIX'],
		default: 'none',
		meaning:
			'Put before every object name, e.g. `tandem/`; objects are named `<prefix><study>/<sha256>.dcm`.',
		requirement: 'a prefix of letters, digits and / . _ -',
		schema: z.string().regex(/^[A-Za-z0-9/._-]{1,200}$/),
		fallback: () => ''
	},
	s3Region: {
		variables: ['TANDEM_S3_REGION', 'AWS_REGION'],
		default: 'us-east-1',
		meaning: 'The region the bucket is in (any value for most self-hosted stores).',
		requirement: 'a region name such as eu-central-1',
		schema: z.string().regex(/^[a-z0-9-]{1,40}$/),
		fallback: () => 'us-east-1'
	},
	s3PathStyle: {
		variables: ['TANDEM_S3_PATH_STYLE'],
		default: 'off',
		meaning:
			'`on`: the bucket goes in the path (`host/bucket/key`), as MinIO and most self-hosted stores want; `off`: in the host name, as AWS does.',
		requirement: '"on" or "off"',
		schema: z.enum(['on', 'off']).transform((value) => value === 'on'),
		fallback: () => false
	},
	dicomwebStoreUrl: {
		variables: ['TANDEM_DICOMWEB_STORE_URL'],
		default: 'unset (needed with TANDEM_IMAGE_STORE=dicomweb)',
		meaning:
			'The DICOMweb root that stores (STOW-RS) and serves (WADO-RS) the images, e.g. `http://user:password@orthanc:8042/dicom-web`; credentials in it are sent as Basic authentication and never shown.',
		requirement: 'an http:// or https:// address',
		schema: httpUrl,
		fallback: () => undefined,
		secret: true
	},
	imageCacheMegabytes: {
		variables: ['TANDEM_IMAGE_CACHE_MB'],
		default: '256',
		meaning:
			"Memory each app process keeps for the bytes of the images it served last (those of up to 4 MiB), so that the next reader's request for the same image does not read the store again; `0` turns it off.",
		requirement: 'a whole number of megabytes from 0 to 65536',
		schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(0).max(65_536)),
		fallback: () => 256
	}
} as const satisfies Record<string, Setting<unknown>>;
