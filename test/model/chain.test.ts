/**
 * The per-Service chain: every link in order, its state, and the first broken one, which is where
 * traffic stops.
 */
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../source/cluster/demo.js';
import { analyze } from '../../source/model/analyze.js';
import { firstBroken, linkOfCode, type ChainLink } from '../../source/model/chain.js';
import { catalogue } from '../../source/model/findings.js';
import { pod, service, snapshotOf } from '../diagnostics/support.js';

const kinds = ['dns', 'ingress', 'gateway', 'service-port', 'kube-proxy', 'endpoint', 'pod', 'network-policy', 'container-port'];

function chainOf(yaml: string, key = 'shop/web'): ChainLink[] {
	return analyze(snapshotOf(yaml)).serviceByKey.get(key)!.chain;
}

const states = (chain: ChainLink[]) => Object.fromEntries(chain.map((l) => [l.kind, l.state]));

const nginxClass = `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
---
`;

const ingress = (port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: nginx
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: ${port}}}}]}}]
status: {loadBalancer: {ingress: [{ip: 203.0.113.1}]}}
---
${nginxClass}`;

describe('chain', () => {
	it('a healthy Service: every link in order, none broken, the ingress link skipped when no Ingress routes here', () => {
		const chain = chainOf(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }));
		expect(chain.map((l) => l.kind)).toEqual(kinds);
		expect(states(chain)).toEqual({
			dns: 'ok',
			ingress: 'skipped',
			gateway: 'skipped',
			'service-port': 'ok',
			'kube-proxy': 'ok',
			endpoint: 'ok',
			pod: 'ok',
			'network-policy': 'ok',
			'container-port': 'ok',
		});
		expect(chain[0]!.label).toBe('web.shop.svc.cluster.local');
		expect(firstBroken(chain)).toBeUndefined();
	});

	it('an Ingress that routes here is a link, broken when it names a port the Service lacks', () => {
		const slice = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints: [{addresses: [10.244.0.1], conditions: {ready: true}, targetRef: {kind: Pod, namespace: shop, name: web-1}}]
---
`;
		const base = service('web', { app: 'web' }) + pod('web-1', { app: 'web' }) + slice;
		const good = chainOf(base + ingress('{number: 80}')).find((l) => l.kind === 'ingress')!;
		expect(good.state).toBe('ok');
		expect(good.label).toContain('shop.example.com/');
		const bad = chainOf(base + ingress('{number: 8080}')).find((l) => l.kind === 'ingress')!;
		expect(bad.state).toBe('broken');
		expect(bad.detail).toContain('8080');
	});

	it('a selector matching no pod: traffic stops at kube-proxy (REJECT), the pod link is broken, later links skipped', () => {
		const chain = chainOf(service('web', { app: 'web' }) + pod('other', { app: 'db' }));
		expect(firstBroken(chain)!.kind).toBe('kube-proxy');
		expect(firstBroken(chain)!.detail).toContain('REJECT');
		expect(states(chain)).toMatchObject({ endpoint: 'broken', pod: 'broken', 'network-policy': 'skipped', 'container-port': 'skipped' });
	});

	it('a NetworkPolicy closing the port breaks the network-policy link only', () => {
		const deny = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec: {podSelector: {}}\n---\n';
		const chain = chainOf(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }) + deny);
		expect(firstBroken(chain)!.kind).toBe('network-policy');
		expect(firstBroken(chain)!.detail).toContain('deny-all');
	});

	it('a port admitted from some peers says who may connect', () => {
		const allow = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-frontend, namespace: shop}
spec: {podSelector: {}, ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]}
---
`;
		const link = chainOf(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }) + allow).find((l) => l.kind === 'network-policy')!;
		expect(link.state).toBe('ok');
		expect(link.detail).toContain('pods app=frontend in shop');
	});

	it('a wrong named targetPort breaks the container-port link', () => {
		const chain = chainOf(service('web', { app: 'web' }, { ports: '[{name: http, port: 80, targetPort: web}]' }) + pod('web-1', { app: 'web' }));
		expect(states(chain)['container-port']).toBe('broken');
	});

	it('a headless Service skips kube-proxy; its DNS link breaks without a ready pod', () => {
		const yaml = (ready: boolean) => service('web', { app: 'web' }, { clusterIP: 'None' }) + pod('web-1', { app: 'web' }, { ready });
		expect(states(chainOf(yaml(true)))).toMatchObject({ dns: 'ok', 'kube-proxy': 'skipped' });
		expect(firstBroken(chainOf(yaml(false)))!.kind).toBe('dns');
	});

	it('an ExternalName Service is a DNS alias: its later links are skipped', () => {
		const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: ExternalName, externalName: web.example.com}\n';
		const chain = chainOf(yaml);
		expect(chain[0]).toMatchObject({ kind: 'dns', state: 'ok', detail: 'CNAME web.example.com' });
		expect(chain.slice(2).every((l) => l.state === 'skipped')).toBe(true);
	});
});

describe('chain: the Ingress link speaks for this Service only', () => {
	const twoBackends = (tls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  ingressClassName: nginx
  ${tls}
  rules: [{host: shop.example.com, http: {paths: [
    {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}},
    {path: /api, pathType: Prefix, backend: {service: {name: api-gone, port: {number: 80}}}}]}}]
status: {loadBalancer: {ingress: [{ip: 203.0.113.1}]}}
---
${nginxClass}`;

	it('a missing backend on another path of the same Ingress does not break this Service', () => {
		const chain = chainOf(twoBackends('tls: []') + service('web', { app: 'web' }) + pod('web-1', { app: 'web' }));
		expect(states(chain)['ingress']).toBe('ok');
		expect(firstBroken(chain)).toBeUndefined();
	});

	it('a problem of the Ingress as a whole (its TLS secret is missing) does', () => {
		const chain = chainOf(
			twoBackends('tls: [{hosts: [shop.example.com], secretName: shop-tls}]') + service('web', { app: 'web' }) + pod('web-1', { app: 'web' }),
		);
		expect(states(chain)['ingress']).toBe('broken');
	});

	it('every code of the catalogue belongs to a link that every chain has', () => {
		const chain = chainOf(service('web', { app: 'web' }) + pod('web-1', { app: 'web' }));
		expect(Object.keys(linkOfCode).sort()).toEqual(Object.keys(catalogue).sort());
		for (const kind of Object.values(linkOfCode)) expect(chain.map((l) => l.kind)).toContain(kind);
	});
});

describe('the Gateway link', () => {
	const demo = analyze(loadDemo());
	const gatewayLinkOf = (key: string) => demo.serviceByKey.get(key)!.chain.find((l) => l.kind === 'gateway')!;

	it('names the Gateway, listener, host, match and route rule that reach a Service', () => {
		expect(gatewayLinkOf('shop/catalog')).toMatchObject({
			state: 'ok',
			label: 'shop/storefront-gw http shop.example.com PathPrefix /catalog (HTTPRoute shop/storefront rule 0)',
		});
	});

	it('marks a rule whose cross-namespace backendRef has no ReferenceGrant, and says the Gateway answers 500', () => {
		const link = gatewayLinkOf('payments/dashboard');
		// Another route reaches dashboard as well, so the link is marked, not broken.
		expect(link.state).toBe('warning');
		expect(link.detail).toMatch(/^HTTPRoute shop\/storefront rule 3: RefNotPermitted \(no ReferenceGrant in payments .*\): the Gateway answers 500$/);
	});

	it('is skipped for a Service no route rule sends to', () => {
		expect(gatewayLinkOf('payments/invoices')).toMatchObject({ state: 'skipped', label: 'no Gateway route' });
	});
});

describe('the NetworkPolicy link and the Ingress controller', () => {
	const demo = analyze(loadDemo());
	const policyLinkOf = (key: string) => demo.serviceByKey.get(key)!.chain.find((l) => l.kind === 'network-policy')!;

	it('is broken when the pods admit none of the controller pods their Ingress traffic comes from (KW602 on the Ingress)', () => {
		const link = policyLinkOf('analytics/reports');
		expect(link.state).toBe('broken');
		expect(link.detail).toMatch(/^ingress-nginx \(class nginx\) for Ingress reports .*: not admitted \(isolated by reports-from-scheduler, which admits only pods app=report-scheduler in analytics\): users see 504s$/);
		expect(demo.findings.some((f) => f.code === 'KW602' && f.kind === 'Ingress' && f.namespace === 'analytics' && f.name === 'reports')).toBe(true);
	});

	it('stays ok when a policy admits the controller', () => {
		expect(policyLinkOf('shop/frontend').state).toBe('ok');
	});
});
