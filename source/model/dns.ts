/**
 * The records cluster DNS serves for a Service, following the Kubernetes DNS-based service
 * discovery specification (github.com/kubernetes/dns, docs/specification.md, schema 1.1.0):
 * - a Service with a ClusterIP: `<svc>.<ns>.svc.<zone>` A (or AAAA) to each ClusterIP;
 * - a headless Service: the same name A/AAAA to each ready endpoint address, and
 *   `<hostname>.<svc>.<ns>.svc.<zone>` for endpoints that carry a hostname (pods that set
 *   hostname and subdomain=<svc>: the StatefulSet pattern);
 * - SRV `_<port>._<proto>.<svc>.<ns>.svc.<zone>` for each named port: to the Service name for a
 *   ClusterIP Service, to each ready endpoint for a headless one;
 * - an ExternalName Service: a CNAME to its externalName.
 *
 * Names are written without the final dot. An SRV value is RFC 2782's "priority weight port
 * target" (`0 100 8080 web.shop.svc.cluster.local`); the specification leaves priority and weight
 * open, so priority is 0 and the weight an even share of 100. An endpoint without a hostname is
 * named in SRV targets by its address with dots (or colons) turned into dashes, as CoreDNS does.
 * A Service whose ClusterIP the input does not give (a manifest) gets its address record with the
 * value "(assigned on apply)", as a headless Service whose pods are all planned does.
 */
import { servedEndpoints, type ServedEndpoint } from './diagnostics/served-endpoints.js';
import type { ServiceWiring } from './wiring.js';

export interface DnsRecord {
	name: string;
	type: 'A' | 'AAAA' | 'SRV' | 'CNAME';
	value: string;
}

function addressType(ip: string): 'A' | 'AAAA' {
	return ip.includes(':') ? 'AAAA' : 'A';
}

function trimDot(name: string): string {
	return name.endsWith('.') ? name.slice(0, -1) : name;
}

/** The label an endpoint is known by in SRV targets: its hostname, or its address with dashes. */
export function endpointLabel(ep: Pick<ServedEndpoint, 'hostname' | 'ip'>): string {
	return ep.hostname || ep.ip.replace(/[.:]/g, '-');
}

export function serviceDomain(wiring: ServiceWiring, clusterDomain: string): string {
	const { name, namespace } = wiring.service;
	return `${name}.${namespace}.svc.${trimDot(clusterDomain)}`;
}

/** The value of an address record whose address the API server or the scheduler gives later. */
export const assignedOnApply = '(assigned on apply)';

/** The address record types of a Service's IP families; A when it names none (the cluster's default). */
function familiesOf(families: readonly string[]): ('A' | 'AAAA')[] {
	const types = families.map((f) => (f === 'IPv6' ? 'AAAA' : 'A') as 'A' | 'AAAA');
	return types.length > 0 ? [...new Set(types)] : ['A'];
}

export function dnsRecords(wiring: ServiceWiring, clusterDomain: string): DnsRecord[] {
	const svc = wiring.service;
	const fqdn = serviceDomain(wiring, clusterDomain);
	if (wiring.externalName) {
		return svc.externalName ? [{ name: fqdn, type: 'CNAME', value: trimDot(svc.externalName) }] : [];
	}
	const named = svc.ports.filter((p) => p.name !== '');
	const srvName = (port: { name: string; protocol: string }) => `_${port.name}._${port.protocol.toLowerCase()}.${fqdn}`;
	if (!wiring.headless) {
		const ips = svc.clusterIPs.filter((ip) => ip !== '' && ip !== 'None');
		// A manifest leaves the ClusterIP to the API server: the name is served once it is assigned.
		const address = ips.length > 0 ? ips.map((ip): DnsRecord => ({ name: fqdn, type: addressType(ip), value: ip })) : familiesOf(svc.ipFamilies).map((type): DnsRecord => ({ name: fqdn, type, value: assignedOnApply }));
		return [
			...address,
			...named.map((p): DnsRecord => ({ name: srvName(p), type: 'SRV', value: `0 100 ${p.port} ${fqdn}` })),
		];
	}
	// Headless: what the endpoints say. publishNotReadyAddresses publishes every address.
	const published = servedEndpoints(wiring).list.filter((ep) => (ep.ready || svc.publishNotReadyAddresses) && ep.ip !== '');
	const records: DnsRecord[] = [];
	const seen = new Set<string>();
	const add = (record: DnsRecord) => {
		const key = `${record.name} ${record.type} ${record.value}`;
		if (seen.has(key)) return;
		seen.add(key);
		records.push(record);
	};
	for (const ep of published) add({ name: fqdn, type: addressType(ep.ip), value: ep.ip });
	for (const ep of published) {
		if (ep.hostname) add({ name: `${ep.hostname}.${fqdn}`, type: addressType(ep.ip), value: ep.ip });
	}
	// Planned pods (a manifest set) will be published by address once they run and are ready.
	const planned = wiring.pods.filter((pod) => pod.planned);
	if (published.length === 0 && planned.length > 0) add({ name: fqdn, type: 'A', value: assignedOnApply });
	// A StatefulSet's planned pods will get their per-pod names too.
	for (const pod of planned) {
		if (pod.planned && pod.hostname !== '' && pod.subdomain === svc.name) add({ name: `${pod.hostname}.${fqdn}`, type: 'A', value: assignedOnApply });
	}
	for (const port of named) {
		const targets = published.flatMap((ep) => {
			const p = ep.ports.find((sp) => sp.name === port.name && sp.protocol === port.protocol);
			return p?.port !== undefined ? [{ ep, port: p.port }] : [];
		});
		const weight = targets.length > 0 ? Math.max(1, Math.floor(100 / targets.length)) : 100;
		for (const { ep, port: number } of targets) {
			add({ name: srvName(port), type: 'SRV', value: `0 ${weight} ${number} ${endpointLabel(ep)}.${fqdn}` });
		}
	}
	return records;
}
