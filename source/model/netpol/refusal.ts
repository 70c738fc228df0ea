/**
 * Why an isolated end refuses a connection, in the terms a user fixes. "No rule admits TCP/80"
 * is true only of a closed port; far more often a rule does cover the port but names other peers
 * (a label typo in a peer's selector, a namespace without the label its selector asks for, a
 * client that is simply not among them), and then the answer is who the port is open to. A
 * closed port is worth a second look when a rule names a port the destination pod does not
 * declare: a named port matches nothing on that pod.
 */
import type { Container, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyRule, Protocol } from '../../cluster/snapshot.js';
import { asPeer, type LegVerdict, type PolicyEnd } from './connection.js';
import { peerMatches } from './peers.js';
import type { NetworkPolicyIndex } from './policy-index.js';
import { rulePortsMatch } from './ports.js';

/** A rule of an isolating policy that covers the port: it admits only these peers. */
export interface OpenRule {
	policy: NetworkPolicy;
	/** Index in `spec.ingress` or `spec.egress`. */
	rule: number;
	peers: readonly NetworkPolicyPeer[];
}

/** A named port of an isolating policy's rule that the destination does not declare for the protocol. */
export interface UnresolvedPort {
	policy: NetworkPolicy;
	name: string;
}

export interface Refusal {
	/** The rules that cover the port; empty when the port is closed to everyone. */
	openTo: OpenRule[];
	/** Named ports that match nothing on the destination; given only when the port is closed. */
	unresolved: UnresolvedPort[];
	/**
	 * Policies whose rules name the Service's port where the pod's port was meant (policy sees the
	 * connection after kube-proxy's DNAT), when the two differ.
	 */
	servicePort?: { port: number; podPort: number; policies: NetworkPolicy[] };
}

const noContainers: readonly Container[] = Object.freeze([]);

/**
 * The refusal of a leg that did not admit (`leg.allowed` false): `destination` is the end whose
 * ports policy ports name; `servicePort` the Service port the client sent to, when it did, and
 * `peersAdmit` whether a rule's peers take the far end (a rule on the Service's port is named only
 * when fixing its port would do; every rule counts when not given).
 */
export function refusalOf(
	leg: LegVerdict,
	destination: PolicyEnd,
	port: number,
	protocol: Protocol,
	servicePort?: number,
	peersAdmit: (policy: NetworkPolicy, rule: NetworkPolicyRule) => boolean = () => true,
): Refusal {
	const containers = destination.pod?.containers ?? noContainers;
	const openTo: OpenRule[] = [];
	const unresolved = new Map<string, UnresolvedPort>();
	const byServicePort = new Set<NetworkPolicy>();
	for (const policy of leg.isolating) {
		const rules = leg.direction === 'Egress' ? policy.egress : policy.ingress;
		rules.forEach((rule, i) => {
			if (rulePortsMatch(rule.ports, { containers }, port, protocol)) {
				openTo.push({ policy, rule: i, peers: rule.peers });
				return;
			}
			if (servicePort !== undefined && servicePort !== port && rule.ports.some((e) => e.protocol === protocol && e.port === servicePort && e.endPort === undefined) && peersAdmit(policy, rule)) byServicePort.add(policy);
			for (const entry of rule.ports) {
				if (typeof entry.port !== 'string' || entry.protocol !== protocol || unresolved.has(entry.port)) continue;
				const declared = containers.some((c) => c.ports.some((cp) => cp.name === entry.port && cp.protocol === protocol));
				if (!declared) unresolved.set(entry.port, { policy, name: entry.port });
			}
		});
	}
	return {
		openTo,
		unresolved: openTo.length === 0 ? [...unresolved.values()] : [],
		...(servicePort !== undefined && byServicePort.size > 0 ? { servicePort: { port: servicePort, podPort: port, policies: [...byServicePort] } } : {}),
	};
}

/** `peersAdmit` for `refusalOf`: whether a rule's peers take `end` (no peers take every end). */
export function peersTake(index: NetworkPolicyIndex, end: PolicyEnd): (policy: NetworkPolicy, rule: NetworkPolicyRule) => boolean {
	const peer = asPeer(end);
	return (policy, rule) => rule.peers.length === 0 || rule.peers.some((p) => peerMatches(p, peer, policy.namespace, index));
}
