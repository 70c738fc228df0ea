/**
 * KW405: a dual-stack Service (two families in spec.ipFamilies) gets a ClusterIP of each family,
 * and kube-proxy programs each family from that family's endpoints only. A family without a ready
 * endpoint rejects every connection made to its ClusterIP while the other one works, so clients
 * that resolve AAAA first see "connection refused". A Service with no ready endpoint at all is
 * KW301's; this speaks when one family works and the other does not.
 */
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { plural } from './text.js';

export type IPFamily = 'IPv4' | 'IPv6';

export function familyOf(ip: string): IPFamily | undefined {
	if (ip === '') return undefined;
	return ip.includes(':') ? 'IPv6' : 'IPv4';
}

/** How many ready endpoint addresses the Service has in each family. */
export function readyByFamily(wiring: ServiceWiring, rc: RuleContext): Map<IPFamily, number> {
	const counts = new Map<IPFamily, number>();
	const add = (ip: string) => {
		const family = familyOf(ip);
		if (family) counts.set(family, (counts.get(family) ?? 0) + 1);
	};
	const served = rc.served(wiring);
	if (served.derived) {
		// Endpoints derived from pods: the EndpointSlice controller writes one slice per family,
		// each from the pods' addresses of that family.
		const ready = new Set(served.list.filter((ep) => ep.ready).map((ep) => ep.podName));
		for (const pod of wiring.pods) if (ready.has(pod.name)) for (const ip of pod.podIPs.length > 0 ? pod.podIPs : [pod.podIP]) add(ip);
	} else {
		for (const ep of served.list) if (ep.ready && ep.ports.some((p) => p.port !== undefined)) add(ep.ip);
	}
	return counts;
}

export function ipFamilyRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	const families = svc.ipFamilies.filter((f): f is IPFamily => f === 'IPv4' || f === 'IPv6');
	if (families.length < 2 || wiring.externalName || !rc.endpointsKnown(wiring)) return [];
	const counts = readyByFamily(wiring, rc);
	const missing = families.filter((f) => !counts.has(f));
	const working = families.filter((f) => counts.has(f));
	if (missing.length === 0 || working.length === 0) return [];
	const gone = missing[0]!;
	const has = working.map((f) => plural(counts.get(f)!, `ready ${f} endpoint`)).join(', ');
	const clusterIP = svc.clusterIPs.find((ip) => familyOf(ip) === gone);
	return [
		finding(
			'KW405',
			serviceSubject(wiring),
			wiring.headless
				? `ipFamilies ${families.join(', ')}: no ready endpoint has an ${gone} address (${has}), so its name has no ${gone === 'IPv6' ? 'AAAA' : 'A'} records and ${gone} clients cannot reach it`
				: `ipFamilies ${families.join(', ')}: no ready endpoint has an ${gone} address (${has}), so connections to its ${gone} ClusterIP${clusterIP ? ` ${clusterIP}` : ''} are refused`,
			`give the pods ${gone} addresses (the pod network must be dual-stack), or set ipFamilyPolicy: SingleStack with ipFamilies: [${working[0]}]`,
		),
	];
}
