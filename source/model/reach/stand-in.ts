/**
 * Pods known only from a template. The model's pods already hold a planned pod for each workload
 * of a manifest set (model/planned-pods.ts); a stand-in is for what that leaves out: a workload
 * with no pod at all (scaled to zero, or read live with none running) as `reach`'s start or as
 * the pods a NetworkPolicy is written for, a Service's backends among workloads, a controller
 * seen only in its Deployment.
 */
import type { Pod, Workload } from '../../cluster/snapshot.js';
import type { PodIndex } from '../pod-index.js';
import { templatePod } from '../planned-pods.js';
import { matchesLabelSelector } from '../selectors.js';

export function standInPod(workload: Workload): Pod {
	const name = workload.kind === 'StatefulSet' ? `${workload.name}-0` : `${workload.name} (template)`;
	return templatePod(workload.namespace, name, workload.template);
}

/** The pods a workload's selector (else its template's labels) matches in its namespace. */
export function podsInInput(pods: PodIndex, workload: Workload): Pod[] {
	const selector = workload.selector ?? { matchLabels: workload.template.labels, matchExpressions: [] };
	if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) return [];
	return pods.inNamespace(workload.namespace).filter((p) => matchesLabelSelector(selector, p.labels));
}

/** A workload's pods: those in the input (planned ones included), else one stand-in from its template. */
export function workloadPods(pods: PodIndex, workload: Workload): Pod[] {
	const found = podsInInput(pods, workload);
	return found.length > 0 ? found : [standInPod(workload)];
}

/** A pod known only by its labels (a controller found in a template, the cluster DNS when absent). */
export function labelledStandIn(namespace: string, name: string, labels: Record<string, string>, containers: Pod['containers'] = []): Pod {
	return templatePod(namespace, name, { labels, annotations: {}, hostname: '', subdomain: '', hostNetwork: false, containers, readinessGates: [] });
}

/**
 * A Service's backends when the input holds no pod for it: a stand-in for each workload whose
 * template labels its selector matches (manifests before they are applied).
 */
export function templateBackends(workloads: readonly Workload[], namespace: string, selector: Record<string, string>): Pod[] {
	return workloads
		.filter((w) => w.namespace === namespace && !(w.kind === 'ReplicaSet' && w.owner?.kind === 'Deployment') && w.kind !== 'CronJob' && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => w.template.labels[k] === v))
		.map(standInPod);
}
