/**
 * KW407: two Services with one ClusterIP. The API server allocates each address once, so this
 * appears only in merged captures and hand-written manifests; applied, the second Service is
 * refused, and where both exist kube-proxy's rules for a port they share send to one of them
 * only. Raised on the newer Service (see created-order.ts), naming the one that holds the address.
 */
import type { Service } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { olderFirst, orderNote } from './created-order.js';
import type { RuleContext } from './rule.js';
import { subject } from './text.js';

const assigned = (ip: string) => ip !== '' && ip !== 'None';

function clusterIPsOf(svc: Service): readonly string[] {
	if (svc.type === 'ExternalName') return [];
	// One address (nearly every Service): no filtering or de-duplicating copies.
	if (svc.clusterIPs.length <= 1) {
		const ip = svc.clusterIPs[0] ?? svc.clusterIP;
		return assigned(ip) ? [ip] : [];
	}
	return [...new Set(svc.clusterIPs.filter(assigned))];
}

const computed = new WeakMap<readonly Service[], Finding[]>();

/** Once per list of Services: a live pod event leaves the list, and so the answer, as it was. */
export function clusterIPFindings(rc: RuleContext): Finding[] {
	const services = rc.model.snapshot.services;
	let hit = computed.get(services);
	if (!hit) computed.set(services, (hit = sharedClusterIPs(services)));
	return hit;
}

function sharedClusterIPs(services: readonly Service[]): Finding[] {
	// The first Service of each address, and the address's list only when a second one comes:
	// nearly every address has one Service, and this runs again on each live Service change.
	const first = new Map<string, Service>();
	const byIP = new Map<string, Service[]>();
	for (const svc of services) {
		for (const ip of clusterIPsOf(svc)) {
			const holder = first.get(ip);
			if (!holder) first.set(ip, svc);
			else if (holder !== svc) {
				const list = byIP.get(ip) ?? [holder];
				list.push(svc);
				byIP.set(ip, list);
			}
		}
	}
	const out: Finding[] = [];
	const seen = new Set<string>();
	// In the order each address first appears, as the Services list it.
	for (const ip of first.keys()) {
		const list = byIP.get(ip);
		if (!list) continue;
		const sorted = [...list].sort(olderFirst);
		const holder = sorted[0]!;
		for (const svc of sorted.slice(1)) {
			// A dual-stack pair shares both addresses: one finding per Service is enough.
			const key = `${svc.namespace}/${svc.name}`;
			if (seen.has(key)) continue;
			seen.add(key);
			out.push(
				finding(
					'KW407',
					subject('Service', svc.namespace, svc.name),
					`shares ClusterIP ${ip} with Service ${holder.namespace}/${holder.name} (${orderNote(holder, svc)}, so the address is ${holder.name}'s): the API server gives an address to one Service only, so this one cannot exist as written`,
					`remove clusterIP and clusterIPs from the spec of ${svc.name} so the API server assigns a free address, or choose an unused one`,
				),
			);
		}
	}
	return out;
}
