/**
 * Whether a NetworkPolicy rule's ports cover a destination port on a pod. The port a policy sees
 * is the pod's own port (after kube-proxy's DNAT), with its protocol. A numeric port matches that
 * number, or a range up to endPort; a named port matches when the destination pod declares a
 * container port of that name, protocol and number; a port entry without a port matches every
 * port of its protocol. A rule with no ports matches every port.
 */
import type { Container, NetworkPolicyPort, Protocol } from '../../cluster/snapshot.js';

/** Whatever carries container ports: a pod, or a stand-in built from a workload's template. */
type WithPorts = { containers: readonly Container[] };

export function policyPortMatches(entry: NetworkPolicyPort, pod: WithPorts, port: number, protocol: Protocol): boolean {
	if (entry.protocol !== protocol) return false;
	if (entry.port === undefined) return true;
	if (typeof entry.port === 'number') {
		return entry.endPort !== undefined && entry.endPort >= entry.port
			? port >= entry.port && port <= entry.endPort
			: port === entry.port;
	}
	for (const container of pod.containers) {
		for (const cp of container.ports) {
			if (cp.name === entry.port && cp.protocol === protocol && cp.containerPort === port) return true;
		}
	}
	return false;
}

export function rulePortsMatch(ports: readonly NetworkPolicyPort[], pod: WithPorts, port: number, protocol: Protocol): boolean {
	return ports.length === 0 || ports.some((entry) => policyPortMatches(entry, pod, port, protocol));
}

/** `TCP/8080`, `TCP/8000-8100`, `TCP/http`, `TCP (every port)` */
export function describePolicyPort(entry: NetworkPolicyPort): string {
	if (entry.port === undefined) return `${entry.protocol} (every port)`;
	if (typeof entry.port === 'number' && entry.endPort !== undefined) return `${entry.protocol}/${entry.port}-${entry.endPort}`;
	return `${entry.protocol}/${entry.port}`;
}
