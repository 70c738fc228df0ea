/**
 * KW803: kube-proxy's ConfigMap says `mode: ipvs`. IPVS mode (deprecated since 1.35) programs
 * IPVS virtual servers, not the iptables or nftables rules kubewire reproduces, so the rules and
 * traces kubewire shows are not the ones the nodes run; it says so instead of inventing rules.
 */
import type { Snapshot } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';

export function proxyModeFindings(snapshot: Snapshot): Finding[] {
	const config = snapshot.proxyConfig;
	if ((config?.mode ?? '').toLowerCase() !== 'ipvs') return [];
	// kubeadm's ConfigMap kube-proxy, or EKS's kube-proxy-config: the finding is on the one that says it.
	const name = config?.configMap?.name ?? 'kube-proxy';
	return [
		finding(
			'KW803',
			{ kind: 'ConfigMap', namespace: 'kube-system', name },
			'kube-proxy runs in IPVS mode (deprecated since Kubernetes 1.35): the iptables and nftables rules kubewire shows are not the ones its nodes run, and trace cannot follow IPVS',
			`plan the move to mode: nftables (GA since 1.33) or iptables in the ${name} ConfigMap; until then read the nodes' rules with ipvsadm -Ln`,
		),
	];
}
