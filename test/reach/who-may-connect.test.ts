/**
 * "Who may connect" judges the client's own egress where the client is a pod the input shows: a
 * namespace whose pods are all denied egress, a Gateway's pods locked down for egress. Healthy
 * twins admit what those policies let out.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { whoMayConnect } from '../../source/model/reach/who-may-connect.js';
import { pod, service, snapshotOf } from '../diagnostics/support.js';

const api = service('api', { app: 'api' }) + pod('api-1', { app: 'api' }, { ip: '10.244.0.11' });
const policy = (name: string, spec: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}---\n`;
const denyEgress = policy('deny-egress', '  podSelector: {}\n  policyTypes: [Egress]\n');
const answers = (yaml: string) => {
	const analysis = analyze(snapshotOf(yaml));
	return whoMayConnect(analysis.context, analysis.serviceByKey.get('shop/api')!.wiring);
};

describe('who may connect: the clients\' egress', () => {
	it('a namespace whose pods are all denied egress: its other pods are not admitted, by that policy', () => {
		expect(answers(api + denyEgress).find((a) => a.client === 'same-namespace')).toMatchObject({ admitted: 'none', by: 'their egress refused by deny-egress' });
		// Twin: a second policy lets the namespace's pods out to each other.
		const sameNamespace = policy('egress-in-shop', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{to: [{podSelector: {}}]}]\n');
		expect(answers(api + denyEgress + sameNamespace).find((a) => a.client === 'same-namespace')).toMatchObject({ admitted: 'all' });
	});

	it("a Gateway's pods locked down for egress are not admitted, whatever the backend's ingress says", () => {
		const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: shop}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n---\n';
		const proxy = pod('gw-istio-1', { 'gateway.networking.k8s.io/gateway-name': 'gw' }, { ip: '10.244.0.50', ports: '[{containerPort: 80}]' });
		const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, namespace: shop}\nspec:\n  parentRefs: [{name: gw}]\n  rules: [{backendRefs: [{name: api, port: 80}]}]\n---\n';
		const gwOut = (to: string) => policy('gw-out', `  podSelector: {matchLabels: {gateway.networking.k8s.io/gateway-name: gw}}\n  policyTypes: [Egress]\n  egress: [{to: [${to}]}]\n`);
		const controller = (yaml: string) => answers(gateway + proxy + api + route + yaml).find((a) => a.client === 'controller');
		expect(controller(gwOut('{podSelector: {matchLabels: {app: web}}}'))).toMatchObject({ admitted: 'none', by: 'its egress refused by gw-out' });
		expect(controller(gwOut('{podSelector: {matchLabels: {app: api}}}'))).toMatchObject({ admitted: 'all' });
	});

	it('"not admitted" names who the isolating policies do admit, so it does not read as a closed port', () => {
		const fromTeam = policy('api-from-team', '  podSelector: {matchLabels: {app: api}}\n  ingress: [{from: [{namespaceSelector: {matchLabels: {team: shop}}}]}]\n');
		expect(answers(api + fromTeam).find((a) => a.client === 'other-namespaces')).toMatchObject({ admitted: 'none', by: 'isolated by api-from-team, which admits only every pod in namespaces team=shop' });
	});
});
