/** The workloads of a snapshot as one list: the kinds whose pod templates stand for pods. */
import type { Snapshot, Workload } from '../cluster/snapshot.js';

/** Every workload, kind by kind in a fixed order (Deployments first), each kind in input order. */
export function allWorkloads(snapshot: Snapshot): Workload[] {
	return [
		...snapshot.deployments,
		...snapshot.statefulSets,
		...snapshot.daemonSets,
		...snapshot.replicaSets,
		...snapshot.replicationControllers,
		...snapshot.jobs,
		...snapshot.cronJobs,
	];
}
