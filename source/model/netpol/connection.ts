/**
 * One connection judged at both ends, as NetworkPolicy defines it: the client's egress policies
 * must let it out AND the server's ingress policies must let it in. Each end is judged on its
 * own: a pod that no policy selects for a direction is not isolated for it; once one does, only a
 * rule of a selecting policy that covers both the other end and the port lets the connection
 * pass (rules add up across policies; none denies).
 *
 * The port is the destination pod's own port (after kube-proxy's DNAT); a named policy port is
 * resolved on the destination pod, so a named port in an egress rule towards an address matches
 * nothing. Host-network pods are not subject to NetworkPolicy (the common plugin behaviour, see
 * netpol-spec.md section 8): they are never isolated, and as a peer they match no pod selector,
 * only an ipBlock covering their address.
 */
import type { Container, Labels, NetworkPolicy, Protocol } from '../../cluster/snapshot.js';
import { peerMatches, type TrafficSource } from './peers.js';
import type { NetworkPolicyIndex } from './policy-index.js';
import { rulePortsMatch } from './ports.js';

/** One end of a connection: a pod, or an address outside the pod network. */
export interface PolicyEnd {
	pod?: { namespace: string; labels: Labels; containers: readonly Container[]; hostNetwork: boolean };
	/** The end's address when known (a pod's IP, an outside client's IP, a node IP). */
	ip?: string;
	/** An outside address the input does not name: only a /0 ipBlock certainly covers it. */
	anyAddress?: boolean;
}

export type Direction = 'Ingress' | 'Egress';

/** The verdict of one end (one direction) of a connection. */
export interface LegVerdict {
	direction: Direction;
	/** Some policy selects this end's pod for the direction. */
	isolated: boolean;
	allowed: boolean;
	/** The policy rule that lets the connection pass, when the end is isolated and one does. */
	by?: { policy: NetworkPolicy; rule: number };
	/** The policies that select the pod for the direction (empty when not isolated). */
	isolating: readonly NetworkPolicy[];
	/**
	 * Why no policy applies whatever they say: the end's pod uses the host's network, or (set by
	 * the caller, who knows the nodes) the traffic comes from the pod's own node.
	 */
	exempt?: 'host-network' | 'own-node';
	/**
	 * The admitting peer is an ipBlock matched against a pod's address: whether ipBlocks apply to
	 * pod IPs is left to the plugin (netpol-spec.md section 6), so the answer says so.
	 */
	viaPodIpBlock?: boolean;
	/**
	 * Refused, but a rule of this policy admits an address block on the port and the other end is
	 * a pod whose address the input does not give (a planned pod): whether the block covers it is
	 * not known until it runs.
	 */
	ipBlockUnknown?: NetworkPolicy;
}

export interface ConnectionVerdict {
	allowed: boolean;
	egress: LegVerdict;
	ingress: LegVerdict;
}

const none: readonly NetworkPolicy[] = Object.freeze([]);
const noContainers: readonly Container[] = Object.freeze([]);

/** How an end looks when it is the other side of a rule: a pod (unless host-network) and its address. */
export function asPeer(end: PolicyEnd): TrafficSource {
	const pod = end.pod && !end.pod.hostNetwork ? { namespace: end.pod.namespace, labels: end.pod.labels } : undefined;
	return { pod, ip: end.ip, anyAddress: end.anyAddress };
}

/**
 * One direction: `subject` is the pod whose policies are read (the client for egress, the server
 * for ingress), `other` the far end, `destination` the end whose ports a named policy port names.
 */
function leg(
	index: NetworkPolicyIndex,
	direction: Direction,
	subject: PolicyEnd,
	other: PolicyEnd,
	destination: PolicyEnd,
	port: number,
	protocol: Protocol,
): LegVerdict {
	const pod = subject.pod;
	if (!pod) return { direction, isolated: false, allowed: true, isolating: none };
	if (pod.hostNetwork) return { direction, isolated: false, allowed: true, isolating: none, exempt: 'host-network' };
	const policies = (direction === 'Egress' ? index.forEgress() : index).selecting(pod);
	if (policies.length === 0) return { direction, isolated: false, allowed: true, isolating: none };
	const peer = asPeer(other);
	const portsOf = { containers: destination.pod?.containers ?? noContainers };
	let ipBlockUnknown: NetworkPolicy | undefined;
	for (const policy of policies) {
		const rules = direction === 'Egress' ? policy.egress : policy.ingress;
		for (let i = 0; i < rules.length; i++) {
			const rule = rules[i]!;
			if (!rulePortsMatch(rule.ports, portsOf, port, protocol)) continue;
			if (rule.peers.length === 0) return { direction, isolated: true, allowed: true, by: { policy, rule: i }, isolating: policies };
			const matched = rule.peers.find((p) => peerMatches(p, peer, policy.namespace, index));
			if (matched) {
				const viaPodIpBlock = matched.ipBlock !== undefined && peer.pod !== undefined && !rule.peers.some((p) => !p.ipBlock && peerMatches(p, peer, policy.namespace, index));
				return { direction, isolated: true, allowed: true, by: { policy, rule: i }, isolating: policies, ...(viaPodIpBlock ? { viaPodIpBlock } : {}) };
			}
			if (peer.pod && peer.ip === undefined && rule.peers.some((p) => p.ipBlock)) ipBlockUnknown ??= policy;
		}
	}
	return { direction, isolated: true, allowed: false, isolating: policies, ...(ipBlockUnknown ? { ipBlockUnknown } : {}) };
}

/** The client's egress towards `to`, on the destination's own port. */
export function egressVerdict(index: NetworkPolicyIndex, from: PolicyEnd, to: PolicyEnd, port: number, protocol: Protocol): LegVerdict {
	return leg(index, 'Egress', from, to, to, port, protocol);
}

/** The server's ingress from `from`, on its own port. */
export function ingressVerdict(index: NetworkPolicyIndex, from: PolicyEnd, to: PolicyEnd, port: number, protocol: Protocol): LegVerdict {
	return leg(index, 'Ingress', to, from, to, port, protocol);
}

/** Both ends: allowed only when the client's egress and the server's ingress both let it pass. */
export function connectionVerdict(index: NetworkPolicyIndex, from: PolicyEnd, to: PolicyEnd, port: number, protocol: Protocol): ConnectionVerdict {
	const egress = egressVerdict(index, from, to, port, protocol);
	const ingress = ingressVerdict(index, from, to, port, protocol);
	return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** The policy that decides a leg: the one that admits it, else (isolated) the first that isolates it. */
export function decidingPolicy(leg: LegVerdict): NetworkPolicy | undefined {
	return leg.by?.policy ?? leg.isolating[0];
}
