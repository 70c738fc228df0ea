/**
 * A seeded generator of random Kubernetes-like objects for property tests: the right kinds and
 * field names, with values of any type (hostile strings with escape sequences, nulls, numbers
 * where strings belong, lists of numbers…). Seeded so that a failure can be replayed.
 */

export class Random {
	private state: number;
	constructor(seed: number) {
		this.state = seed >>> 0 || 1;
	}
	/** xorshift32: small, fast, good enough to explore shapes. */
	next(): number {
		let x = this.state;
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		this.state = x >>> 0;
		return this.state / 0x100000000;
	}
	int(max: number): number {
		return Math.floor(this.next() * max);
	}
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)]!;
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
}

const hostileStrings = [
	'web',
	'',
	'app',
	'10.0.0.1',
	'None',
	'http',
	'TCP',
	'UDP',
	'\u001b[2J\u001b[H',
	'evil\u0007bell',
	'cr\roverwrite',
	'\u001b]0;title\u0007',
	'\u009b31m',
	'日本語',
	'a'.repeat(300),
	'*.example.com',
	'/path',
	'-1',
	'8080',
	'true',
	'\u202Ereversed',
	'null',
];

const fieldNames = [
	'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec', 'status', 'selector', 'ports', 'port',
	'targetPort', 'nodePort', 'protocol', 'type', 'clusterIP', 'clusterIPs', 'externalIPs', 'externalName',
	'endpoints', 'addresses', 'conditions', 'ready', 'serving', 'terminating', 'nodeName', 'targetRef', 'kind',
	'containers', 'initContainers', 'containerPort', 'podIP', 'podIPs', 'ip', 'rules', 'host', 'http', 'paths',
	'path', 'pathType', 'backend', 'service', 'number', 'tls', 'hosts', 'secretName', 'ingressClassName',
	'defaultBackend', 'podSelector', 'namespaceSelector', 'matchLabels', 'matchExpressions', 'key', 'operator',
	'values', 'ingress', 'egress', 'from', 'to', 'ipBlock', 'cidr', 'except', 'policyTypes', 'endPort',
	'subsets', 'notReadyAddresses', 'loadBalancer', 'externalTrafficPolicy', 'internalTrafficPolicy',
	'sessionAffinity', 'hostname', 'subdomain', 'ownerReferences', 'controller', 'addressType', 'data',
	'config.conf', 'restartPolicy', 'podCIDR', 'podCIDRs', 'items', 'serviceName', 'servicePort', 'status',
	'phase', 'hostNetwork', 'loadBalancerSourceRanges', 'publishNotReadyAddresses', 'kubernetes.io/service-name',
];

export const kinds = [
	'Service', 'EndpointSlice', 'Endpoints', 'Pod', 'Ingress', 'IngressClass', 'Node', 'Namespace',
	'NetworkPolicy', 'Secret', 'ConfigMap', 'List', 'ServiceList', 'Widget',
];

export function randomValue(r: Random, depth: number): unknown {
	const roll = r.int(depth <= 0 ? 6 : 9);
	switch (roll) {
		case 0:
			return null;
		case 1:
			return r.pick(hostileStrings);
		case 2:
			return r.pick([0, -1, 80, 8080, 65536, 1.5, 1e21, Number.MAX_SAFE_INTEGER]);
		case 3:
			return r.chance(0.5);
		case 4:
			return r.pick(hostileStrings);
		case 5:
			return [];
		case 6:
		case 7: {
			const out: Record<string, unknown> = {};
			const n = r.int(5);
			for (let i = 0; i < n; i++) out[r.pick(fieldNames)] = randomValue(r, depth - 1);
			return out;
		}
		default:
			return Array.from({ length: r.int(4) }, () => randomValue(r, depth - 1));
	}
}

/** An object of a known kind with a name (most of the time) and random everything else. */
export function randomObject(r: Random): Record<string, unknown> {
	const obj = (randomValue(r, 4) as Record<string, unknown> | null) ?? {};
	const base = typeof obj === 'object' && !Array.isArray(obj) ? obj : {};
	const kind = r.pick(kinds);
	const meta = r.chance(0.85)
		? { name: r.pick(['web', 'db', 'api', 'kube-proxy', '\u001b[31mred', 'x']), namespace: r.pick(['shop', 'kube-system', '', 'default']), labels: r.chance(0.7) ? { app: r.pick(['web', 'db', 'api']) } : randomValue(r, 2) }
		: randomValue(r, 2);
	return { ...base, kind, apiVersion: 'v1', metadata: meta };
}
