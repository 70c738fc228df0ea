/**
 * KW602 for Gateway routes: the Gateway's data-plane pods are the clients of an HTTPRoute's or
 * GRPCRoute's backends. Raised on the route, naming how the pods were found and the policy to
 * change; nothing when the pods are not in the input, the route is not accepted, the backend
 * does not resolve or carries no traffic. The Service's chain and "who may connect" agree.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { whoMayConnect } from '../../source/model/reach/who-may-connect.js';
import { route as routeUrl } from '../../source/model/ingress/index.js';
import { verdictText } from '../../source/report/route.js';
import { codesOf, findingsOf, pod, service, snapshotOf } from './support.js';

const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
---
`;
// Istio's in-cluster deployment: the proxy pods carry the Gateway's name, in its namespace.
const proxy = pod('gw-istio-7f9c-1', { 'gateway.networking.k8s.io/gateway-name': 'gw' }, { ip: '10.244.0.50', ports: '[{containerPort: 80}]' });

const api = service('api', { app: 'api' }) + pod('api-1', { app: 'api' }, { ip: '10.244.0.11' });

const route = (kind: 'HTTPRoute' | 'GRPCRoute', backendRefs = '[{name: api, port: 80}]', parent = '{name: gw}', namespace = 'shop') => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata: {name: web, namespace: ${namespace}}
spec:
  parentRefs: [${parent}]
  rules: [{backendRefs: ${backendRefs}}]
---
`;

const onlyFromWeb = (namespace = 'shop') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-web, namespace: ${namespace}}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]
---
`;

// Admits the Gateway's pods on the pods' port 8080 (Service port 80).
const admitGateway = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-gw, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: gw}}}], ports: [{port: 8080}]}]
---
`;

const kw602 = (yaml: string) => findingsOf(snapshotOf(yaml)).filter((f) => f.code === 'KW602');

describe('KW602 on Gateway routes', () => {
	it('is raised on an HTTPRoute whose backend pods admit none of the Gateway pods, saying how they were found', () => {
		const [f, ...more] = kw602(gateway + proxy + api + route('HTTPRoute') + onlyFromWeb());
		expect(more).toEqual([]);
		expect(f).toMatchObject({ kind: 'HTTPRoute', namespace: 'shop', name: 'web', severity: 'error' });
		expect(f!.message).toBe(
			"HTTPRoute shop/web sends to Service shop/api (TCP/8080), whose pods NetworkPolicy api-from-web isolates for ingress without admitting the pods of Gateway shop/gw (class istio), identified from pods shop/gw-istio-7f9c-1, labelled gateway.networking.k8s.io/gateway-name=gw: requests time out (users see 504s, or 503s from Envoy)",
		);
		// The pods live in the policy's own namespace: a podSelector alone selects them.
		expect(f!.hint).toBe('add an ingress rule to NetworkPolicy shop/api-from-web admitting podSelector gateway.networking.k8s.io/gateway-name=gw on TCP/8080');
	});

	it('is raised on a GRPCRoute the same way', () => {
		expect(codesOf(kw602(gateway + proxy + api + route('GRPCRoute') + onlyFromWeb()))).toEqual(['KW602 GRPCRoute shop/web']);
	});

	it('follows a backendRef into another namespace that a ReferenceGrant allows, and not one it does not', () => {
		const payments = service('api', { app: 'api' }, { namespace: 'payments' }) + pod('api-1', { app: 'api' }, { namespace: 'payments', ip: '10.244.0.21' });
		const grant = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: shop-routes, namespace: payments}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service}]
---
`;
		const cluster = gateway + proxy + payments + route('HTTPRoute', '[{name: api, namespace: payments, port: 80}]') + onlyFromWeb('payments');
		const [f] = kw602(cluster + grant);
		expect(f!.message).toContain('sends to Service payments/api (TCP/8080)');
		// Across namespaces the rule needs the Gateway pods' namespace too.
		expect(f!.hint).toBe(
			'add an ingress rule to NetworkPolicy payments/api-from-web admitting namespaceSelector kubernetes.io/metadata.name=shop with podSelector gateway.networking.k8s.io/gateway-name=gw on TCP/8080',
		);
		// Without the grant the Gateway sends nothing there (KW703 says why), so no KW602.
		const codes = codesOf(findingsOf(snapshotOf(cluster)));
		expect(codes).toContain('KW703 HTTPRoute shop/web');
		expect(codes.filter((c) => c.startsWith('KW602'))).toEqual([]);
	});

	it('raises nothing when the Gateway pods are not in the input', () => {
		expect(kw602(gateway + api + route('HTTPRoute') + onlyFromWeb())).toEqual([]);
	});

	it('raises nothing for a route the Gateway does not accept', () => {
		const codes = codesOf(findingsOf(snapshotOf(gateway + proxy + api + route('HTTPRoute', undefined, '{name: gw, sectionName: https}') + onlyFromWeb())));
		expect(codes).toEqual(['KW701 HTTPRoute shop/web']);
	});

	it('raises nothing for a backendRef of weight 0 (no request goes there)', () => {
		expect(kw602(gateway + proxy + api + route('HTTPRoute', '[{name: api, port: 80, weight: 0}]') + onlyFromWeb())).toEqual([]);
	});

	it('raises nothing when a policy admits the Gateway pods, or none isolates the backend', () => {
		expect(kw602(gateway + proxy + api + route('HTTPRoute') + onlyFromWeb() + admitGateway)).toEqual([]);
		expect(kw602(gateway + proxy + api + route('HTTPRoute'))).toEqual([]);
	});

	it("raises nothing when the backend's policies could not be read", () => {
		const snapshot = snapshotOf(gateway + proxy + api + route('HTTPRoute') + onlyFromWeb(), [{ resource: 'networkpolicies', namespace: 'shop', reason: 'forbidden' }]);
		expect(findingsOf(snapshot).filter((f) => f.code === 'KW602')).toEqual([]);
	});
});

describe("the Service's chain and who may connect, for a Gateway's pods", () => {
	const cluster = gateway + proxy + api + route('HTTPRoute') + onlyFromWeb();

	it('lists the Gateway pods among who may connect, not admitted, by the isolating policy', () => {
		const analysis = analyze(snapshotOf(cluster));
		const answers = whoMayConnect(analysis.context, analysis.serviceByKey.get('shop/api')!.wiring);
		expect(answers[0]).toEqual({
			client: 'controller',
			who: 'Gateway shop/gw (class istio) for HTTPRoute shop/web (pods shop/gw-istio-7f9c-1, labelled gateway.networking.k8s.io/gateway-name=gw)',
			admitted: 'none',
			by: 'isolated by api-from-web, which admits only pods app=web in shop',
		});
	});

	it("breaks the Service's network-policy link", () => {
		const link = analyze(snapshotOf(cluster)).serviceByKey.get('shop/api')!.chain.find((l) => l.kind === 'network-policy')!;
		expect(link.state).toBe('broken');
		expect(link.detail).toMatch(/^Gateway shop\/gw \(class istio\) for HTTPRoute shop\/web .*: not admitted \(isolated by api-from-web, which admits only pods app=web in shop\)/);
	});

	it('judges only the Service ports the route sends to', () => {
		// The route sends to port 80 (8080 on the pods); the policy admits the Gateway there and
		// keeps the metrics port 9090 closed to it. The Gateway never sends to 9090: all admitted.
		const twoPorts =
			service('api', { app: 'api' }, { ports: '[{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090, targetPort: 9090}]' }) +
			pod('api-1', { app: 'api' }, { ip: '10.244.0.11', ports: '[{containerPort: 8080}, {containerPort: 9090}]' });
		const analysis = analyze(snapshotOf(gateway + proxy + twoPorts + route('HTTPRoute') + admitGateway));
		const controller = whoMayConnect(analysis.context, analysis.serviceByKey.get('shop/api')!.wiring).find((a) => a.client === 'controller');
		expect(controller).toMatchObject({ admitted: 'all', by: 'admitted by api-from-gw' });
		expect(codesOf(findingsOf(snapshotOf(gateway + proxy + twoPorts + route('HTTPRoute') + admitGateway))).filter((c) => c.startsWith('KW602'))).toEqual([]);
	});

	it('says nothing of a Gateway whose pods are not in the input', () => {
		const analysis = analyze(snapshotOf(gateway + api + route('HTTPRoute') + onlyFromWeb()));
		expect(whoMayConnect(analysis.context, analysis.serviceByKey.get('shop/api')!.wiring).some((a) => a.client === 'controller')).toBe(false);
	});
});

describe("an Ingress's KW602 where its routes are shown", () => {
	// The fixture of the catalogue: ingress-nginx's pods are refused by Grafana's pods.
	const load = (name: string) => loadFiles([fileURLToPath(new URL(`../fixtures/diagnostics/KW602/${name}.yaml`, import.meta.url))]);

	it('marks the routing rows of the blocked backend and is met by `route`, as `check` reports it', () => {
		const analysis = analyze(load('broken'));
		const rows = analysis.routing.rows.filter((r) => r.ingress === 'grafana');
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.status).toBe('error');
			expect(row.findings.map((f) => f.code)).toContain('KW602');
		}
		const answer = routeUrl(analysis.routing, 'http://grafana.example.com/');
		expect(answer.findings.map((f) => f.code)).toContain('KW602');
		// Its verdict does not read "served": the controller's connections are refused.
		expect(verdictText(answer)).toMatch(/^504 from the controller: 1 ready endpoint, but NetworkPolicy refuses the controller's pods/);
		// One finding, however many places show it.
		expect(analysis.findings.filter((f) => f.code === 'KW602')).toHaveLength(1);
	});

	it('leaves the rows of the healthy twin alone', () => {
		const analysis = analyze(load('healthy'));
		for (const row of analysis.routing.rows) expect(row.findings.map((f) => f.code)).not.toContain('KW602');
		const answer = routeUrl(analysis.routing, 'http://grafana.example.com/');
		expect(answer.findings.map((f) => f.code)).not.toContain('KW602');
		expect(verdictText(answer)).toMatch(/^served by \d+ ready endpoint/);
	});
});
