/**
 * KW404: externalIPs make kube-proxy on every node capture traffic to those addresses. Anyone who
 * may create Services can claim any address this way (CVE-2020-8554), so it is worth knowing.
 */
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject } from './rule.js';
import { listNames } from './text.js';

export function externalIPsRule(wiring: ServiceWiring): Finding[] {
	const svc = wiring.service;
	if (wiring.externalName || svc.externalIPs.length === 0) return [];
	return [
		finding(
			'KW404',
			serviceSubject(wiring),
			`Service ${svc.name} sets externalIPs ${listNames(svc.externalIPs, 4)}: kube-proxy on every node captures traffic to them`,
			`make sure these addresses belong to you and route to the nodes; restrict externalIPs cluster-wide (DenyServiceExternalIPs admission) if nobody should set them`,
		),
	];
}
