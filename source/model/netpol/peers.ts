/**
 * Whether a source is one of a NetworkPolicy rule's peers, as the API defines them: a podSelector
 * alone means pods of the policy's namespace; a namespaceSelector alone means every pod of the
 * selected namespaces; both together mean the selected pods of the selected namespaces; an
 * ipBlock means addresses in the CIDR and outside every exception. A rule with no peers admits
 * every source.
 */
import type { Labels, NetworkPolicyPeer } from '../../cluster/snapshot.js';
import { formatLabelSelector, isEmptySelector, matchesLabelSelector } from '../selectors.js';
import { cidrContains, parseAddress, parseCidr } from './cidr.js';
import type { NetworkPolicyIndex } from './policy-index.js';

/** Where a connection comes from: a pod (with its address when known) or a bare address. */
export interface TrafficSource {
	ip?: string;
	pod?: { namespace: string; labels: Labels };
	/**
	 * An address outside the pod network that the input does not name (a client "outside"): only
	 * an ipBlock covering every address (prefix length 0, no exception) certainly includes it.
	 */
	anyAddress?: boolean;
}

export function peerMatches(
	peer: NetworkPolicyPeer,
	source: TrafficSource,
	policyNamespace: string,
	index: NetworkPolicyIndex,
): boolean {
	if (peer.ipBlock) {
		if (source.ip === undefined && source.anyAddress) return peer.ipBlock.except.length === 0 && parseCidr(peer.ipBlock.cidr)?.bits === 0;
		return ipBlockMatches(peer.ipBlock.cidr, peer.ipBlock.except, source.ip);
	}
	if (!peer.podSelector && !peer.namespaceSelector) return false; // rejected by API validation
	const pod = source.pod;
	if (!pod) return false;
	if (peer.namespaceSelector) {
		if (!matchesLabelSelector(peer.namespaceSelector, index.namespaceLabels(pod.namespace))) return false;
	} else if (pod.namespace !== policyNamespace) {
		return false;
	}
	return peer.podSelector ? matchesLabelSelector(peer.podSelector, pod.labels) : true;
}

function ipBlockMatches(cidrText: string, except: string[], ip: string | undefined): boolean {
	if (!ip) return false;
	const address = parseAddress(ip);
	const cidr = parseCidr(cidrText);
	if (!address || !cidr || !cidrContains(cidr, address)) return false;
	return !except.some((text) => {
		const hole = parseCidr(text);
		return hole !== undefined && cidrContains(hole, address);
	});
}

/** One peer in words: "pods app=frontend in shop", "every pod in namespaces team=web", "10.0.0.0/8 except …". */
export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
	if (peer.ipBlock) {
		const except = peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(',')}` : '';
		return `addresses ${peer.ipBlock.cidr}${except}`;
	}
	const pods = peer.podSelector && !isEmptySelector(peer.podSelector) ? `pods ${formatLabelSelector(peer.podSelector)}` : 'every pod';
	if (!peer.namespaceSelector) return peer.podSelector ? `${pods} in ${policyNamespace}` : 'nothing (empty peer)';
	const namespaces = isEmptySelector(peer.namespaceSelector)
		? 'every namespace'
		: `namespaces ${formatLabelSelector(peer.namespaceSelector)}`;
	return `${pods} in ${namespaces}`;
}
