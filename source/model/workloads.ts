/** The workloads of a snapshot as one list: the kinds whose pod templates stand for pods. */
import type { Snapshot, Workload } from '../cluster/snapshot.js';

const computed = new WeakMap<Snapshot, { kinds: readonly (readonly Workload[])[]; list: Workload[] }>();

function kindsOf(snapshot: Snapshot): readonly (readonly Workload[])[] {
	return [snapshot.deployments, snapshot.statefulSets, snapshot.daemonSets, snapshot.replicaSets, snapshot.replicationControllers, snapshot.jobs, snapshot.cronJobs];
}

/** Whether two snapshots share every workload list (a live update that changed no workload). */
export function sameWorkloads(a: Snapshot, b: Snapshot): boolean {
	const before = kindsOf(a);
	return kindsOf(b).every((list, i) => list === before[i]);
}

/**
 * Every workload, kind by kind in a fixed order (Deployments first), each kind in input order.
 * Made once per snapshot and its lists (several rules ask); read it, never change it.
 */
export function allWorkloads(snapshot: Snapshot): readonly Workload[] {
	const kinds = kindsOf(snapshot);
	const hit = computed.get(snapshot);
	if (hit && hit.kinds.every((list, i) => list === kinds[i])) return hit.list;
	const list = kinds.flat();
	computed.set(snapshot, { kinds, list });
	return list;
}
