/**
 * The pods each NetworkPolicy selects, shared by the policy-level rules (KW603, KW604): the
 * model's pods of its namespace, which hold the input's pods and, for manifests, the pods its
 * workloads will create (model/planned-pods.ts decides which). When neither pods nor workloads
 * were given, nothing can be said about it.
 */
import type { NetworkPolicy, Pod, Workload } from '../../cluster/snapshot.js';
import { standInPod } from '../reach/stand-in.js';
import { matchesLabelSelector } from '../selectors.js';
import type { ModelContext } from '../context.js';
import { allWorkloads } from '../workloads.js';

export interface PolicySubjects {
	/** False when the input says nothing about the namespace's pods (none read, no workload given). */
	known: boolean;
	pods: readonly Pod[];
}

const cache = new WeakMap<ModelContext, Map<NetworkPolicy, PolicySubjects>>();

export function policySubjects(ctx: ModelContext, policy: NetworkPolicy): PolicySubjects {
	let byPolicy = cache.get(ctx);
	if (!byPolicy) {
		byPolicy = new Map();
		cache.set(ctx, byPolicy);
	}
	let hit = byPolicy.get(policy);
	if (!hit) {
		const workloads = allWorkloads(ctx.snapshot);
		const anyPods = ctx.pods.namespaces().length > 0;
		const given = anyPods || workloads.length > 0;
		const readable = ctx.readable.canRead('pods', policy.namespace) && anyPods;
		const known = given && (readable || ctx.pods.inNamespace(policy.namespace).length > 0);
		let pods: readonly Pod[] = known ? ctx.pods.matching(policy.namespace, policy.podSelector) : [];
		// A workload with no pod at all (scaled to zero, or `replicas: 0` in a manifest) still
		// stands for the pods the policy is written for: its template, labelled as they will be.
		// Looked for only when no pod matches, which is rare.
		if (known && pods.length === 0) pods = templateSubjects(workloads, policy);
		hit = { known, pods };
		byPolicy.set(policy, hit);
	}
	return hit;
}

function templateSubjects(workloads: readonly Workload[], policy: NetworkPolicy): Pod[] {
	return workloads
		.filter(
			(w) =>
				w.namespace === policy.namespace &&
				// A Deployment's ReplicaSets and a CronJob's Jobs are the same pods as their owner's.
				!(w.kind === 'ReplicaSet' && w.owner?.kind === 'Deployment') &&
				!(w.kind === 'Job' && w.owner?.kind === 'CronJob') &&
				matchesLabelSelector(policy.podSelector, w.template.labels),
		)
		.map(standInPod);
}
