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
