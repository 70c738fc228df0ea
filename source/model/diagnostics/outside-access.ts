/**
 * KW605: a NodePort or LoadBalancer Service exists to take traffic from outside the cluster, but
 * its pods' ingress policies admit its target port only from pods (podSelector/namespaceSelector
 * peers): outside clients (or, with externalTrafficPolicy Cluster, the node addresses their
 * traffic is SNATed to) match no such peer, so nothing from outside arrives. A port closed to
 * everyone is KW601's; a rule with an ipBlock or no peers at all lets some outside traffic in.
 */
import { finding, type Finding } from '../findings.js';
import { ingressAccess } from '../netpol/ingress.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { portLabel } from './target-ports.js';
import { listNames } from './text.js';

export function outsideAccessRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (svc.type !== 'NodePort' && svc.type !== 'LoadBalancer') return [];
	if (!svc.selector || rc.policies.ingressPoliciesIn(svc.namespace).length === 0) return [];
	if (!rc.model.readable.canRead('networkpolicies', svc.namespace)) return [];
	const closed: string[] = [];
	const policies = new Set<string>();
	for (const pw of wiring.ports) {
		const pods = pw.pods.filter(({ pod, resolution }) => resolution.containerPort !== undefined && !pod.hostNetwork && !isTerminal(pod));
		if (pods.length === 0) continue;
		const inClusterOnly = pods.every(({ pod, resolution }) => {
			const access = ingressAccess(rc.policies, { pod, port: resolution.containerPort!, protocol: pw.port.protocol });
			if (!access.isolated || access.admitting.length === 0) return false;
			const outside = access.admitting.some((a) => a.rule >= 0 && (a.policy.ingress[a.rule]!.peers.length === 0 || a.policy.ingress[a.rule]!.peers.some((p) => p.ipBlock)));
			if (!outside) for (const a of access.admitting) policies.add(a.policy.name);
			return !outside;
		});
		if (inClusterOnly) closed.push(`${portLabel(pw.port)} (${pw.port.protocol}/${pods[0]!.resolution.containerPort})`);
	}
	if (closed.length === 0) return [];
	const names = [...policies].sort();
	const seen = svc.externalTrafficPolicy === 'Local' ? "the client's address" : "a node's address (externalTrafficPolicy Cluster)";
	return [
		finding(
			'KW605',
			serviceSubject(wiring),
			`${svc.type} Service ${svc.namespace}/${svc.name} takes traffic from outside, but NetworkPolic${names.length === 1 ? 'y' : 'ies'} ${listNames(names)} admit${names.length === 1 ? 's' : ''} ${closed.join(', ')} only from pods in the cluster: traffic from outside, seen with ${seen}, never arrives`,
			`add an ingress rule with an ipBlock for the clients (${svc.externalTrafficPolicy === 'Local' ? 'their addresses' : "the nodes' addresses, or set externalTrafficPolicy Local to keep the client's"}) to ${names[0]}, or use a ClusterIP Service if outside access is not meant`,
		),
	];
}
