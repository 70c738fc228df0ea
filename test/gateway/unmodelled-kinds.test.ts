/**
 * TCPRoute, TLSRoute and UDPRoute are Gateway API kinds kubewire does not model. A listener that
 * carries only such kinds must not read "0 attached / no route attached" (a live cluster's TCP
 * listener may carry many), and routes of those kinds in files are listed, not judged, and not
 * counted among the objects kubewire does not use.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { gatewayTable } from '../../source/model/gateway/table.js';
import { gatewaysText } from '../../source/report/gateways.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
  - {name: web, protocol: HTTP, port: 80}
  - {name: pg, protocol: TCP, port: 5432}
  - {name: sni, protocol: TLS, port: 443, tls: {mode: Passthrough}, allowedRoutes: {kinds: [{kind: TLSRoute}]}}
status:
  listeners:
  - {name: web, attachedRoutes: 0, conditions: []}
  - {name: pg, attachedRoutes: 2, conditions: []}
`;

const tcpRoute = (name: string, parent: string, apiVersion = 'gateway.networking.k8s.io/v1alpha2') => `---
apiVersion: ${apiVersion}
kind: TCPRoute
metadata: {name: ${name}, namespace: infra}
spec:
  parentRefs: [${parent}]
  rules: [{backendRefs: [{name: db, port: 5432}]}]
`;

const text = (yaml: string) => {
	const analysis = analyze(snapshotFromYaml(yaml));
	return { analysis, out: gatewaysText(gatewayTable(analysis.context), {}, 200) };
};

describe('listeners of route kinds kubewire does not model', () => {
	it('a TCP listener without its routes in the input (as in a live cluster) says so, with the count its status gives', () => {
		const { analysis, out } = text(gateway);
		expect(out).toContain('listener pg: TCP :5432 (any host), routes from Same, TCPRoute not modelled (status: 2 attached)\n    kubewire does not model TCPRoute: its routes are not shown');
		expect(out).toContain('listener sni: TLS :443 (any host), routes from Same, TLSRoute not modelled\n');
		// The HTTP listener is modelled: its count and its emptiness are facts.
		expect(out).toContain('listener web: HTTP :80 (any host), routes from Same, 0 attached\n    no route attached');
		expect(analysis.findings).toEqual([]);
	});

	it('a TCPRoute that names the Gateway is listed on its TCP listener only, by sectionName when it gives one', () => {
		const { analysis, out } = text(gateway + tcpRoute('all-listeners', '{name: edge}') + tcpRoute('named', '{name: edge, sectionName: web}'));
		expect(out).toContain('routes from Same, TCPRoute not modelled (status: 2 attached)\n    TCPRoute infra/all-listeners → infra/db:5432 (listed, not judged)\n');
		// sectionName web picks the HTTP listener, which does not carry TCPRoute: listed under Route attachment only.
		expect(out).toContain('0 attached\n    no route attached');
		expect(out).toContain('  TCPRoute infra/named: not modelled by kubewire, listed only\n    parent infra/edge/web\n    backends infra/db:5432');
		expect(analysis.context.snapshot.unusedKinds).toBeUndefined();
	});

	it('a TCPRoute read twice (Istio tcp-echo: all-v1, then 20-v2) is one route, the later copy, as kubectl apply leaves it', () => {
		const later = tcpRoute('echo', '{name: edge}').replace('[{name: db, port: 5432}]', '[{name: db, port: 5432, weight: 80}, {name: db-v2, port: 5432, weight: 20}]');
		const { analysis, out } = text(gateway + tcpRoute('echo', '{name: edge}') + later);
		expect(analysis.context.snapshot.unmodelledRoutes?.map((r) => r.backendRefs.length)).toEqual([2]);
		expect(out.match(/TCPRoute infra\/echo → /g)).toHaveLength(1);
		expect(analysis.context.snapshot.skipped).toEqual([expect.objectContaining({ kind: 'TCPRoute', name: 'infra/echo', reason: expect.stringContaining('read twice') })]);
	});

	it('twin: two TCPRoutes of different names are both listed', () => {
		const { analysis } = text(gateway + tcpRoute('echo', '{name: edge}') + tcpRoute('echo-2', '{name: edge}'));
		expect(analysis.context.snapshot.unmodelledRoutes).toHaveLength(2);
		expect(analysis.context.snapshot.skipped).toEqual([]);
	});

	it('a TCPRoute of another API group is an object kubewire does not use, not a Gateway API route', () => {
		const { analysis } = text(gateway + tcpRoute('other', '{name: edge}', 'example.com/v1'));
		expect(analysis.context.snapshot.unmodelledRoutes).toBeUndefined();
	});
});

describe('a listener of a protocol the Gateway API leaves to implementations (Istio ambient waypoint: HBONE)', () => {
	const waypoint = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bookinfo-reviews, namespace: default}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}, {name: http, port: 80, protocol: HTTP}]
`;

	it('gets no computed conditions (whether it is accepted is the implementation\'s); its HTTP twin does', () => {
		const table = gatewayTable(analyze(snapshotFromYaml(waypoint)).context);
		expect(table.listeners.find((l) => l.listener.name === 'mesh')!.conditions).toEqual([]);
		expect(table.listeners.find((l) => l.listener.name === 'http')!.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'ResolvedRefs=True', 'Programmed=True']);
	});
});
