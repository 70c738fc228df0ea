/**
 * KW401: a LoadBalancer Service whose status has no ingress address: no load-balancer controller
 * has provisioned it (kubectl shows EXTERNAL-IP <pending>), so only its NodePorts work.
 */
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject } from './rule.js';

export function loadBalancerRule(wiring: ServiceWiring): Finding[] {
	const svc = wiring.service;
	if (svc.type !== 'LoadBalancer' || svc.loadBalancerIngress.length > 0) return [];
	// A manifest carries no status: the address is given after it is applied.
	if (!svc.hasStatus) return [];
	const nodePorts = svc.ports.map((p) => p.nodePort).filter((p): p is number => p !== undefined);
	const still = nodePorts.length > 0 ? `; only its NodePorts (${nodePorts.join(', ')}) answer` : '';
	return [
		finding(
			'KW401',
			serviceSubject(wiring),
			`LoadBalancer Service ${svc.name} has no address in status.loadBalancer.ingress (EXTERNAL-IP <pending>)${still}`,
			`check that a load-balancer controller runs for this cluster (cloud controller manager, MetalLB, …) and read the Service's events; use type NodePort if there is none`,
		),
	];
}
