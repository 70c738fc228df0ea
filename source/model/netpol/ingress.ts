/**
 * Ingress NetworkPolicy evaluation for one destination (a pod, a port, a protocol). A pod that no
 * ingress policy selects accepts everything. Once any policy selects it, it is isolated: a
 * connection is allowed only when some rule of some selecting policy covers both the port and the
 * source. Policies add up; none can take away what another allows.
 */
import type { NetworkPolicy, Pod, Protocol } from '../../cluster/snapshot.js';
import { describePeer, peerMatches, type TrafficSource } from './peers.js';
import type { NetworkPolicyIndex } from './policy-index.js';
import { rulePortsMatch } from './ports.js';

export interface TrafficTarget {
	pod: Pick<Pod, 'namespace' | 'labels' | 'containers'>;
	/** The pod's own port (the container port the Service sends to). */
	port: number;
	protocol: Protocol;
}

/** A rule that covers the destination port, and who it lets in. */
export interface AdmittingRule {
	policy: NetworkPolicy;
	/** Index of the rule in `spec.ingress`. */
	rule: number;
	/** 'anywhere' when the rule names no peer; otherwise each peer in words. */
	from: 'anywhere' | string[];
}

export interface IngressAccess {
	/** Some ingress policy selects the pod. */
	isolated: boolean;
	/** The ingress policies that select the pod. */
	policies: readonly NetworkPolicy[];
	/** The rules that cover the port (any peer); empty and isolated means the port is closed. */
	admitting: AdmittingRule[];
	/** Not isolated, or some covering rule admits every source. */
	openToAll: boolean;
}

export function ingressAccess(index: NetworkPolicyIndex, target: TrafficTarget): IngressAccess {
	const policies = index.selecting(target.pod);
	if (policies.length === 0) return { isolated: false, policies, admitting: [], openToAll: true };
	const admitting: AdmittingRule[] = [];
	for (const policy of policies) {
		policy.ingress.forEach((rule, i) => {
			if (!rulePortsMatch(rule.ports, target.pod, target.port, target.protocol)) return;
			admitting.push({
				policy,
				rule: i,
				from: rule.peers.length === 0 ? 'anywhere' : rule.peers.map((peer) => describePeer(peer, policy.namespace)),
			});
		});
	}
	return { isolated: true, policies, admitting, openToAll: admitting.some((a) => a.from === 'anywhere') };
}

/**
 * The cheap question KW601 asks of every pod and port: is the pod isolated with no rule covering
 * the port at all? Same answer as `ingressAccess(...).admitting.length === 0` for an isolated pod,
 * without describing any peer.
 */
export function portClosed(index: NetworkPolicyIndex, target: TrafficTarget): { closed: boolean; policies: readonly NetworkPolicy[] } {
	const policies = index.selecting(target.pod);
	if (policies.length === 0) return { closed: false, policies };
	for (const policy of policies) {
		for (const rule of policy.ingress) {
			if (rulePortsMatch(rule.ports, target.pod, target.port, target.protocol)) return { closed: false, policies };
		}
	}
	return { closed: true, policies };
}

/** Whether a connection from `source` reaches the target, and the policy rule that lets it in. */
export function admits(
	index: NetworkPolicyIndex,
	target: TrafficTarget,
	source: TrafficSource,
): { allowed: boolean; by?: { policy: NetworkPolicy; rule: number } } {
	const policies = index.selecting(target.pod);
	if (policies.length === 0) return { allowed: true };
	for (const policy of policies) {
		for (let i = 0; i < policy.ingress.length; i++) {
			const rule = policy.ingress[i]!;
			if (!rulePortsMatch(rule.ports, target.pod, target.port, target.protocol)) continue;
			if (rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(peer, source, policy.namespace, index))) {
				return { allowed: true, by: { policy, rule: i } };
			}
		}
	}
	return { allowed: false };
}

/** The access in one line: not isolated, closed, admitted from anywhere, or only from some peers (which). */
export function describeAccess(access: IngressAccess): string {
	if (!access.isolated) return 'no NetworkPolicy isolates the pod';
	const names = access.policies.map((p) => p.name).join(', ');
	if (access.admitting.length === 0) {
		return `closed: ${names} ${access.policies.length === 1 ? 'isolates' : 'isolate'} the pod and no rule admits the port`;
	}
	const anywhere = access.admitting.find((a) => a.from === 'anywhere');
	if (anywhere) return `admitted from anywhere by ${anywhere.policy.name}`;
	const peers = [...new Set(access.admitting.flatMap((a) => (a.from === 'anywhere' ? [] : a.from)))];
	const by = [...new Set(access.admitting.map((a) => a.policy.name))].join(', ');
	return `admitted only from ${peers.join('; ')} (${by})`;
}
