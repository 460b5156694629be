// The server's Ed25519 signing key for export manifests and audit checkpoints, kept beside the
// database (mode 0600, in a folder created 0700), created on first use.
import {
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	type KeyObject
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { signingKeyPath } from '../config';
import { makePrivateFolder, PRIVATE_FILE_MODE, restrictToOwner } from '../private-files';

export function signingKey(): { privateKey: KeyObject; publicKeyPem: string } {
	const path = signingKeyPath();
	if (!existsSync(path)) {
		const { privateKey } = generateKeyPairSync('ed25519');
		makePrivateFolder(dirname(path));
		writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
			mode: PRIVATE_FILE_MODE,
			flag: 'wx'
		});
	}
	restrictToOwner(path);
	const privateKey = createPrivateKey(readFileSync(path));
	return {
		privateKey,
		publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
	};
}

/** The public key of the signing key if there is one (nothing is created), to check signatures. */
export function existingPublicKeyPem(): string | null {
	const path = signingKeyPath();
	if (!existsSync(path)) return null;
	return createPublicKey(createPrivateKey(readFileSync(path)))
		.export({ type: 'spki', format: 'pem' })
		.toString();
}
