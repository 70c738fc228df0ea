/**
 * A pod that stands for a workload's pods when the input holds none of them (manifests): the
 * template's labels, containers and hostNetwork, marked `planned`. Kept apart on purpose: once
 * the model context carries planned pods for every workload (ctx.pods), `workloadPods` finds them
 * there and this fallback is never reached, so it can be dropped.
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

const namespaceCache = new WeakMap<PodIndex, Map<string, Pod[]>>();

/**
 * The pods of a namespace as NetworkPolicy would meet them: those in the input, and a stand-in
 * for each workload none of whose pods are there (manifests). Computed once per namespace.
 */
export function podsOfNamespace(pods: PodIndex, workloads: readonly Workload[], namespace: string): Pod[] {
	let byNs = namespaceCache.get(pods);
	if (!byNs) {
		byNs = new Map();
		namespaceCache.set(pods, byNs);
	}
	let list = byNs.get(namespace);
	if (!list) {
		list = [...pods.inNamespace(namespace)];
		for (const w of workloads) {
			if (w.namespace !== namespace || (w.kind === 'ReplicaSet' && w.owner?.kind === 'Deployment') || w.kind === 'CronJob' && w.owner) continue;
			if (podsInInput(pods, w).length === 0) list.push(standInPod(w));
		}
		byNs.set(namespace, list);
	}
	return list;
}
