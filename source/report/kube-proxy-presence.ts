/**
 * The lines the kube-proxy views (iptables, nftables, trace, the detail's tree) put first when the
 * cluster visibly runs no kube-proxy, or not on the node shown: the rules kubewire writes are then
 * what kube-proxy WOULD write, not anything the node holds. The facts are model/kube-proxy.ts's.
 * Also the line the kube-proxy views share for Services whose endpoints the input does not show.
 */
import { kubeProxyStateOn, type KubeProxyPresence } from '../model/kube-proxy.js';

/** undefined unless kube-proxy is visibly absent; `mode` is the view's: iptables or nftables. */
export function kubeProxyAbsentLine(presence: KubeProxyPresence | undefined, mode: 'iptables' | 'nftables'): string | undefined {
	if (presence?.state !== 'absent') return undefined;
	return `this cluster runs no kube-proxy (${presence.evidence}): no node holds these rules; below is what kube-proxy's ${mode} mode would write if it ran`;
}

/**
 * undefined unless kube-proxy visibly runs in the cluster but is not Ready on `node` (KW801), or
 * its DaemonSet leaves `node` out (then whatever serves Services there is not that DaemonSet), or
 * kube-system was read and shows no kube-proxy and no replacement (then the rules are not known
 * to be on any node).
 */
export function kubeProxyNodeLine(presence: KubeProxyPresence | undefined, node: string): string | undefined {
	if (!presence) return undefined;
	if (presence.state === 'unknown' && presence.unseen) {
		return `no kube-proxy DaemonSet or pod in the input (${presence.evidence}): it may run outside the API's view (k3s runs it in its own process) or not at all; these are the rules it would write`;
	}
	const state = kubeProxyStateOn(presence, node);
	if (state === 'not-placed') {
		return `kube-proxy (${presence.evidence}) has no pod on node ${node} by design (${presence.placement}): these rules are what it would write there, not rules it wrote`;
	}
	if (state !== 'not-ready') return undefined;
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

/** Both lines, those that apply: what the rule views (iptables JSON, nftables, trace, the detail's tree) say of kube-proxy first. */
export function kubeProxyLines(presence: KubeProxyPresence | undefined, mode: 'iptables' | 'nftables', node: string): string[] {
	return [kubeProxyAbsentLine(presence, mode), kubeProxyNodeLine(presence, node)].filter((line): line is string => line !== undefined);
}
