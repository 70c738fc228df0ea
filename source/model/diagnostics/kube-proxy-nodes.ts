/**
 * KW801: where the cluster runs kube-proxy, a node without a Ready kube-proxy pod has stale or
 * no Service rules, so its pods reach no Service (or reach endpoints long gone). Raised per Node,
 * naming the kube-proxy pod there and its phase, or saying none is scheduled there. Judged only
 * when the input shows kube-proxy, the Nodes, and kube-system's pods with their status; a
 * capture without them, or a cluster with a replacement, raises nothing.
 */
import { finding, type Finding } from '../findings.js';
import type { Pod } from '../../cluster/snapshot.js';
import { kubeProxyNamespace, kubeProxyStateOn } from '../kube-proxy.js';
import type { RuleContext } from './rule.js';
import { subject } from './text.js';

export function kubeProxyNodeFindings(rc: RuleContext): Finding[] {
	const { snapshot, readable } = rc.model;
	if (snapshot.nodes.length === 0 || !readable.canRead('nodes') || !readable.canRead('pods', kubeProxyNamespace)) return [];
	const presence = rc.kubeProxy();
	if (presence.state !== 'runs') return [];
	// The pods' status is the evidence: without any (manifests, a DaemonSet alone) nothing is judged.
	const pods = presence.pods.filter((p) => p.hasStatus && !p.planned);
	if (pods.length === 0) return [];
	const out: Finding[] = [];
	for (const node of [...snapshot.nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
		if (kubeProxyStateOn(presence, node.name) !== 'not-ready') continue;
		const here = pods.filter((p) => p.nodeName === node.name);
		const state = here.length === 0 ? 'no kube-proxy pod is scheduled there' : here.map((p) => `${p.namespace}/${p.name} is ${p.terminating ? 'terminating' : `${p.phase || 'in an unknown phase'}, not Ready`}`).join('; ');
		const nodeNote = node.ready ? '' : ' (the node itself is NotReady)';
		out.push(
			finding(
				'KW801',
				subject('Node', '', node.name),
				`kube-proxy is not Ready on node ${node.name}${nodeNote}: ${state}, so pods on ${node.name} cannot reach Services (the cluster runs kube-proxy: ${presence.evidence})`,
				here.length === 0
					? noPodHint(presence.daemonSet !== undefined, pods, node.name)
					: `kubectl -n ${kubeProxyNamespace} logs ${here[0]!.name} and kubectl -n ${kubeProxyNamespace} describe pod ${here[0]!.name}: fix what keeps it from Ready (API server access, its ConfigMap, iptables/nftables on the node)`,
			),
		);
	}
	return out;
}

/**
 * Where no kube-proxy pod is on the node: a DaemonSet's placement to check, or, where kube-proxy
 * runs as static pods (GKE: a manifest on each node, pods labelled component=kube-proxy, no
 * DaemonSet), the node's own manifest and kubelet. The label is the one its pods carry.
 */
function noPodHint(byDaemonSet: boolean, pods: readonly Pod[], node: string): string {
	const label = pods.some((p) => p.labels['k8s-app'] === 'kube-proxy') || !pods.some((p) => p.labels['component'] === 'kube-proxy') ? 'k8s-app=kube-proxy' : 'component=kube-proxy';
	const list = `kubectl -n ${kubeProxyNamespace} get ds,pods -l ${label} -o wide`;
	if (byDaemonSet) return `check why the kube-proxy DaemonSet places no pod on ${node} (its nodeSelector, tolerations for the node's taints): ${list}`;
	return `kube-proxy runs here as static pods (no DaemonSet in the input): check its manifest on ${node} (/etc/kubernetes/manifests) and the kubelet there: ${list}`;
}
