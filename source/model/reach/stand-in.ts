/**
 * A pod that stands for a workload's pods when the input holds none of them (manifests): the
 * template's labels, containers and hostNetwork, marked `planned`. Kept apart on purpose: once
 * the model context carries planned pods for every workload (ctx.pods), `workloadPods` finds them
 * there and this fallback is never reached, so it can be dropped.
 */
import type { Pod, Workload } from '../../cluster/snapshot.js';
import type { PodIndex } from '../pod-index.js';
import { matchesLabelSelector } from '../selectors.js';

export function standInPod(workload: Workload): Pod {
	const t = workload.template;
	return {
		namespace: workload.namespace,
		name: workload.kind === 'StatefulSet' ? `${workload.name}-0` : `${workload.name} (template)`,
		uid: '',
		labels: t.labels,
		annotations: t.annotations,
		nodeName: '',
		hostname: t.hostname,
		subdomain: t.subdomain,
		phase: '',
		podIP: '',
		podIPs: [],
		ready: false,
		hostNetwork: t.hostNetwork,
		terminating: false,
		containers: t.containers,
		readinessGates: t.readinessGates,
		conditions: [],
		hasStatus: false,
		planned: true,
	};
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
