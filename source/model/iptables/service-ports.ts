/**
 * Services as kube-proxy sees them: one "service port" per entry of spec.ports, with the
 * addresses of this node's IP family in canonical form and the traffic-policy facts the rules
 * are built from. Headless and ExternalName Services have none, as in kube-proxy.
 */
import type { Service } from '../../cluster/snapshot.js';
import { servicePortHash } from './hash.js';
import { canonicalIP, familyOf, formatCIDR, parseCIDR, type CIDR, type Family } from '../net.js';

export interface ProxyServicePort {
	service: Service;
	/** `ns/name` */
	serviceKey: string;
	/** kube-proxy's service port name: `ns/name` or `ns/name:port-name`. */
	spn: string;
	portName: string;
	/** Lower case: tcp, udp, sctp. */
	protocol: string;
	port: number;
	nodePort: number;
	clusterIP: string;
	externalIPs: string[];
	loadBalancerVIPs: string[];
	/** Canonical CIDRs of this family, in spec order. */
	sourceRanges: string[];
	sourceRangeCIDRs: CIDR[];
	/** ClientIP affinity timeout, or 0 without affinity. */
	stickySeconds: number;
	externalPolicyLocal: boolean;
	internalPolicyLocal: boolean;
	healthCheckNodePort: number;
	externallyAccessible: boolean;
	usesClusterEndpoints: boolean;
	usesLocalEndpoints: boolean;
	chains: { svc: string; svl: string; ext: string; fw: string };
}

/** Why kube-proxy writes no rules for a Service, or undefined when it does. */
export function skippedBecause(service: Service, family: Family): string | undefined {
	if (service.type === 'ExternalName') return 'ExternalName Service: DNS answers with a CNAME, kube-proxy writes no rules';
	if (service.clusterIP === 'None') return 'headless Service (clusterIP None): DNS returns the pod IPs, kube-proxy writes no rules';
	// A manifest leaves spec.clusterIP out: the API server assigns one on apply (only None is headless).
	if (service.clusterIP === '' && service.clusterIPs.length === 0) return 'no ClusterIP in the input: it is assigned on apply, and the rules follow from it';
	if (clusterIPFor(service, family) === undefined) return `no ${family} cluster IP: the ${family} kube-proxy writes no rules for it`;
	return undefined;
}

function clusterIPFor(service: Service, family: Family): string | undefined {
	if (service.ipFamilies.length === 0) {
		return familyOf(service.clusterIP) === family ? canonicalIP(service.clusterIP) : undefined;
	}
	const index = service.ipFamilies.indexOf(family);
	const ip = index >= 0 ? service.clusterIPs[index] : undefined;
	return ip !== undefined && familyOf(ip) === family ? canonicalIP(ip) : undefined;
}

function addressesOf(list: readonly string[], family: Family): string[] {
	const out: string[] = [];
	for (const text of list) {
		const ip = canonicalIP(text.trim());
		if (ip !== undefined && familyOf(ip) === family) out.push(ip);
	}
	return out;
}

/** Type LoadBalancer or NodePort, or ClusterIP with external IPs: only then can ETP be Local. */
function externallyAccessibleByType(service: Service): boolean {
	return (
		service.type === 'LoadBalancer' ||
		service.type === 'NodePort' ||
		(service.type === 'ClusterIP' && service.externalIPs.length > 0)
	);
}

export function servicePortsOf(service: Service, family: Family): ProxyServicePort[] {
	if (skippedBecause(service, family)) return [];
	const clusterIP = clusterIPFor(service, family)!;
	const serviceKey = `${service.namespace}/${service.name}`;
	const externalIPs = addressesOf(service.externalIPs, family);
	const loadBalancerVIPs = addressesOf(
		service.loadBalancerIngress.filter((i) => i.ip && (!i.ipMode || i.ipMode === 'VIP')).map((i) => i.ip!),
		family,
	);
	const sourceRangeCIDRs = service.loadBalancerSourceRanges
		.map((r) => parseCIDR(r.trim()))
		.filter((c): c is CIDR => c !== undefined && c.ip.family === family);
	const sourceRanges = sourceRangeCIDRs.map(formatCIDR);
	const stickySeconds = service.sessionAffinity === 'ClientIP' ? service.sessionAffinityTimeoutSeconds ?? 10800 : 0;
	const externalPolicyLocal = externallyAccessibleByType(service) && service.externalTrafficPolicy === 'Local';
	const internalPolicyLocal = service.internalTrafficPolicy === 'Local';
	const healthCheckNodePort = service.type === 'LoadBalancer' && externalPolicyLocal ? service.healthCheckNodePort ?? 0 : 0;
	return service.ports.map((p) => {
		const spn = p.name ? `${serviceKey}:${p.name}` : serviceKey;
		const protocol = p.protocol.toLowerCase();
		const nodePort = p.nodePort ?? 0;
		const externallyAccessible = nodePort !== 0 || loadBalancerVIPs.length > 0 || externalIPs.length > 0;
		const hash = servicePortHash(spn, protocol);
		return {
			service,
			serviceKey,
			spn,
			portName: p.name,
			protocol,
			port: p.port,
			nodePort,
			clusterIP,
			externalIPs,
			loadBalancerVIPs,
			sourceRanges,
			sourceRangeCIDRs,
			stickySeconds,
			externalPolicyLocal,
			internalPolicyLocal,
			healthCheckNodePort,
			externallyAccessible,
			usesClusterEndpoints: !internalPolicyLocal || externallyAccessible,
			usesLocalEndpoints: internalPolicyLocal || (externalPolicyLocal && externallyAccessible),
			chains: { svc: `KUBE-SVC-${hash}`, svl: `KUBE-SVL-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}` },
		};
	});
}
