/**
 * The Analysis of a snapshot, computed once: screens ask for it on every render, but a snapshot
 * object is analysed only the first time (and again only when the options change), so a
 * keypress never re-runs the model. A large snapshot is outlined first (wiring without the
 * diagnostics) so the first screen does not wait for every rule; `analysisOf` then completes
 * the same outline instead of starting over.
 */
import type { Snapshot } from '../cluster/snapshot.js';
import { completeAnalysis, outlineAnalysis, type Analysis, type AnalyzeOptions } from '../model/analyze.js';

interface Entry {
	key: string;
	outline?: Analysis;
	analysis?: Analysis;
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
	return entry.analysis;
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
