// Where the server process stands: starting (the init hook has not finished), serving (its
// background services are running), draining (a stop signal came: no new connections, the
// requests under way finish) or stopped. The readiness check reads it; long-lived responses (the
// monitor's event stream) end when draining starts, so that they do not hold the shutdown up.

export type ServerPhase = 'starting' | 'serving' | 'draining' | 'stopped';

let phase: ServerPhase = 'starting';
const drainListeners = new Set<() => void>();

export function serverPhase(): ServerPhase {
	return phase;
}

export function markServing(): void {
	if (phase === 'starting') phase = 'serving';
}

/** Starts draining (once): every listener is told, in the order they subscribed. */
export function startDraining(): void {
	if (phase === 'draining' || phase === 'stopped') return;
	phase = 'draining';
	for (const listener of [...drainListeners]) {
		drainListeners.delete(listener);
		listener();
	}
}

export function markStopped(): void {
	phase = 'stopped';
}

/** Calls `listener` when draining starts (at once if it has); returns the unsubscribe. */
export function onDrain(listener: () => void): () => void {
	if (phase === 'draining' || phase === 'stopped') {
		listener();
		return () => {};
	}
	drainListeners.add(listener);
	return () => drainListeners.delete(listener);
}

/** Back to starting, for a test that runs the lifecycle more than once in one process. */
export function resetServerPhase(): void {
	phase = 'starting';
	drainListeners.clear();
}
