/**
 * The Analysis of a snapshot, computed once: screens ask for it on every render, but a snapshot
 * object is analysed only the first time (and again only when the options change), so a
 * keypress never re-runs the model.
 */
import type { Snapshot } from '../cluster/snapshot.js';
import { analyze, type Analysis, type AnalyzeOptions } from '../model/analyze.js';

const cache = new WeakMap<Snapshot, { key: string; analysis: Analysis }>();

export function analysisOf(snapshot: Snapshot, options: AnalyzeOptions): Analysis {
	const key = JSON.stringify([options.clusterDomain ?? '', options.ingressClass ?? '']);
	const hit = cache.get(snapshot);
	if (hit && hit.key === key) return hit.analysis;
	const analysis = analyze(snapshot, options);
	cache.set(snapshot, { key, analysis });
	return analysis;
}
