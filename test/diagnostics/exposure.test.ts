/** KW401, KW402, KW403, KW404: how a Service is exposed, with healthy twins and readability. */
import { describe, expect, it } from 'vitest';
import type { Unreadable } from '../../source/cluster/snapshot.js';
import { isDnsName } from '../../source/model/diagnostics/external-name.js';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const found = (yaml: string, unreadable: Unreadable[] = []) => findingsOf(snapshotOf(yaml, unreadable));
const codes = (yaml: string, unreadable: Unreadable[] = []) => found(yaml, unreadable).map((f) => f.code).sort();

const node = (name: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n---\n`;
const local = (type: string, extra = '') => service('lb', { app: 'lb' }, { spec: `  type: ${type}\n  externalTrafficPolicy: Local\n${extra}` });

describe('KW402 externalTrafficPolicy Local', () => {
	const pods = pod('lb-a', { app: 'lb' }, { node: 'node-a' });

	it('names the nodes without a local ready endpoint', () => {
		const f = found(local('NodePort') + pods + node('node-a') + node('node-b'));
		expect(f.map((x) => x.code)).toEqual(['KW402']);
		expect(f[0]!.message).toContain('1 of 2 nodes has no local ready endpoint');
		expect(f[0]!.message).toContain('node-b');
		expect(f[0]!.message).not.toContain('node-a');
	});

	it('is silent when every node has a local endpoint', () => {
		expect(codes(local('NodePort') + pods + pod('lb-b', { app: 'lb' }, { node: 'node-b', ip: '10.244.1.1' }) + node('node-a') + node('node-b'))).toEqual([]);
	});

	it('does not apply to a plain ClusterIP Service (no external traffic) nor without Node objects, nor when nodes were unreadable', () => {
		const clusterIP = service('lb', { app: 'lb' }, { spec: '  externalTrafficPolicy: Local\n' });
		expect(codes(clusterIP + pods + node('node-a') + node('node-b'))).toEqual([]);
		expect(codes(local('NodePort') + pods)).toEqual([]);
		expect(codes(local('NodePort') + pods + node('node-a') + node('node-b'), [{ resource: 'nodes', namespace: '', reason: 'forbidden' }])).toEqual([]);
	});

	it('applies to a ClusterIP Service with externalIPs', () => {
		const yaml = local('ClusterIP', '  externalIPs: [192.0.2.10]\n') + pods + node('node-a') + node('node-b');
		expect(codes(yaml)).toEqual(['KW402', 'KW404']);
	});

	it('counts a local serving terminating endpoint: kube-proxy falls back to it', () => {
		const yaml = `${local('NodePort')}${pods}${node('node-a')}${node('node-b')}apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: lb-1, namespace: shop, labels: {kubernetes.io/service-name: lb}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
- {addresses: [10.244.0.1], conditions: {ready: true}, nodeName: node-a, targetRef: {kind: Pod, name: lb-a, namespace: shop}}
- {addresses: [10.244.1.1], conditions: {ready: false, serving: true, terminating: true}, nodeName: node-b}
`;
		expect(codes(yaml)).toEqual([]);
	});
});

describe('KW401 LoadBalancer without address', () => {
	it('is raised for LoadBalancer only', () => {
		const p = pod('lb-a', { app: 'lb' });
		const pending = `${service('lb', { app: 'lb' }, { spec: '  type: LoadBalancer\n' }).replace('---\n', '')}status: {loadBalancer: {}}\n---\n`;
		expect(codes(pending + p)).toEqual(['KW401']);
		// A manifest carries no status at all: no address is expected of it yet.
		expect(codes(service('lb', { app: 'lb' }, { spec: '  type: LoadBalancer\n' }) + p)).toEqual([]);
		expect(codes(service('lb', { app: 'lb' }, { spec: '  type: NodePort\n' }) + p)).toEqual([]);
	});

	it("twin: a manifest's empty status (kubectl create --dry-run -o yaml writes status: {loadBalancer: {}}) is not a pending address", () => {
		// spring-petclinic-cloud's api-gateway Service: no ClusterIP, no uid, no creationTimestamp.
		const manifest = 'apiVersion: v1\nkind: Service\nmetadata: {name: api-gateway, namespace: shop}\nspec: {type: LoadBalancer, selector: {app: lb}, ports: [{port: 80, targetPort: 8080}]}\nstatus: {loadBalancer: {}}\n---\n';
		expect(codes(manifest + pod('lb-a', { app: 'lb' }))).toEqual([]);
		// Read from a cluster (a creationTimestamp), the same status is a fact.
		expect(codes(manifest.replace('namespace: shop}', 'namespace: shop, creationTimestamp: "2026-01-01T00:00:00Z"}') + pod('lb-a', { app: 'lb' }))).toEqual(['KW401']);
	});

	it('accepts a hostname as the address (cloud load balancers often give one)', () => {
		const yaml = `${service('lb', { app: 'lb' }, { spec: '  type: LoadBalancer\n' }).replace('---\n', '')}status: {loadBalancer: {ingress: [{hostname: a1.elb.example.com}]}}\n---\n${pod('lb-a', { app: 'lb' })}`;
		expect(codes(yaml)).toEqual([]);
	});
});

describe('KW403 ExternalName', () => {
	const externalName = (name: string, extra = '') =>
		`apiVersion: v1\nkind: Service\nmetadata: {name: alias, namespace: shop}\nspec: {type: ExternalName, externalName: "${name}"${extra}}\n`;

	it('accepts DNS names (with a final dot too) and rejects addresses and other text', () => {
		expect(codes(externalName('db.example.com'))).toEqual([]);
		expect(codes(externalName('db.example.com.'))).toEqual([]);
		expect(codes(externalName('2001:db8::1'))).toEqual(['KW403']);
		expect(codes(externalName('DB_Example.com'))).toEqual(['KW403']);
		expect(isDnsName('-bad.example.com')).toBe(false);
		expect(isDnsName('a'.repeat(64) + '.example.com')).toBe(false);
	});

	it('reports ports alone as ignored', () => {
		const f = found(externalName('db.example.com', ', ports: [{port: 5432}]'));
		expect(f.map((x) => x.code)).toEqual(['KW403']);
		expect(f[0]!.message).toContain('5432');
		expect(f[0]!.message).not.toContain('IP address');
	});

	// The nginx-gateway-fabric externalname-service example: the route's backendRef names port 80,
	// which must be a port of the Service (else KW702), so removing the ports would break it.
	const ported = (name = 'db.example.com') => externalName(name, ', ports: [{name: http, port: 80}, {name: https, port: 443}]');
	const httpRoute = (kind = 'HTTPRoute', version = 'v1') =>
		`---\napiVersion: gateway.networking.k8s.io/${version}\nkind: ${kind}\nmetadata: {name: r, namespace: shop}\nspec:\n  parentRefs: [{name: gw}]\n  rules: [{backendRefs: [{name: alias, port: 80}]}]\n`;
	const ingress = `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  rules: [{host: a.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: alias, port: {number: 80}}}}]}}]\n`;
	const kw403 = (yaml: string) => found(yaml).filter((f) => f.code === 'KW403');

	it('reports ports that no Ingress or Gateway route uses, also when routes send to another Service', () => {
		expect(kw403(ported()).map((f) => f.message)).toEqual([expect.stringContaining('ports (80, 443) are not proxied')]);
		expect(kw403(ported() + httpRoute().replace('name: alias', 'name: other'))).toHaveLength(1);
	});

	it('keeps the ports an HTTPRoute, a GRPCRoute, a TCPRoute or an Ingress backend names: their proxy needs them', () => {
		expect(kw403(ported() + httpRoute())).toEqual([]);
		expect(kw403(ported() + httpRoute('GRPCRoute'))).toEqual([]);
		expect(kw403(ported() + httpRoute('TCPRoute', 'v1alpha2'))).toEqual([]);
		expect(kw403(ported() + ingress)).toEqual([]);
	});

	it('still reports an IP externalName behind an Ingress, without the ports', () => {
		const [f] = kw403(ported('203.0.113.7') + ingress);
		expect(f!.message).toContain('IP address');
		expect(f!.message).not.toContain('not proxied');
	});
});

describe('KW404 externalIPs', () => {
	it('is info, names the addresses, and is absent without externalIPs', () => {
		const p = pod('web-1', { app: 'web' });
		const f = found(service('web', { app: 'web' }, { spec: '  externalIPs: [192.0.2.1, 192.0.2.2]\n' }) + p);
		expect(f.map((x) => `${x.code} ${x.severity}`)).toEqual(['KW404 info']);
		expect(f[0]!.message).toContain('192.0.2.1, 192.0.2.2');
		expect(codes(service('web', { app: 'web' }) + p)).toEqual([]);
	});
});
