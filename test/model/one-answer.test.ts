/**
 * Issue 13: one fact, one place. Each of the three contradictions a new user met is checked here
 * from every view that showed it: the model computes the answer once and every view formats it.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { gatewayTable } from '../../source/model/gateway/table.js';
import { route } from '../../source/model/ingress/index.js';
import { checkText } from '../../source/report/check.js';
import { gatewaysText } from '../../source/report/gateways.js';
import { ingressesJson, ingressesText, problemText as ingressProblem, readyText } from '../../source/report/ingresses.js';
import { routeText } from '../../source/report/route.js';
import { servicesJson, servicesText } from '../../source/report/services.js';
import { lineText } from '../../source/ui/lines.js';
import { buildScreen, type ScreenModel } from '../../source/ui/screens/index.js';
import { ingressRowsIn } from '../../source/ui/screens/ingresses.js';
import { view } from '../../source/ui/state/ui-state.js';
import { scratchDir } from '../support/scratch.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

function text(model: ScreenModel): string {
	if (model.kind !== 'text') throw new Error('not text');
	return model.lines.map(lineText).join('\n');
}

describe('a Pod manifest without status: every table says its endpoints are planned', () => {
	const analysis = analyze(loadFiles([fixture('basic/pod-manifest-behind-three-tables.yaml')]));

	it('the model: endpoints unjudged until the manifests are applied, no finding', () => {
		const web = analysis.serviceByKey.get('shop/web')!;
		expect(web.endpointsUnjudged).toBe('on-apply');
		expect(web.findings).toEqual([]);
	});

	it('services, ingresses and gateways: READY planned, not 0/0* or ?', () => {
		expect(servicesText(analysis, {}, 200)).toMatch(/shop\/web .* planned +1$/m);
		expect(servicesText(analysis, {}, 200)).not.toMatch(/has no EndpointSlice in the input/);
		expect(readyText(analysis.routing.rows[0]!)).toBe('planned');
		expect(gatewaysText(gatewayTable(analysis.context), {}, 200)).toMatch(/shop\/web#0 +web:80 planned/);
	});

	it('check: readiness is known once applied, not "every Service is wired to ready pods"', () => {
		const text = checkText(analysis, {}, 200);
		expect(text).toContain('No problems found: selectors, ports and routes fit the workloads (readiness is known once applied).');
		expect(text).not.toContain('ready pods');
	});
});

describe('a Service without a selector, its EndpointSlices not in the files (metrics-server\'s kustomize base)', () => {
	it('check does not say every Service is wired to ready pods', () => {
		const file = `${scratchDir('one-answer')}/metrics-server.yaml`;
		writeFileSync(
			file,
			'apiVersion: v1\nkind: Service\nmetadata: {name: metrics-server, namespace: kube-system}\nspec: {ports: [{name: https, port: 443, targetPort: https}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: metrics-server, namespace: kube-system}\nspec:\n  template:\n    metadata: {labels: {k8s-app: metrics-server}}\n    spec: {containers: [{name: metrics-server, image: m, ports: [{name: https, containerPort: 10250}]}]}\n',
		);
		const analysis = analyze(loadFiles([file]));
		expect(analysis.serviceByKey.get('kube-system/metrics-server')!.endpointsUnjudged).toBe('unread');
		const text = checkText(analysis, {}, 200);
		expect(text).toContain('No problems found in what the input holds; whether 1 Service has ready endpoints is not known (see NOT READ).');
		expect(text).not.toContain('ready pods');
	});
});

describe('a Service reached by a Gateway route and named by a mesh route', () => {
	it('its chain shows the Gateway rule and says the mesh route is there, not judged', () => {
		const analysis = analyze(
			loadFiles([fixture('basic/pod-manifest-behind-three-tables.yaml'), fixture('basic/mesh-route-beside-gateway.yaml')]),
		);
		const gateway = analysis.serviceByKey.get('shop/web')!.chain.find((l) => l.kind === 'gateway')!;
		expect(gateway.label).toMatch(/^shop\/gw http \* /);
		expect(gateway.detail).toMatch(/; HTTPRoute shop\/web-canary also has this Service as its parent \(GAMMA\): a service mesh applies it, kubewire does not judge it$/);
	});
});

describe('an input without EndpointSlices: every view counts the endpoints derived from the pods', () => {
	const analysis = analyze(loadFiles([fixture('basic/ingress-without-slices.yaml')]));
	const web = analysis.serviceByKey.get('a/web')!;

	it('the model: one ready endpoint, derived', () => {
		expect(web.wiring.endpointsDerived).toBe(true);
		expect(web.wiring.readyEndpointCount).toBe(1);
		expect(web.wiring.endpoints.map((e) => ({ ip: e.ip, port: e.port, ready: e.ready, pod: e.pod, derived: e.derived }))).toEqual([
			{ ip: '10.244.0.5', port: 8080, ready: true, pod: 'web-1', derived: true },
		]);
	});

	it('services (text and JSON) and ingresses (text and JSON) say 1/1 and that it was derived', () => {
		const table = servicesText(analysis, {}, 200);
		expect(table).toMatch(/a\/web .* 1\/1\*/);
		expect(table).toMatch(/^\* 1 Service has no EndpointSlice in the input/m);
		const json = servicesJson(analysis, {}) as { services: { endpoints: object[] }[] };
		expect(json.services[0]!.endpoints).toEqual([
			{ ip: '10.244.0.5', port: 8080, name: 'http', protocol: 'TCP', ready: true, serving: true, terminating: false, node: null, pod: 'web-1', derived: true },
		]);
		const row = analysis.routing.rows[0]!;
		expect(readyText(row)).toBe('1/1*');
		expect(ingressesText(analysis.routing, {}, 200)).toMatch(/web:80\s+1\/1\*/);
		const rows = (ingressesJson(analysis.routing, {}) as { rows: { endpoints: object[] }[] }).rows;
		expect(rows[0]!.endpoints).toEqual([
			{ ip: '10.244.0.5', port: 8080, ready: true, serving: true, terminating: false, node: null, pod: 'web-1', derived: true },
		]);
	});

	it('route: the request is served by the derived endpoint, and says so', () => {
		const result = route(analysis.routing, 'http://a.example.com/');
		expect(result.endpoints.map((e) => `${e.ip}:${e.port} ${e.pod}`)).toEqual(['10.244.0.5:8080 web-1']);
		expect(routeText(result, 80)).toMatch(/Endpoints\s+1 ready of 1, derived from the pods/);
	});

	it('the detail screen: ENDPOINTS 1/1 under a chain that says 1/1 derived', () => {
		const detail = text(buildScreen(view('detail', { subject: 'a/web' }), { analysis, width: 80 }));
		expect(detail).toMatch(/ENDPOINTS 1\/1 ready\s+derived from the pods/);
		expect(detail).not.toMatch(/no endpoints/);
		expect(web.chain.find((l) => l.kind === 'endpoint')).toMatchObject({ label: '1/1 ready', state: 'ok' });
	});

	it('planned pods (workload templates) publish no endpoint and are not counted', () => {
		const snapshot = loadFiles([fixture('basic/ingress-without-slices.yaml')]);
		const template = { ...snapshot.pods[0]!, name: 'web-planned-0', podIP: '', podIPs: [], ready: false, hasStatus: false, planned: true };
		snapshot.pods.push(template);
		const planned = analyze(snapshot).serviceByKey.get('a/web')!;
		expect(planned.wiring.pods.map((p) => p.name)).toEqual(['web-1', 'web-planned-0']);
		expect(planned.wiring.endpoints.map((e) => e.pod)).toEqual(['web-1']);
		expect([planned.wiring.readyEndpointCount, planned.wiring.endpointCount]).toEqual([1, 1]);
	});
});

describe('a TLS entry without hosts naming a missing Secret: one answer for the row', () => {
	const analysis = analyze(loadFiles([fixture('basic/ingress-tls-without-hosts.yaml')]));
	const row = analysis.routing.rows[0]!;

	it('the routing row carries KW504 and is an error', () => {
		expect(row.findings.map((f) => f.code)).toContain('KW504');
		expect(row.status).toBe('error');
	});

	it('the TUI row, the report PROBLEM cell and route (https) agree', () => {
		const tui = ingressRowsIn(analysis, undefined)[0]!;
		expect(tui).toMatchObject({ type: 'route', status: 'error' });
		const screen = buildScreen(view('ingresses'), { analysis, width: 120 });
		if (screen.kind !== 'table') throw new Error('not a table');
		expect((screen.preview?.(0, 100) ?? []).map(lineText).join('\n')).toMatch(/KW504/);
		expect(ingressProblem(row)).toMatch(/^KW504 /);
		expect(route(analysis.routing, 'https://a.example.com/').findings.map((f) => f.code)).toContain('KW504');
	});
});

describe('ingress class resolution: an Ingress of another class is not a link of the chain', () => {
	const analysis = analyze(loadFiles([fixture('../ingress/vectors/ingress-class-resolution/cluster.yaml')]));

	it('svc-b: the chain and the detail both say no Ingress of the chosen class routes here', () => {
		expect(analysis.routing.className).toBe('nginx');
		const svcB = analysis.serviceByKey.get('default/svc-b')!;
		expect(svcB.chain.find((l) => l.kind === 'ingress')).toMatchObject({ state: 'skipped' });
		const detail = text(buildScreen(view('detail', { subject: 'default/svc-b' }), { analysis, width: 80 }));
		expect(detail).toMatch(/INGRESS RULES routing here\s+class nginx\n\s+none/);
		expect(detail).not.toMatch(/other-class/);
	});

	it('with --class other, the same Service has the link in both', () => {
		const other = analyze(loadFiles([fixture('../ingress/vectors/ingress-class-resolution/cluster.yaml')]), { ingressClass: 'other' });
		const svcB = other.serviceByKey.get('default/svc-b')!;
		expect(svcB.chain.find((l) => l.kind === 'ingress')).toMatchObject({ label: 'other-class: b.example.com/' });
		const detail = text(buildScreen(view('detail', { subject: 'default/svc-b' }), { analysis: other, width: 80 }));
		expect(detail).toMatch(/other-class\s+b\.example\.com/);
	});
});
