/**
 * Which custom resource of a manifest set makes the pods a selector asks for (see
 * cluster/pod-makers.ts). Asked only when no pod, planned or given, matches: a handful of
 * resources, scanned.
 */
import type { Labels, LabelSelector, PodMaker, Snapshot } from '../cluster/snapshot.js';
import { matchesLabelSelector } from './selectors.js';

/** The first pod maker in the namespace whose labels satisfy the selector (a Service's, or a NetworkPolicy's podSelector). */
export function podMakerFor(snapshot: Snapshot, namespace: string, selector: LabelSelector): PodMaker | undefined {
	return snapshot.podMakers?.find((m) => m.namespace === namespace && labelSetsOf(m).some((labels) => matchesLabelSelector(selector, labels)));
}

/** The label sets a maker's pods may carry: its main one, then those of its other templates. */
function labelSetsOf(maker: PodMaker): Labels[] {
	return maker.otherLabels.length === 0 ? [maker.labels] : [maker.labels, ...maker.otherLabels];
}

export function podMakerName(maker: PodMaker): string {
	return `${maker.kind} ${maker.namespace}/${maker.name}`;
}
