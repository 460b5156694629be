/** A progress line: redrawn in place on a terminal, one line per 10 % otherwise (logs, CI). */
export function progressLine(label: string, done: number, total: number): string {
	const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
	const text = `${label}: ${done}/${total} (${percent} %)`;
	if (process.stderr.isTTY) return `\r${text}`;
	const step = Math.max(1, Math.ceil(total / 10));
	return done === total || done % step === 0 ? `${text}\n` : '';
}
