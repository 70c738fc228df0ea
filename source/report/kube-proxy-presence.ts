/**
 * The line the kube-proxy views (iptables, nftables) put first when the cluster visibly runs no
 * kube-proxy: the rules kubewire writes are then what kube-proxy WOULD write, not anything a
 * node holds. The fact itself is model/kube-proxy.ts's kubeProxyPresence. Also the line the
 * kube-proxy views share for Services whose endpoints the input does not show.
 */
import { kubeProxyStateOn, type KubeProxyPresence } from '../model/kube-proxy.js';

/** undefined unless kube-proxy is visibly absent; `mode` is the view's: iptables or nftables. */
export function kubeProxyAbsentLine(presence: KubeProxyPresence | undefined, mode: 'iptables' | 'nftables'): string | undefined {
	if (presence?.state !== 'absent') return undefined;
	return `this cluster runs no kube-proxy (${presence.evidence}): no node holds these rules; below is what kube-proxy's ${mode} mode would write if it ran`;
}

/** undefined unless kube-proxy visibly runs in the cluster but is not Ready on `node` (KW801). */
export function kubeProxyNotReadyLine(presence: KubeProxyPresence | undefined, node: string): string | undefined {
	if (!presence || kubeProxyStateOn(presence, node) !== 'not-ready') return undefined;
	return `kube-proxy is not Ready on node ${node} (KW801): the node may hold older rules than these, or none`;
}

/**
 * Said of selectorless Services whose EndpointSlices were not read: their rules are written as
 * for no endpoints (a REJECT), which the input does not show. Shared by iptables, nftables, trace.
 */
export function endpointsNotGivenLine(keys: readonly string[]): string {
	const shown = `${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}`;
	return `endpoints not known for ${keys.length} Service(s) without a selector (their EndpointSlices are not in the input or could not be read): written as without endpoints, which the input does not show: ${shown}`;
}
