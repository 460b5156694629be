// The transfer syntaxes the server decodes, what decodes each, and whether it is lossy.

export type Codec =
	| 'native'
	| 'rle'
	| 'jpeg-baseline'
	| 'jpeg-extended'
	| 'jpeg-lossless'
	| 'jpeg-ls'
	| 'jpeg-2000'
	| 'htj2k';

export interface SyntaxInfo {
	name: string;
	codec: Codec;
	lossy: boolean;
	bigEndian?: boolean;
	deflated?: boolean;
}

export const TRANSFER_SYNTAXES: Readonly<Record<string, SyntaxInfo>> = {
	'1.2.840.10008.1.2': { name: 'Implicit VR Little Endian', codec: 'native', lossy: false },
	'1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian', codec: 'native', lossy: false },
	'1.2.840.10008.1.2.1.99': {
		name: 'Deflated Explicit VR Little Endian',
		codec: 'native',
		lossy: false,
		deflated: true
	},
	'1.2.840.10008.1.2.2': {
		name: 'Explicit VR Big Endian',
		codec: 'native',
		lossy: false,
		bigEndian: true
	},
	'1.2.840.10008.1.2.5': { name: 'RLE Lossless', codec: 'rle', lossy: false },
	'1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline', codec: 'jpeg-baseline', lossy: true },
	'1.2.840.10008.1.2.4.51': { name: 'JPEG Extended', codec: 'jpeg-extended', lossy: true },
	'1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless', codec: 'jpeg-lossless', lossy: false },
	'1.2.840.10008.1.2.4.70': {
		name: 'JPEG Lossless, SV1',
		codec: 'jpeg-lossless',
		lossy: false
	},
	'1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: 'jpeg-ls', lossy: false },
	'1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: 'jpeg-ls', lossy: true },
	'1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: 'jpeg-2000', lossy: false },
	'1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: 'jpeg-2000', lossy: true },
	'1.2.840.10008.1.2.4.201': { name: 'HTJ2K Lossless', codec: 'htj2k', lossy: false },
	'1.2.840.10008.1.2.4.202': { name: 'HTJ2K Lossless RPCL', codec: 'htj2k', lossy: false },
	'1.2.840.10008.1.2.4.203': { name: 'HTJ2K', codec: 'htj2k', lossy: true }
};

/** The syntax's facts, or a DicomDecodeError-worthy sentence when it is not decoded here. */
export function syntaxInfo(uid: string): SyntaxInfo | string {
	return (
		TRANSFER_SYNTAXES[uid] ??
		`transfer syntax ${uid} is not one the server can decode (supported: ${Object.values(
			TRANSFER_SYNTAXES
		)
			.map((syntax) => syntax.name)
			.join(', ')})`
	);
}
