/**
 * The Analysis of a snapshot, computed once: screens ask for it on every render, but a snapshot
 * object is analysed only the first time (and again only when the options change), so a
 * keypress never re-runs the model. A large snapshot is outlined first (wiring without the
 * diagnostics) so the first screen does not wait for every rule; `analysisOf` then completes
 * the same outline instead of starting over. A live stream's later snapshots are analysed from
 * the previous answer and the keys that changed (`useAnalysis`).
 */
import { useEffect, useRef, useState } from 'react';
import type { Snapshot, SnapshotStream } from '../cluster/snapshot.js';
import { completeAnalysis, completionSteps, outlineAnalysis, outlineSteps, type Analysis, type AnalyzeOptions } from '../model/analyze.js';
import { updateSteps } from '../model/incremental.js';
import type { Steps } from '../model/steps.js';
import { runInSlices as runStepsInSlices } from '../slices.js';

interface Entry {
	key: string;
	outline?: Analysis;
	analysis?: Analysis;
	/** The outline's completion under way a slice at a time (see `completeInSlices`). */
	steps?: Steps<Analysis>;
	/** The outline under way a slice at a time (see `outlineInSlices`). */
	outlineSteps?: Steps<Analysis>;
}

const cache = new WeakMap<Snapshot, Entry>();

/** Above this many objects, the first frame shows the outline while the diagnostics run. */
export const outlineThreshold = 20_000;

function entryFor(snapshot: Snapshot, options: AnalyzeOptions): Entry {
	const key = JSON.stringify([options.clusterDomain ?? '', options.ingressClass ?? '']);
	let entry = cache.get(snapshot);
	if (!entry || entry.key !== key) {
		entry = { key };
		cache.set(snapshot, entry);
	}
	return entry;
}

/** The complete Analysis (diagnostics included). */
export function analysisOf(snapshot: Snapshot, options: AnalyzeOptions): Analysis {
	const entry = entryFor(snapshot, options);
	entry.analysis ??= completeAnalysis(entry.outline ?? outlineAnalysis(snapshot, options));
	entry.outline = undefined;
	entry.steps = undefined;
	return entry.analysis;
}

/** How long one slice of a completion may hold the event loop: well under a keypress's budget. */
const defaultSliceMs = 8;

/**
 * A slice of an outline made while the first read runs. Longer: between slices the list pages
 * that arrived are parsed (10-25 ms each), and at 8 ms the outline that shows READY once the
 * EndpointSlices are in took three seconds to come through. A key still waits for one slice at
 * most, and the slices after it wait for its frame (holdForInput).
 */
const loadingSliceMs = 25;

/**
 * Completes a large snapshot's outline a slice at a time, each followed by a turn of the event
 * loop, so keys are read and the outline redrawn while a 10,000-Service cluster's diagnostics run
 * (at once they hold the loop for a second or more). Calls `done` with the complete Analysis,
 * the one `analysisOf` then returns. The returned function pauses it; called again, it resumes
 * where it stopped.
 */
export function completeInSlices(snapshot: Snapshot, options: AnalyzeOptions, done: (analysis: Analysis) => void, sliceMs = defaultSliceMs): () => void {
	const entry = entryFor(snapshot, options);
	const complete = entry.analysis;
	const steps = complete ? finished(complete) : (entry.steps ??= outlineThenComplete(snapshot, options, entry));
	const finish = (analysis: Analysis) => {
		// `analysisOf` may have completed the same outline meanwhile: its answer stays the one.
		entry.analysis ??= analysis;
		entry.outline = undefined;
		entry.steps = undefined;
		done(entry.analysis);
	};
	return runInSlices(steps, finish, sliceMs);
}

/** The snapshot's outline (made in steps unless it exists), then its completion. */
function* outlineThenComplete(snapshot: Snapshot, options: AnalyzeOptions, entry: Entry): Steps<Analysis> {
	if (!entry.outline) {
		const outline = yield* outlineSteps(snapshot, options);
		entry.outline ??= outline;
	}
	return yield* completionSteps(entry.outline);
}

/**
 * Outlines a snapshot a slice at a time (a large cluster's snapshot while it is still being
 * read) and calls `done` with it; the outline is then what `firstAnalysisOf` and
 * `loadingAnalysisOf` return. Returns a pause; called again, it resumes where it stopped.
 */
export function outlineInSlices(snapshot: Snapshot, options: AnalyzeOptions, done: (outline: Analysis) => void, sliceMs = defaultSliceMs): () => void {
	const entry = entryFor(snapshot, options);
	const made = madeFor(snapshot, options);
	const steps = made ? finished(made) : (entry.outlineSteps ??= outlineSteps(snapshot, options));
	return runInSlices(
		steps,
		(outline) => {
			entry.outlineSteps = undefined;
			// Completed meanwhile (analysisOf): the complete answer stands, the outline is not kept.
			if (!entry.analysis) entry.outline ??= outline;
			done(madeFor(snapshot, options) ?? outline);
		},
		sliceMs,
	);
}

/** What has been made of `snapshot` already, complete or outlined; undefined when nothing has. */
function madeFor(snapshot: Snapshot, options: AnalyzeOptions): Analysis | undefined {
	const entry = entryFor(snapshot, options);
	return entry.analysis ?? entry.outline;
}

/**
 * The outline a stream's screen drew last, before its first complete answer: it stays on screen
 * while the next snapshot's outline (or the final one's whole analysis) is made in slices, so a
 * key is not held back by a 10,000-Service outline made inside a render.
 */
const shownOutlines = new WeakMap<SnapshotStream, { key: string; analysis: Analysis }>();

/**
 * Whether the stream's screen shows rows of an outline made with these options. Until it does,
 * the next outline is made at once: the first rows (the Services' list has just come in, the
 * pods not yet) are quick to outline, and slices would let the pod pages read meanwhile go first.
 */
function rowsShown(stream: SnapshotStream, key: string): boolean {
	const shown = shownOutlines.get(stream);
	return shown !== undefined && shown.key === key && shown.analysis.services.length > 0;
}

/** A computation already done: its answer, at the first step. */
function* finished<T>(value: T): Steps<T> {
	return value;
}

/** Until when (performance.now()) slices wait for a key's frame; see holdForInput. */
let heldUntil = 0;

/**
 * How long slices wait after a key: the key's render and Ink's next frame (at most one frame
 * interval away) fit in it, so a keypress is drawn without analysis slices (and the garbage
 * they make) in between. Keys held down pause the analysis; it resumes when they stop.
 */
const inputHoldMs = 40;

/** A key arrived: the running analysis (runInSlices) waits until its frame is drawn. */
export function holdForInput(ms = inputHoldMs): void {
	heldUntil = Math.max(heldUntil, performance.now() + ms);
}

/**
 * Runs a computation made of steps (model/incremental.ts `updateSteps`) a slice at a time (see
 * slices.ts), each after a key's frame, and calls `done` with its result. Returns a stop.
 */
export function runInSlices<T>(steps: Steps<T>, done: (result: T) => void, sliceMs = defaultSliceMs): () => void {
	// A key was just pressed: its frame comes first.
	return runStepsInSlices(steps, done, { sliceMs, holdMs: () => heldUntil - performance.now() });
}

/**
 * What to draw now: the complete Analysis when it exists or is cheap to make, else the outline
 * of a large snapshot (its `pending` flag says the diagnostics are still to run).
 */
export function firstAnalysisOf(snapshot: Snapshot, options: AnalyzeOptions, threshold = outlineThreshold): Analysis {
	const entry = entryFor(snapshot, options);
	if (entry.analysis) return entry.analysis;
	if (snapshot.services.length + snapshot.pods.length < threshold) return analysisOf(snapshot, options);
	entry.outline ??= outlineAnalysis(snapshot, options);
	return entry.outline;
}

/** The outline of a snapshot still being read (statuses pending), made once per snapshot. */
function loadingAnalysisOf(snapshot: Snapshot, options: AnalyzeOptions): Analysis {
	const entry = entryFor(snapshot, options);
	if (entry.analysis) return entry.analysis;
	entry.outline ??= outlineAnalysis(snapshot, options);
	return entry.outline;
}

interface Shown {
	stream: SnapshotStream;
	key: string;
	analysis: Analysis;
}

/**
 * The Analysis to draw for a stream's current snapshot. Once a complete answer exists it stays on
 * screen while the next one is computed: from the previous one and what the stream says changed
 * (model/incremental.ts), in slices between which keys are read and frames drawn, so a keypress
 * waits for one slice at most and no row falls back to "… CHECK". Before the first complete
 * answer: the outline of a large or still-loading snapshot, the complete Analysis of a small one.
 */
export function useAnalysis(
	stream: SnapshotStream,
	snapshot: Snapshot,
	loading: boolean,
	options: AnalyzeOptions,
	outlineAbove = outlineThreshold,
	prepare?: (analysis: Analysis) => Steps<void> | undefined,
): Analysis {
	const key = JSON.stringify([options.clusterDomain ?? '', options.ingressClass ?? '']);
	const [shown, setShown] = useState<Shown | undefined>(undefined);
	const usable = shown && shown.stream === stream && shown.key === key ? shown.analysis : undefined;
	const upToDate = usable !== undefined && usable.context.snapshot === snapshot;
	// The options are compared by `key`; the object itself is new on every render.
	const optionsRef = useRef(options);
	optionsRef.current = options;
	const prepareRef = useRef(prepare);
	prepareRef.current = prepare;
	// A small snapshot is analysed whole, at once, as before; a large one incrementally, after the frame.
	const small = snapshot.services.length + snapshot.pods.length < outlineAbove;
	// A large snapshot's analysis runs in slices (see runInSlices), one at a time: when the stream
	// moves on meanwhile, the running one finishes and the next starts from its answer. Stopping it
	// for each newer snapshot would, under steady churn, never show an answer at all.
	const running = useRef<{ stream: SnapshotStream; key: string; stop: () => void } | undefined>(undefined);
	// The outline of a snapshot still being read, made in slices; when it is ready, a redraw shows it.
	const outlining = useRef<{ stream: SnapshotStream; key: string; stop: () => void } | undefined>(undefined);
	// Bumped when an outline made in slices is ready: the frame shows it, and the effect below starts
	// the next one when the stream has moved on meanwhile.
	const [outlinesMade, redraw] = useState(0);
	useEffect(
		() => () => {
			running.current?.stop();
			outlining.current?.stop();
		},
		[],
	);
	useEffect(() => {
		const job = running.current;
		if (job && (job.stream !== stream || job.key !== key)) {
			job.stop();
			running.current = undefined;
		}
		// An outline under way goes on when the stream moves past its snapshot: it is drawn when done
		// and the next starts from there (stopped for each newer snapshot, one could be starved while
		// kinds keep finishing). The read's end or other options make it of no use.
		const outline = outlining.current;
		if (outline && (outline.stream !== stream || outline.key !== key || !loading || usable)) {
			outline.stop();
			outlining.current = undefined;
		}
		if (loading && !usable && !outlining.current && !madeFor(snapshot, optionsRef.current) && rowsShown(stream, key)) {
			const stop = outlineInSlices(
				snapshot,
				optionsRef.current,
				(made) => {
					outlining.current = undefined;
					shownOutlines.set(stream, { key, analysis: made });
					redraw((n) => n + 1);
				},
				loadingSliceMs,
			);
			outlining.current = { stream, key, stop };
		}
		if (upToDate || (loading && !usable) || running.current) return;
		const opts = optionsRef.current;
		if (small) {
			const timer = setTimeout(() => setShown({ stream, key, analysis: analysisOf(snapshot, opts) }), 0);
			return () => clearTimeout(timer);
		}
		const show = (analysis: Analysis) => {
			running.current = undefined;
			setShown({ stream, key, analysis });
		};
		// Then what the screen needs to draw it (its rows in order, their widths), in slices too,
		// so the frame that shows the answer does not hold a key back for a 10,000-row sort.
		const prepareThenShow = (analysis: Analysis) => {
			const steps = prepareRef.current?.(analysis);
			if (!steps) return show(analysis);
			running.current = { stream, key, stop: runInSlices(steps, () => show(analysis)) };
		};
		// The first complete answer: the outline's completion, on screen meanwhile; then updates.
		const stop = usable ? runInSlices(updateSteps(usable, snapshot, stream.changesSince?.(usable.context.snapshot), opts), prepareThenShow) : completeInSlices(snapshot, opts, prepareThenShow);
		running.current = { stream, key, stop };
		return undefined;
	}, [stream, snapshot, loading, usable, upToDate, small, key, outlinesMade]);
	if (upToDate) return usable;
	if (small && !loading) return analysisOf(snapshot, options);
	if (usable) return usable;
	// Before the first complete answer: what has been made of this snapshot, else the outline on
	// screen while this one's is made in slices (the effect above), else (the first) at once.
	const earlier = shownOutlines.get(stream);
	if (earlier && rowsShown(stream, key) && !madeFor(snapshot, options)) return earlier.analysis;
	const outline = loading ? loadingAnalysisOf(snapshot, options) : firstAnalysisOf(snapshot, options, outlineAbove);
	shownOutlines.set(stream, { key, analysis: outline });
	return outline;
}
