/**
 * KW701, KW702 and KW703 name what the input does hold when a reference misses it, the way an
 * operator finds the slip: the Gateway of that name in another namespace, the Service of that
 * name elsewhere, the ReferenceGrant whose `from` names another namespace. Field cases:
 * nginx-gateway-fabric's cafe example with the route moved to another namespace, and its
 * cross-namespace example with the grant's `from` namespace changed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';
import { runCli } from '../support/run-cli.js';

const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gateway, namespace: default}\nspec: {gatewayClassName: nginx, listeners: [{name: http, port: 80, protocol: HTTP}]}\n';
const coffee = 'apiVersion: v1\nkind: Service\nmetadata: {name: coffee, namespace: default}\nspec: {selector: {app: coffee}, ports: [{port: 80}]}\n';
const route = (namespace: string, parent = '{name: gateway, sectionName: http}') =>
	`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: coffee, namespace: ${namespace}}\nspec: {parentRefs: [${parent}], rules: [{backendRefs: [{name: coffee, port: 80}]}]}\n`;
const findingsOf = (...docs: string[]) => analyze(snapshotFromYaml(docs.join('---\n'))).findings;

describe('a route in another namespace than its Gateway and its Service', () => {
	it('KW701 names the Gateway of that name the input holds, and the fix sets the namespace', () => {
		const kw701 = findingsOf(gateway, coffee, route('shop')).find((f) => f.code === 'KW701')!;
		expect(kw701.message).toContain('Gateway shop/gateway does not exist; Gateways in the input: default/gateway');
		expect(kw701.hint).toBe("set the parentRef's namespace to default (its listeners must allow routes from shop), or create Gateway shop/gateway");
	});

	it('KW702 names the Service of that name in another namespace', () => {
		const kw702 = findingsOf(gateway, coffee, route('shop')).find((f) => f.code === 'KW702')!;
		expect(kw702.message).toContain('Service shop/coffee does not exist; Services in shop: none; a Service coffee exists in default');
		expect(kw702.hint).toContain("or set the backendRef's namespace to default (with a ReferenceGrant there)");
	});

	it('twin: beside its Gateway and Service, no Gateway finding', () => {
		expect(findingsOf(gateway, coffee, route('default')).filter((f) => f.code.startsWith('KW7'))).toEqual([]);
	});
});

describe('KW703 beside a ReferenceGrant that does not fit', () => {
	const dir = 'test/gateway/fixtures/field/xns';
	it('names the grant and the namespace its from permits', () => {
		const r = runCli(['check', '--fixtures', `${dir}/app.yaml`, '--fixtures', `${dir}/grant-wrong-namespace.yaml`]);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain(
			'points into namespace cafe and no ReferenceGrant there permits it (RefNotPermitted): ReferenceGrant cafe/routes-reach-tea permits it from HTTPRoute in default, not from HTTPRoute in infra',
		);
	});

	it('a grant that would fit but sits beside the route (Kong referencegrant example, grant moved): the fix moves it', () => {
		const misplaced = 'apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: routes-reach-tea, namespace: infra}\nspec: {from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}], to: [{group: "", kind: Service}]}\n';
		const app = readFileSync(`${dir}/app.yaml`, 'utf8');
		const kw703 = findingsOf(app, misplaced).find((f) => f.code === 'KW703')!;
		expect(kw703.message).toContain('ReferenceGrant infra/routes-reach-tea would permit it, but a grant takes effect only in the namespace of what it grants (cafe)');
		expect(kw703.hint).toBe('move ReferenceGrant infra/routes-reach-tea to namespace cafe');
	});

	it('a certificateRef grant beside the Gateway instead of the Secret (gateway-api tls-cert-cross-namespace, grant moved): the fix moves it', () => {
		const gw = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: tls, namespace: ns1}\nspec: {gatewayClassName: example, listeners: [{name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: cert, namespace: ns2}]}}]}\n';
		const grant = (ns: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: ReferenceGrant\nmetadata: {name: secrets, namespace: ${ns}}\nspec: {from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: ns1}], to: [{group: "", kind: Secret}]}\n`;
		const kw703 = findingsOf(gw, grant('ns1')).find((f) => f.code === 'KW703')!;
		expect(kw703.message).toContain('ReferenceGrant ns1/secrets would permit it, but a grant takes effect only in the namespace of what it grants (ns2)');
		expect(kw703.hint).toBe('move ReferenceGrant ns1/secrets to namespace ns2');
		expect(findingsOf(gw, grant('ns2')).filter((f) => f.code === 'KW703')).toEqual([]);
	});

	it('twin: the fitting grant permits it, no KW703', () => {
		const r = runCli(['check', '--fixtures', `${dir}/app.yaml`, '--fixtures', `${dir}/grant.yaml`]);
		expect(r.stdout).not.toContain('KW703');
	});
});

describe('KW701 NotAllowedByListeners under a namespace Selector: the fix is the namespace, not the Gateway\'s namespace', () => {
	const gw = (selector: string) =>
		`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: shared, namespace: infra}\nspec: {gatewayClassName: example, listeners: [{name: web, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: ${selector}}}}}]}\n`;
	const ns = (name: string, labels = '{}') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;
	const svc = (namespace: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: store, namespace: ${namespace}}\nspec: {selector: {app: store}, ports: [{port: 8080}]}\n`;
	const rt = (namespace: string) =>
		`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: store, namespace: ${namespace}}\nspec: {parentRefs: [{name: shared, namespace: infra}], rules: [{backendRefs: [{name: store, port: 8080}]}]}\n`;

	it('a label selector (gateway-api cross-namespace-routing, route moved to the unlabelled namespace): label the namespace', () => {
		const kw701 = findingsOf(gw('{shared-gateway-access: "true"}'), ns('infra', '{shared-gateway-access: "true"}'), ns('no-external-access'), svc('no-external-access'), rt('no-external-access')).find((f) => f.code === 'KW701')!;
		expect(kw701.message).toContain('allows routes from namespaces matching shared-gateway-access=true only, not from namespace no-external-access');
		expect(kw701.hint).toBe('label namespace no-external-access shared-gateway-access=true (the allowedRoutes selector of listener web of Gateway infra/shared), or move the route into a namespace that carries it');
		expect(kw701.hint).not.toContain('into namespace infra');
	});

	it('a selector by kubernetes.io/metadata.name (gateway-api http-route-attachment, route moved to ns3): add the namespace to the selector', () => {
		const kw701 = findingsOf(gw('{kubernetes.io/metadata.name: ns2}'), svc('ns3'), rt('ns3')).find((f) => f.code === 'KW701')!;
		expect(kw701.hint).toBe('add namespace ns3 to the allowedRoutes selector of listener web of Gateway infra/shared (it selects by kubernetes.io/metadata.name), or move the route into a namespace it selects');
	});

	it('twins: the labelled namespace and the selected one are accepted', () => {
		expect(findingsOf(gw('{shared-gateway-access: "true"}'), ns('store-ns', '{shared-gateway-access: "true"}'), svc('store-ns'), rt('store-ns')).filter((f) => f.code === 'KW701')).toEqual([]);
		expect(findingsOf(gw('{kubernetes.io/metadata.name: ns2}'), svc('ns2'), rt('ns2')).filter((f) => f.code === 'KW701')).toEqual([]);
	});
});

describe('a name one slip from what the input holds (Cilium grpc-route with the Service misspelt; gateway-api wildcard-tls-gateway with the Secret misspelt)', () => {
	const gw = (cert: string) =>
		`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: tls, namespace: default}\nspec: {gatewayClassName: example, listeners: [{name: wildcard-https, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: {certificateRefs: [{name: ${cert}}]}}]}\n`;
	const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: wildcard-example-com-crt, namespace: default}\ntype: kubernetes.io/tls\n';
	const grpc = (backend: string) =>
		`apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: yages, namespace: default}\nspec: {parentRefs: [{name: gateway}], rules: [{backendRefs: [{name: ${backend}, port: 9000}]}]}\n`;
	const echo = 'apiVersion: v1\nkind: Service\nmetadata: {name: grpc-echo, namespace: default}\nspec: {selector: {app: grpc-echo}, ports: [{port: 9000}]}\n';

	it('KW705 names the Secret that does exist and the fix points the certificateRef at it', () => {
		const kw705 = findingsOf(gw('wildcard-example-com-cert'), secret).find((f) => f.code === 'KW705')!;
		expect(kw705.message).toContain('certificateRef Secret default/wildcard-example-com-cert does not exist (Secret default/wildcard-example-com-crt does)');
		expect(kw705.hint).toBe('set the certificateRef of listener wildcard-https to wildcard-example-com-crt, or create the kubernetes.io/tls Secret default/wildcard-example-com-cert');
		expect(findingsOf(gw('wildcard-example-com-crt'), secret).filter((f) => f.code === 'KW705')).toEqual([]);
	});

	it('KW702 points the backendRef at the Service one slip away', () => {
		const kw702 = findingsOf(gateway, grpc('grpc-echos'), echo).find((f) => f.code === 'KW702')!;
		expect(kw702.hint).toBe('set the backendRef name to grpc-echo (Service default/grpc-echo exists), or create Service default/grpc-echos');
		expect(findingsOf(gateway, grpc('grpc-echo'), echo).filter((f) => f.code === 'KW702')).toEqual([]);
	});
});
