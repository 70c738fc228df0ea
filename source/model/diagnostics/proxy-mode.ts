/**
 * KW803: kube-proxy's ConfigMap says `mode: ipvs`, or its DaemonSet (static pod) starts it with
 * --proxy-mode=ipvs and no --config. IPVS mode (deprecated since 1.35) programs
 * IPVS virtual servers, not the iptables or nftables rules kubewire reproduces, so the rules and
 * traces kubewire shows are not the ones the nodes run; it says so instead of inventing rules.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { clusterProxyConfig } from '../kube-proxy-flags.js';
import type { KubeProxyPresence } from '../kube-proxy.js';

export function proxyModeFindings(snapshot: Snapshot, presence: KubeProxyPresence): Finding[] {
	const line = presence.commandLine;
	const config = clusterProxyConfig(snapshot, line);
	if ((config?.mode ?? '').toLowerCase() !== 'ipvs') return [];
	const message = 'kube-proxy runs in IPVS mode (deprecated since Kubernetes 1.35): the iptables and nftables rules kubewire shows are not the ones its nodes run, and trace cannot follow IPVS';
	const after = "until then read the nodes' rules with ipvsadm -Ln";
	if (line?.flags) {
		// Its command line says so: the finding is on what carries it (the DaemonSet, a static pod, k3s's Node).
		const where = line.subject.kind === 'Node' ? `k3s's --kube-proxy-arg (${line.from})` : line.from;
		return [finding('KW803', line.subject, message, `plan the move to --proxy-mode=nftables (GA since 1.33) or iptables in ${where}; ${after}`)];
	}
	// kubeadm's ConfigMap kube-proxy, or EKS's kube-proxy-config: the finding is on the one that says it.
	const name = config?.configMap?.name ?? 'kube-proxy';
	return [finding('KW803', { kind: 'ConfigMap', namespace: 'kube-system', name }, message, `plan the move to mode: nftables (GA since 1.33) or iptables in the ${name} ConfigMap; ${after}`)];
}
