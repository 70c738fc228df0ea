/**
 * Whether the cluster runs kube-proxy, as far as the input shows: `runs` when a kube-proxy
 * DaemonSet or pod is in kube-system (label k8s-app=kube-proxy or component=kube-proxy, as
 * GKE's static pods carry, or the name), or inside k3s (its Nodes' k3s.io/node-args annotation);
 * `absent` when none is, kube-system's DaemonSets and pods
 * were read, and a kube-proxy replacement visibly runs instead (Cilium's agent, kube-router with
 * its service proxy on (the default), calico-node with its eBPF dataplane: a DaemonSet anywhere, or a pod in
 * kube-system), or when such a replacement runs and kube-proxy's DaemonSet places no pod on any
 * node of the input (Calico's eBPF guide patches its nodeSelector to a label no node has), or k3s
 * runs with --disable-kube-proxy: then no node holds
 * the rules kubewire writes in kube-proxy's name; `unknown` otherwise (a capture that left
 * kube-system out says nothing either way). The iptables and nftables views and KW801 ask here, once.
 */
import type { Container, Labels, NodePlacement, Pod, Snapshot } from '../cluster/snapshot.js';
import { k3sCommandLine, k3sFlag, k3sNodeArgs, kubeProxyCommandLine, type KubeProxyCommandLine } from './kube-proxy-flags.js';
import { describePlacement, placesOn } from './node-placement.js';
import { Readability } from './readable.js';

export const kubeProxyNamespace = 'kube-system';

export interface KubeProxyPresence {
	state: 'runs' | 'absent' | 'unknown';
	/** The evidence, in a few words: "DaemonSet kube-system/kube-proxy", "none in kube-system; DaemonSet kube-system/cilium runs, Cilium replaces kube-proxy". */
	evidence: string;
	/** The kube-proxy pods in the input (those with a status judge KW801). */
	pods: Pod[];
	/**
	 * The input's nodes on which kube-proxy's DaemonSet places no pod (its nodeSelector or required
	 * node affinity leaves them out: Windows nodes, EKS Fargate nodes), with that constraint in words.
	 * Whatever serves Services there (a kube-proxy outside the cluster's view, or nothing), it is
	 * not this DaemonSet's pod: KW801 does not ask for one there.
	 */
	notPlaced: ReadonlySet<string>;
	placement?: string;
	/** `unknown` although kube-system's DaemonSets and pods were read: no kube-proxy shows there. */
	unseen?: boolean;
	/** `namespace/name` of the DaemonSet that runs it; unset when it runs as static pods (GKE) or inside k3s. */
	daemonSet?: string;
	/** Its command line (the DaemonSet's, else a pod's): --config, or the settings its flags give. */
	commandLine?: KubeProxyCommandLine;
}

const noNodes: ReadonlySet<string> = new Set();
const notWindows: NodePlacement = { nodeSelector: {}, terms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }], matchFields: [] }] };

function isKubeProxy(name: string, labels: Labels): boolean {
	return labels['k8s-app'] === 'kube-proxy' || labels['component'] === 'kube-proxy' || name === 'kube-proxy' || /^kube-proxy-[a-z0-9]{5}$/.test(name);
}

/**
 * A replacement for kube-proxy's Service proxying, recognised by its image and command line.
 * Cilium's agent replaces kube-proxy when its kube-proxy-replacement is true (strict before 1.14),
 * as its ConfigMap cilium-config says when the input holds it; partial, probe, false and disabled
 * leave Services to kube-proxy. Without that ConfigMap, a Cilium agent in a cluster without
 * kube-proxy is taken to replace it (nothing else would proxy Services there).
 */
const ciliumImage = /(^|\/)cilium(:|@|$)/;

/** Cilium's agent: its label, or its image in one of the containers. */
function isCiliumAgent(containers: readonly Container[], labels: Labels): boolean {
	return labels['k8s-app'] === 'cilium' || containers.some((c) => ciliumImage.test(c.image));
}

function replacementIn(containers: readonly Container[], labels: Labels, cilium: Snapshot['ciliumKubeProxyReplacement']): string | undefined {
	let isCilium = labels['k8s-app'] === 'cilium';
	for (const c of containers) {
		const line = [...c.command, ...c.args];
		// kube-router's --run-service-proxy defaults to true (pkg/options): only =false leaves Services to kube-proxy.
		if (/(^|\/)kube-router(:|@|$)/.test(c.image) && !line.some((a) => /^--run-service-proxy=(false|0|f)$/i.test(a))) return 'kube-router proxies Services';
		if (ciliumImage.test(c.image)) {
			if (line.some((a) => /^--kube-proxy-replacement=(false|disabled|partial|probe)$/.test(a))) return undefined;
			isCilium = true;
		}
	}
	if (isCilium) {
		if (!cilium) return 'Cilium replaces kube-proxy';
		return /^(true|strict)$/i.test(cilium.value.trim()) ? `Cilium replaces kube-proxy (kube-proxy-replacement ${cilium.value.trim()} in ${cilium.source})` : undefined;
	}
	if (containers.some((c) => (c.env['FELIX_BPFENABLED'] ?? '').toLowerCase() === 'true')) return "Calico's eBPF dataplane proxies Services (FELIX_BPFENABLED)";
	return undefined;
}

/**
 * `systemPods`: kube-system's pods, when the caller has them indexed (the diagnostics do: they
 * must not walk every pod again); otherwise they are picked from the snapshot.
 */
export function kubeProxyPresence(
	snapshot: Snapshot,
	readable = new Readability(snapshot),
	systemPods: readonly Pod[] = snapshot.pods.filter((p) => p.namespace === kubeProxyNamespace),
): KubeProxyPresence {
	const sets = snapshot.daemonSets.filter((d) => d.namespace === kubeProxyNamespace);
	const pods = systemPods.filter((p) => isKubeProxy(p.owner?.kind === 'DaemonSet' ? p.owner.name : p.name, p.labels));
	const set = sets.find((d) => isKubeProxy(d.name, d.template.labels));
	const seen = readable.canRead('daemonsets', kubeProxyNamespace) && readable.canRead('pods', kubeProxyNamespace);
	// Static pods (GKE) come from each Linux node's own manifests: a Windows node runs kube-proxy as a host service instead.
	const notPlaced = nodesLeftOut(snapshot, readable, set ? set.template.placement : pods.length > 0 ? notWindows : undefined);
	const placement = notPlaced.size > 0 ? (set?.template.placement ? describePlacement(set.template.placement) : 'static pods, which Windows nodes do not run') : undefined;
	const replacement = () => (seen ? replacementSeen(snapshot, systemPods) : undefined);
	// Placed on no node while a replacement runs: the DaemonSet was switched off (Calico's eBPF guide).
	// Without a visible replacement it may as well be a mistake: it is said per node, not concluded.
	const other = set && pods.length === 0 && notPlaced.size > 0 && notPlaced.size === snapshot.nodes.length ? replacement() : undefined;
	if (set && other) {
		return { state: 'absent', evidence: `DaemonSet ${set.namespace}/${set.name} places no pod on any node (${placement}); ${other}`, pods, notPlaced, placement };
	}
	if (set || pods.length > 0) {
		const evidence = set ? `DaemonSet ${set.namespace}/${set.name}` : `pod ${pods[0]!.namespace}/${pods[0]!.name}`;
		return { state: 'runs', evidence, pods, notPlaced, placement, commandLine: kubeProxyCommandLine(set, pods), ...(set ? { daemonSet: `${set.namespace}/${set.name}` } : {}) };
	}
	// k3s runs kube-proxy in its own process (no pod), unless started with --disable-kube-proxy.
	const k3s = k3sNodeArgs(snapshot.nodes);
	if (k3s) {
		const where = `Node ${k3s.node}'s k3s.io/node-args`;
		if (!k3sFlag(k3s, 'disable-kube-proxy')) return { state: 'runs', evidence: `inside k3s (${where})`, pods, notPlaced, commandLine: k3sCommandLine(k3s) };
		const other = replacement();
		return { state: 'absent', evidence: `k3s runs with --disable-kube-proxy (${where})${other ? `; ${other}` : ''}`, pods, notPlaced };
	}
	if (!seen) return { state: 'unknown', evidence: `${kubeProxyNamespace}'s DaemonSets and pods could not be read`, pods, notPlaced };
	const elsewhere = replacement();
	if (elsewhere) return { state: 'absent', evidence: `none in ${kubeProxyNamespace}; ${elsewhere}`, pods, notPlaced };
	// kube-system was read and shows no kube-proxy: it may run outside the API's view (k3s runs it in
	// its own process), or not at all. Said, not concluded.
	const cilium = snapshot.ciliumKubeProxyReplacement;
	const why = cilium && snapshot.daemonSets.some((d) => isCiliumAgent(d.template.containers, d.template.labels))
		? `Cilium runs with kube-proxy-replacement ${cilium.value} (${cilium.source}), which leaves Services to kube-proxy, and ${kubeProxyNamespace} shows no kube-proxy`
		: `${kubeProxyNamespace} shows neither kube-proxy nor a replacement`;
	// Only a kube-system the input visibly holds (some pod or DaemonSet of it) shows an absence.
	return { state: 'unknown', evidence: why, pods, notPlaced, unseen: systemPods.length > 0 || sets.length > 0 };
}

/** "DaemonSet kube-system/cilium runs, Cilium replaces kube-proxy", or undefined when no replacement shows. */
function replacementSeen(snapshot: Snapshot, systemPods: readonly Pod[]): string | undefined {
	const cilium = snapshot.ciliumKubeProxyReplacement;
	for (const d of snapshot.daemonSets) {
		const why = replacementIn(d.template.containers, d.template.labels, cilium);
		if (why) return `DaemonSet ${d.namespace}/${d.name} runs, ${why}`;
	}
	// Replacements run in kube-system, as kube-proxy does (Cilium, kube-router); their DaemonSets are looked at everywhere.
	for (const p of systemPods) {
		const why = replacementIn(p.containers, p.labels, cilium);
		if (why) return `pod ${p.namespace}/${p.name} runs, ${why}`;
	}
	return undefined;
}

/** The input's nodes the DaemonSet's placement leaves out (none when the Nodes were not read). */
function nodesLeftOut(snapshot: Snapshot, readable: Readability, placement: NodePlacement | undefined): ReadonlySet<string> {
	if (!placement || !readable.canRead('nodes')) return noNodes;
	// A Node with no labels at all was captured without them (kubelet always sets kubernetes.io/os and
	// hostname): where the DaemonSet places pods cannot be told for it.
	const out = new Set(snapshot.nodes.filter((n) => Object.keys(n.labels).length > 0 && !placesOn(placement, n)).map((n) => n.name));
	return out.size > 0 ? out : noNodes;
}

/**
 * Whether kube-proxy is Ready on one node, as its pods there say: `ready`, `not-ready` (none of
 * its pods there is Ready, or none is scheduled there while others carry a status), `not-placed`
 * (its DaemonSet leaves the node out and no Ready kube-proxy pod runs there), or `unknown`
 * (kube-proxy is not known to run, or no kube-proxy pod carries a status). KW801 and the rule
 * views' headers ask here.
 */
export function kubeProxyStateOn(presence: KubeProxyPresence, nodeName: string): 'ready' | 'not-ready' | 'not-placed' | 'unknown' {
	if (presence.state !== 'runs' || nodeName === '') return 'unknown';
	const known = presence.pods.filter((p) => p.hasStatus && !p.planned);
	const here = known.filter((p) => p.nodeName === nodeName);
	if (here.some((p) => p.ready && !p.terminating)) return 'ready';
	// A pod of it on the node shows it is placed there, whatever the computed placement says.
	if (here.length === 0 && presence.notPlaced.has(nodeName)) return 'not-placed';
	return known.length === 0 ? 'unknown' : 'not-ready';
}
