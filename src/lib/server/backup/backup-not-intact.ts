// A backup that does not hold what its manifest says, or that cannot be restored as it is: the
// message names the backup, the file and what is wrong with it.
import { Conflict } from '../errors';

export class BackupNotIntact extends Conflict {
	constructor(
		readonly dir: string,
		readonly file: string,
		readonly problem: string
	) {
		super(`backup ${dir} NOT intact: ${file}: ${problem}`, { file, problem });
	}
}
