/**
 * Whether the cluster runs kube-proxy, as far as the input shows: `runs` when a kube-proxy
 * DaemonSet or pod is in kube-system (label k8s-app=kube-proxy, or the name); `absent` when none
 * is, kube-system's DaemonSets and pods were read, and a kube-proxy replacement visibly runs
 * instead (Cilium's agent, kube-router with --run-service-proxy: a DaemonSet anywhere, or a pod in kube-system): then no node holds the rules
 * kubewire writes in kube-proxy's name; `unknown` otherwise (a capture that left kube-system out
 * says nothing either way). The iptables and nftables views and KW801 ask here, once.
 */
import type { Container, Labels, Pod, Snapshot, Workload } from '../cluster/snapshot.js';
import { Readability } from './readable.js';

export const kubeProxyNamespace = 'kube-system';

export interface KubeProxyPresence {
	state: 'runs' | 'absent' | 'unknown';
	/** The evidence, in a few words: "DaemonSet kube-system/kube-proxy", "none in kube-system; DaemonSet kube-system/cilium runs, Cilium replaces kube-proxy". */
	evidence: string;
	/** The kube-proxy pods in the input (those with a status judge KW801). */
	pods: Pod[];
}

function isKubeProxy(name: string, labels: Labels): boolean {
	return labels['k8s-app'] === 'kube-proxy' || name === 'kube-proxy' || /^kube-proxy-[a-z0-9]{5}$/.test(name);
}

/** A replacement for kube-proxy's Service proxying, recognised by its image and command line. */
function replacementIn(containers: readonly Container[], labels: Labels): string | undefined {
	for (const c of containers) {
		const line = [...c.command, ...c.args];
		if (/(^|\/)kube-router(:|@|$)/.test(c.image) && line.some((a) => /^--run-service-proxy(=true)?$/.test(a))) return 'kube-router proxies Services';
		if (/(^|\/)cilium(:|@|$)/.test(c.image) && !line.some((a) => /^--kube-proxy-replacement=(false|disabled)$/.test(a))) {
			return 'Cilium replaces kube-proxy';
		}
	}
	if (labels['k8s-app'] === 'cilium') return 'Cilium replaces kube-proxy';
	return undefined;
}

function workloadReplacement(w: Workload): string | undefined {
	return replacementIn(w.template.containers, w.template.labels);
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
	if (set || pods.length > 0) {
		return { state: 'runs', evidence: set ? `DaemonSet ${set.namespace}/${set.name}` : `pod ${pods[0]!.namespace}/${pods[0]!.name}`, pods };
	}
	const seen = readable.canRead('daemonsets', kubeProxyNamespace) && readable.canRead('pods', kubeProxyNamespace);
	if (!seen) return { state: 'unknown', evidence: `${kubeProxyNamespace}'s DaemonSets and pods could not be read`, pods };
	for (const d of snapshot.daemonSets) {
		const why = workloadReplacement(d);
		if (why) return { state: 'absent', evidence: `none in ${kubeProxyNamespace}; DaemonSet ${d.namespace}/${d.name} runs, ${why}`, pods };
	}
	// Replacements run in kube-system, as kube-proxy does (Cilium, kube-router); their DaemonSets are looked at everywhere.
	for (const p of systemPods) {
		const why = replacementIn(p.containers, p.labels);
		if (why) return { state: 'absent', evidence: `none in ${kubeProxyNamespace}; pod ${p.namespace}/${p.name} runs, ${why}`, pods };
	}
	return { state: 'unknown', evidence: 'the input shows neither kube-proxy nor a replacement', pods };
}

/**
 * Whether kube-proxy is Ready on one node, as its pods there say: `ready`, `not-ready` (none of
 * its pods there is Ready, or none is scheduled there while others carry a status), or `unknown`
 * (kube-proxy is not known to run, or no kube-proxy pod carries a status). KW801 and the rule
 * views' headers ask here.
 */
export function kubeProxyStateOn(presence: KubeProxyPresence, nodeName: string): 'ready' | 'not-ready' | 'unknown' {
	if (presence.state !== 'runs' || nodeName === '') return 'unknown';
	const known = presence.pods.filter((p) => p.hasStatus && !p.planned);
	if (known.length === 0) return 'unknown';
	return known.some((p) => p.nodeName === nodeName && p.ready && !p.terminating) ? 'ready' : 'not-ready';
}
