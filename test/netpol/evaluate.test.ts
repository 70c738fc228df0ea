/**
 * NetworkPolicy ingress semantics as the API defines them: isolation by podSelector and
 * policyTypes, peers (podSelector, namespaceSelector, both, ipBlock with except), ports (number,
 * range with endPort, named, protocol), and policies adding up.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../source/cluster/snapshot.js';
import { admits, describeAccess, ingressAccess, NetworkPolicyIndex } from '../../source/model/netpol/index.js';
import { snapshotOf } from '../diagnostics/support.js';

const namespaces = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: monitoring, labels: {team: observability}}
---
`;

function indexOf(policies: string): NetworkPolicyIndex {
	return new NetworkPolicyIndex(snapshotOf(namespaces + policies));
}

function policy(name: string, spec: string, namespace = 'shop'): string {
	return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}---\n`;
}

const web = {
	namespace: 'shop',
	labels: { app: 'web' },
	containers: [{ name: 'web', sidecar: false, image: '', command: [], args: [], env: {}, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' as const }] }],
} satisfies Pick<Pod, 'namespace' | 'labels' | 'containers'>;

const to = (port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP') => ({ pod: web, port, protocol });
const frontend = { ip: '10.244.0.5', pod: { namespace: 'shop', labels: { app: 'frontend' } } };
const prometheus = { ip: '10.244.1.5', pod: { namespace: 'monitoring', labels: { app: 'prometheus' } } };
const outside = { ip: '203.0.113.50' };

describe('isolation', () => {
	it('a pod no policy selects accepts everything', () => {
		const index = indexOf(policy('db-only', '  podSelector: {matchLabels: {app: db}}\n'));
		expect(ingressAccess(index, to(8080)).isolated).toBe(false);
		expect(admits(index, to(8080), outside).allowed).toBe(true);
	});

	it('an empty podSelector selects every pod of its namespace only', () => {
		const index = indexOf(policy('deny', '  podSelector: {}\n') + policy('deny-mon', '  podSelector: {}\n', 'monitoring'));
		const access = ingressAccess(index, to(8080));
		expect(access.isolated).toBe(true);
		expect(access.policies.map((p) => p.name)).toEqual(['deny']);
		expect(access.admitting).toEqual([]);
		expect(admits(index, to(8080), frontend).allowed).toBe(false);
	});

	it('a policy of type Egress only does not isolate for ingress', () => {
		const index = indexOf(policy('egress', '  podSelector: {}\n  policyTypes: [Egress]\n'));
		expect(ingressAccess(index, to(8080)).isolated).toBe(false);
	});

	it('matchExpressions select too', () => {
		const index = indexOf(policy('x', '  podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}\n'));
		expect(ingressAccess(index, to(8080)).isolated).toBe(true);
	});
});

describe('peers', () => {
	it('a podSelector peer alone means pods of the policy namespace', () => {
		const index = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]\n'));
		expect(admits(index, to(8080), frontend).allowed).toBe(true);
		expect(admits(index, to(8080), { pod: { namespace: 'monitoring', labels: { app: 'frontend' } } }).allowed).toBe(false);
		expect(admits(index, to(8080), outside).allowed).toBe(false);
	});

	it('a namespaceSelector peer alone means every pod of the selected namespaces', () => {
		const index = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: observability}}}]}]\n'));
		expect(admits(index, to(8080), prometheus).allowed).toBe(true);
		expect(admits(index, to(8080), frontend).allowed).toBe(false);
	});

	it('both in one peer mean the selected pods of the selected namespaces (AND), in two peers either (OR)', () => {
		const and = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: observability}}, podSelector: {matchLabels: {app: grafana}}}]}]\n'));
		expect(admits(and, to(8080), prometheus).allowed).toBe(false);
		expect(admits(and, to(8080), { pod: { namespace: 'monitoring', labels: { app: 'grafana' } } }).allowed).toBe(true);
		const or = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: observability}}}, {podSelector: {matchLabels: {app: grafana}}}]}]\n'));
		expect(admits(or, to(8080), prometheus).allowed).toBe(true);
		expect(admits(or, to(8080), { pod: { namespace: 'shop', labels: { app: 'grafana' } } }).allowed).toBe(true);
	});

	it('a namespace known only by name still has its kubernetes.io/metadata.name label', () => {
		const index = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]\n'));
		expect(admits(index, to(8080), { pod: { namespace: 'ingress-nginx', labels: {} } }).allowed).toBe(true);
	});

	it('an ipBlock admits addresses in the block but not in its exceptions', () => {
		const index = indexOf(policy('p', '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]}]\n'));
		expect(admits(index, to(8080), outside).allowed).toBe(true);
		expect(admits(index, to(8080), { ip: '203.0.113.200' }).allowed).toBe(false);
		expect(admits(index, to(8080), { ip: '198.51.100.1' }).allowed).toBe(false);
	});

	it('a rule without from admits every source', () => {
		const index = indexOf(policy('p', '  podSelector: {}\n  ingress: [{ports: [{port: 8080}]}]\n'));
		expect(admits(index, to(8080), outside).allowed).toBe(true);
		expect(ingressAccess(index, to(8080)).openToAll).toBe(true);
	});
});

describe('ports', () => {
	const withPorts = (ports: string) => indexOf(policy('p', `  podSelector: {}\n  ingress: [{ports: ${ports}}]\n`));

	it('a number matches that port and protocol (TCP by default)', () => {
		expect(ingressAccess(withPorts('[{port: 8080}]'), to(8080)).admitting).toHaveLength(1);
		expect(ingressAccess(withPorts('[{port: 8080}]'), to(8081)).admitting).toHaveLength(0);
		expect(ingressAccess(withPorts('[{port: 8080}]'), to(8080, 'UDP')).admitting).toHaveLength(0);
		expect(ingressAccess(withPorts('[{port: 8080, protocol: UDP}]'), to(8080, 'UDP')).admitting).toHaveLength(1);
	});

	it('endPort makes a range, edges included', () => {
		const index = withPorts('[{port: 8000, endPort: 8080}]');
		expect(ingressAccess(index, to(8000)).admitting).toHaveLength(1);
		expect(ingressAccess(index, to(8080)).admitting).toHaveLength(1);
		expect(ingressAccess(index, to(8081)).admitting).toHaveLength(0);
	});

	it('a name matches the destination pod container port of that name and protocol', () => {
		expect(ingressAccess(withPorts('[{port: http}]'), to(8080)).admitting).toHaveLength(1);
		expect(ingressAccess(withPorts('[{port: metrics}]'), to(8080)).admitting).toHaveLength(0);
		expect(ingressAccess(withPorts('[{port: http, protocol: UDP}]'), to(8080, 'UDP')).admitting).toHaveLength(0);
	});

	it('a protocol without a port matches every port of that protocol', () => {
		expect(ingressAccess(withPorts('[{protocol: TCP}]'), to(12345)).admitting).toHaveLength(1);
		expect(ingressAccess(withPorts('[{protocol: UDP}]'), to(12345)).admitting).toHaveLength(0);
	});
});

describe('policies add up', () => {
	it('a deny-all and an allow policy together admit what the allow policy allows', () => {
		const index = indexOf(
			policy('deny', '  podSelector: {}\n') +
				policy('allow-frontend', '  podSelector: {matchLabels: {app: web}}\n  ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}], ports: [{port: http}]}]\n'),
		);
		const access = ingressAccess(index, to(8080));
		expect(access.policies.map((p) => p.name).sort()).toEqual(['allow-frontend', 'deny']);
		expect(access.admitting.map((a) => a.policy.name)).toEqual(['allow-frontend']);
		expect(access.openToAll).toBe(false);
		expect(describeAccess(access)).toBe('admitted only from pods app=frontend in shop (allow-frontend)');
		expect(admits(index, to(8080), frontend)).toMatchObject({ allowed: true, by: { rule: 0 } });
		expect(admits(index, to(8080), prometheus).allowed).toBe(false);
	});
});
