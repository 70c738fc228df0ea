/**
 * Runs a computation made of steps (a generator) a slice at a time, each slice followed by a turn
 * of the event loop, so keys are read and frames drawn while it runs: the TUI's analysis of a
 * large cluster (ui/analysis.ts) and its reading of a large capture (cluster/file-stream.ts).
 */
export interface SliceOptions<Y> {
	/** How long one slice may hold the event loop. */
	sliceMs: number;
	/** Hears what each step yields (a reader's: how far it got). */
	onStep?: (value: Y) => void;
	/** How long to wait before the next slice (a key's frame comes first); none when 0 or less. */
	holdMs?: () => number;
	/**
	 * The next slice after the poll phase (setImmediate) rather than after a timer: a file reader
	 * lets its I/O in without the timer's millisecond between slices.
	 */
	immediate?: boolean;
	/** A step that throws ends the run here; without it the error is thrown from the event loop. */
	fail?: (error: unknown) => void;
}

/** Starts the run; calls `done` with the result, never synchronously. Returns a stop: no step runs after it. */
export function runInSlices<Y, T>(steps: Generator<Y, T, void>, done: (result: T) => void, options: SliceOptions<Y>): () => void {
	let stopped = false;
	const next = () => (options.immediate ? setImmediate(slice) : setTimeout(slice, 0));
	function slice(): void {
		if (stopped) return;
		const held = options.holdMs?.() ?? 0;
		if (held > 0) {
			setTimeout(slice, held);
			return;
		}
		try {
			const until = performance.now() + options.sliceMs;
			for (;;) {
				const step = steps.next();
				if (step.done) return done(step.value);
				options.onStep?.(step.value);
				if (performance.now() >= until) break;
			}
		} catch (error) {
			if (!options.fail) throw error;
			return options.fail(error);
		}
		next();
	}
	next();
	return () => {
		stopped = true;
	};
}
