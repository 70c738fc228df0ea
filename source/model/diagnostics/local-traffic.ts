/**
 * KW402: with externalTrafficPolicy Local, a node sends external traffic (NodePort, LoadBalancer,
 * externalIPs) only to endpoints on itself. Nodes without a local ready endpoint drop it (kube-
 * proxy falls back to local serving-terminating endpoints first, as it does). The nodes are the
 * Node objects read; without them nothing can be named and nothing is raised.
 */
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { listNames, plural } from './text.js';

/** kube-proxy applies externalTrafficPolicy only to traffic that can come from outside. */
function externallyReachable(wiring: ServiceWiring): boolean {
	const svc = wiring.service;
	return svc.type === 'NodePort' || svc.type === 'LoadBalancer' || (svc.type === 'ClusterIP' && svc.externalIPs.length > 0);
}

export function localTrafficRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (svc.externalTrafficPolicy !== 'Local' || !externallyReachable(wiring) || wiring.headless) return [];
	const nodes = rc.model.snapshot.nodes;
	if (nodes.length === 0 || !rc.model.readable.canRead('nodes') || !rc.endpointsKnown(wiring)) return [];
	const { list } = rc.served(wiring);
	const ready = new Set(list.filter((ep) => ep.ready && ep.node).map((ep) => ep.node));
	const fallback = new Set(list.filter((ep) => !ep.ready && ep.serving && ep.terminating && ep.node).map((ep) => ep.node));
	const dropping = nodes
		.map((n) => n.name)
		.filter((name) => !ready.has(name) && !fallback.has(name))
		.sort();
	if (dropping.length === 0) return [];
	const all = dropping.length === nodes.length;
	return [
		finding(
			'KW402',
			serviceSubject(wiring),
			`externalTrafficPolicy Local: ${all ? `none of the ${plural(nodes.length, 'node')} has a` : `${dropping.length} of ${plural(nodes.length, 'node')} ${dropping.length === 1 ? 'has' : 'have'} no`} local ready endpoint, so external traffic arriving there is dropped: ${listNames(dropping, 5)}`,
			all
				? `make the Service's pods Ready, or set externalTrafficPolicy: Cluster`
				: `run a ready pod on every node that receives traffic (a DaemonSet, or spread replicas), make the load balancer health-check the nodes (healthCheckNodePort), or set externalTrafficPolicy: Cluster`,
		),
	];
}
