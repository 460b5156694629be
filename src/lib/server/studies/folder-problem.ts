// The problems a study folder check reports: each with its file, and line and field where
// there is one; at most 100 listed per file.
import type { ProtocolFileError } from './protocol-files';

export interface FolderProblem {
	severity: 'error' | 'warning';
	file: string;
	line?: number;
	field?: string;
	message: string;
}

export function formatProblem(problem: FolderProblem): string {
	const place = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
	const field = problem.field ? ` ${problem.field}:` : '';
	return `${place}:${field} ${problem.message}${problem.severity === 'warning' ? ' (warning)' : ''}`;
}

/** A problem of a protocol file's own content (size, encoding), at its line when known. */
export function fileProblem(file: string, error: ProtocolFileError): FolderProblem {
	return { severity: 'error', file, line: error.line, message: error.message };
}

/** At most this many problems are listed per file; the rest are counted. */
const MAX_PROBLEMS_PER_FILE = 100;

export function capProblems(problems: FolderProblem[]): FolderProblem[] {
	const shown = new Map<string, number>();
	const kept: FolderProblem[] = [];
	for (const problem of problems) {
		const count = (shown.get(problem.file) ?? 0) + 1;
		shown.set(problem.file, count);
		if (count <= MAX_PROBLEMS_PER_FILE) kept.push(problem);
	}
	for (const [file, count] of shown) {
		if (count > MAX_PROBLEMS_PER_FILE)
			kept.push({
				severity: 'error',
				file,
				message: `… and ${(count - MAX_PROBLEMS_PER_FILE).toLocaleString('en-US')} more problem(s) in this file`
			});
	}
	return kept;
}
