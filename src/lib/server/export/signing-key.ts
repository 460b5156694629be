// The server's Ed25519 signing key for export manifests, kept beside the database (mode 0600),
// created on first use.
import {
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	type KeyObject
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { signingKeyPath } from '../config';

export function signingKey(): { privateKey: KeyObject; publicKeyPem: string } {
	const path = signingKeyPath();
	if (!existsSync(path)) {
		const { privateKey } = generateKeyPairSync('ed25519');
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
			mode: 0o600,
			flag: 'wx'
		});
	}
	const privateKey = createPrivateKey(readFileSync(path));
	return {
		privateKey,
		publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
	};
}
