/**
 * A computation made of steps: a generator that yields between pieces of work and returns its
 * answer. The model's long computations (completing an analysis, a live update, the routing
 * table) are written this way so the TUI can run them a slice at a time (ui/analysis.ts), while
 * the commands run them to the end at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs a computation made of steps to its end at once (whatever its steps yield: a file reader's yield how far it got). */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
	let step = steps.next();
	while (!step.done) step = steps.next();
	return step.value;
}
