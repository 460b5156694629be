// The reading clock (READ-3): counts from the first rendered image to the submit, excluding
// pauses. A pause is explicit (the reader pressed pause), the tab being hidden, or idleness: after
// `idleMs` without input the clock stops *at the moment the threshold was reached* (idle time
// beyond it is not counted, whenever the check happens to run) and restarts at the next input.
// Pure: the clock is injected, so the arithmetic is tested without waiting.

export type PauseReason = 'user' | 'hidden' | 'idle';

export type TimerState = 'waiting' | 'running' | 'paused' | 'stopped';

export interface TimerTransition {
	type: 'start' | 'pause' | 'resume' | 'stop';
	/** Clock time (ms) at which the transition took effect; an idle pause is back-dated to the threshold. */
	at: number;
	reason?: PauseReason;
}

export interface TimerSnapshot {
	state: TimerState;
	/** Reading time so far: running time only. */
	elapsedMs: number;
	/** Time spent paused since the start (explicit, hidden and idle beyond the threshold). */
	pausedMs: number;
	reasons: PauseReason[];
}

export interface ReadTimerOptions {
	idleMs: number;
	now: () => number;
	/** Elapsed and paused time carried over from an earlier visit to the same case (a reload). */
	carried?: { elapsedMs?: number; pausedMs?: number };
	onTransition?: (transition: TimerTransition) => void;
}

export interface ReadTimer {
	start(): void;
	/** Any reader input: restarts an idle clock and postpones the idle threshold. */
	input(): void;
	pause(reason: PauseReason): void;
	resume(reason: PauseReason): void;
	/** Applies an idle pause that is due; call it now and then (the arithmetic does not depend on when). */
	tick(): void;
	stop(): TimerSnapshot;
	snapshot(): TimerSnapshot;
}

export function createReadTimer(options: ReadTimerOptions): ReadTimer {
	return new ReadingClock(options);
}

class ReadingClock implements ReadTimer {
	private state: TimerState = 'waiting';
	private elapsed: number;
	private paused: number;
	/** When the current running or paused stretch began. */
	private since = 0;
	private lastInput = 0;
	private readonly reasons = new Set<PauseReason>();
	private readonly idleMs: number;
	private readonly now: () => number;
	private readonly emit: (transition: TimerTransition) => void;

	constructor(options: ReadTimerOptions) {
		this.idleMs = options.idleMs;
		this.now = options.now;
		this.emit = options.onTransition ?? (() => {});
		this.elapsed = options.carried?.elapsedMs ?? 0;
		this.paused = options.carried?.pausedMs ?? 0;
	}

	start(): void {
		if (this.state !== 'waiting') return;
		const at = this.now();
		this.since = at;
		this.lastInput = at;
		this.state = this.reasons.size > 0 ? 'paused' : 'running';
		this.emit({ type: 'start', at });
	}

	input(): void {
		this.tick();
		this.lastInput = this.now();
		if (this.reasons.has('idle')) this.resume('idle');
	}

	pause(reason: PauseReason): void {
		this.tick();
		if (this.reasons.has(reason) || this.state === 'stopped') return;
		this.reasons.add(reason);
		if (this.state === 'waiting') return;
		const at = this.now();
		this.settle(at);
		this.emit({ type: 'pause', at, reason });
	}

	resume(reason: PauseReason): void {
		this.tick();
		if (!this.reasons.delete(reason) || this.state === 'stopped' || this.state === 'waiting')
			return;
		const at = this.now();
		this.lastInput = at;
		this.settle(at);
		this.emit({ type: 'resume', at, reason });
	}

	tick(): void {
		if (this.state !== 'running') return;
		const threshold = this.lastInput + this.idleMs;
		if (this.now() < threshold) return;
		this.reasons.add('idle');
		this.settle(threshold);
		this.emit({ type: 'pause', at: threshold, reason: 'idle' });
	}

	stop(): TimerSnapshot {
		this.tick();
		if (this.state === 'waiting' || this.state === 'stopped') return this.snapshot();
		const at = this.now();
		this.close(at);
		this.state = 'stopped';
		this.emit({ type: 'stop', at });
		return this.snapshot();
	}

	snapshot(): TimerSnapshot {
		this.tick();
		const stretch = Math.max(0, this.now() - this.since);
		const running = this.state === 'running' ? stretch : 0;
		const pausing = this.state === 'paused' ? stretch : 0;
		return {
			state: this.state,
			elapsedMs: Math.round(this.elapsed + running),
			pausedMs: Math.round(this.paused + pausing),
			reasons: [...this.reasons]
		};
	}

	/** Books the stretch that ends at `at` to reading or pause time. */
	private close(at: number): void {
		if (this.state === 'running') this.elapsed += Math.max(0, at - this.since);
		if (this.state === 'paused') this.paused += Math.max(0, at - this.since);
		this.since = at;
	}

	/** Running when no pause reason is left, paused otherwise. */
	private settle(at: number): void {
		const next = this.reasons.size > 0 ? 'paused' : 'running';
		if (next === this.state) return;
		this.close(at);
		this.state = next;
	}
}
