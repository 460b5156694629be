// Files only the account that runs Tandem may read: the database with its -wal and -shm files
// (the code key, the truth, password hashes), the signing key and the de-identification keys.
// They are created 0600 in folders created 0700, whatever the umask; one created earlier with
// group or world access loses that access when it is next opened.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

/** Creates the folder and its missing parents 0700; an existing folder is left as it is. */
export function makePrivateFolder(path: string): void {
	const first = mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
	if (first !== undefined) chmodSync(path, PRIVATE_FOLDER_MODE);
}

/** Creates an empty file 0600 if there is none, else narrows the one there to its owner. */
export function ensurePrivateFile(path: string): void {
	if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
	restrictToOwner(path);
}

/** Takes group and world access away from a file of this account, if it exists. */
export function restrictToOwner(path: string): void {
	if (!existsSync(path)) return;
	const { mode, uid } = statSync(path);
	if ((mode & 0o077) === 0 || uid !== process.getuid?.()) return;
	chmodSync(path, mode & 0o700);
}
