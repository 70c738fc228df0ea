/**
 * The Gateways screen on the demo cluster, drawn by the real Frame through ink-testing-library:
 * rules in precedence order with their status, the unattached route with its reason, Enter on a
 * rule opening its backend Service, and a plain 80x24 frame with no colour needed to read it.
 */
import { render } from 'ink-testing-library';
import { describe, expect, test } from 'vitest';
import { loadDemo } from '../../../source/cluster/demo.js';
import { loadFiles } from '../../../source/cluster/files.js';
import { analyze, type Analysis } from '../../../source/model/analyze.js';
import { Frame } from '../../../source/ui/components/Frame.js';
import { lineText, seg } from '../../../source/ui/lines.js';
import { gatewayRowIndex, gatewaysScreen } from '../../../source/ui/screens/gateways.js';
import { view } from '../../../source/ui/state/ui-state.js';
import { snapshotFromYaml } from '../../support/snapshot-from-yaml.js';

const analysis = analyze(loadDemo());
const data = { analysis, width: 80 };

/** The 80x24 frame, without colour, of the Gateways screen of `analysis` with row `selected` chosen. */
function frameOf(analysis: Analysis, filter = '', selected = 0): string {
	const model = gatewaysScreen({ analysis, width: 80 }, filter);
	const v = { ...view('services'), selected, filter };
	const r = render(<Frame size={{ columns: 80, rows: 24 }} theme={{ color: false }} header={[seg('kubewire demo')]} footer={[seg('q quit')]} model={model} view={v} />);
	const out = r.lastFrame() ?? '';
	r.unmount();
	return out;
}

const frame = (filter = '', selected = 0) => frameOf(analysis, filter, selected);

describe('Gateways screen', () => {
	test('one row per attached rule in precedence order, the listeners no route attaches to, then the route that is not attached', () => {
		const model = gatewaysScreen({ ...data, width: 200 }, '');
		const rows = Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
		expect(rows).toHaveLength(10);
		// Longest prefix first on shop.example.com, then the shorter hosts (the gRPC route on
		// api.example.com matches a service, not a path); the unattached route last.
		expect(rows.map((r) => /\.com\s+(\/\S*|flagd\S*)/.exec(r)?.[1] ?? /(HTTPS? :\d+|NotAllowedByListeners)/.exec(r)?.[1])).toEqual([
			'/recommendations', '/catalog', '/search', '/pay', '/', 'flagd.evaluation.v1.Service/*', '/', 'HTTPS :443', 'HTTP :8080', 'NotAllowedByListeners',
		]);
		// The https listener cannot use its certificate (KW705); trial-gw's class is gone (KW704).
		expect(rows[7]).toMatch(/✗ ERROR\s+shop\/storefront-gw\s+https\s+shop\.example\.com\s+HTTPS :443\s+\(none on shop\/storefront-gw\)\s+no route attached$/);
		expect(rows[8]).toMatch(/✗ NOPROG\s+shop\/trial-gw\s+http\s+\*\s+HTTP :8080\s+\(none on shop\/trial-gw\)\s+no route attached, not programmed \(no GatewayClass nginx-gateway\)/);
		expect(rows[5]).toMatch(/✓ OK .*platform\/feature-flags#0 .*feature-flags:8013 1\/2/);
		expect(rows[0]).toMatch(/✗ ERROR .*shop\/storefront#1 .*recommendations:80 0\/2/);
		expect(rows[1]).toMatch(/✓ OK .*shop\/storefront#0 .*catalog:80 2\/2/);
		expect(rows[9]).toMatch(/✗ OUT .*payments\/checkout-tls/);
	});

	test('the 80x24 frame shows the title, the header and the rows, readable without colour', () => {
		const out = frame();
		const lines = out.split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
		expect(out).toContain('Gateway routes 10');
		// ROUTE names the rule whole (rows of one route differ only by `#rule`): LISTENER gives way.
		expect(out).toMatch(/STATUS\s+HOST\s+MATCH\s+ROUTE\s+BACKENDS/);
		expect(out).toMatch(/✓ OK\s+shop\.exam\S*\s+\/catalog\s+shop\/storefront#0\s+catalog:80 2\/2/);
		expect(out).toContain('✗ OUT');
		// The preview under the table shows the selected rule's finding.
		expect(out).toContain('KW706');
	});

	test('the filter narrows the rows and the title says so', () => {
		const out = frame('kw703');
		expect(out).toContain('Gateway routes 1 of 10 matching /kw703');
		expect(out).toMatch(/✗ ERROR\s+shop\.exam\S*\s+\/pay\s+shop\/storefront#3\s+payments\/dash/);
	});

	test('Enter on a rule opens its backend Service; on an unattached route it says why', () => {
		const model = gatewaysScreen(data, '');
		expect(model.open(1)).toEqual({ type: 'push', view: view('detail', { subject: 'shop/catalog' }) });
		expect(model.open(3)).toEqual({ type: 'push', view: view('detail', { subject: 'payments/dashboard' }) });
		expect(model.open(5)).toEqual({ type: 'push', view: view('detail', { subject: 'platform/feature-flags' }) });
		expect(model.open(8)).toEqual({ type: 'flash', message: 'no route is attached to listener http' });
		expect(model.open(9)).toMatchObject({ type: 'flash', message: expect.stringContaining('not attached') });
	});

	test("the preview gives the rule's attachment conditions, a refused route's reason, and a listener's state", () => {
		const text = (i: number) => frame('', i).replace(/\s+/g, ' ');
		// ResolvedRefs is the route's: storefront's /catalog rule is fine, its route is not.
		expect(text(1)).toContain('✓ no findings for this rule → catalog:80 2/2 on shop/storefront-gw/http: Accepted=True ResolvedRefs=False/BackendNotFound');
		expect(text(5)).toContain("✓ no findings for this rule → feature-flags:8013 1/2 on shop/storefront-gw/http: Accepted=True ResolvedRefs=True");
		expect(text(0)).toContain('on shop/storefront-gw/http: Accepted=True ResolvedRefs=False/BackendNotFound KW706');
		expect(text(9)).toContain('on shop/storefront-gw/https: Accepted=False/NotAllowedByListeners ResolvedRefs=True KW701');
		expect(text(7)).toContain('Gateway shop/storefront-gw listener https: HTTPS :443 shop.example.com');
		expect(text(7)).toContain('KW705');
		expect(text(8)).toContain('not programmed (no GatewayClass nginx-gateway) KW704');
	});
});

describe('Gateways screen: a Gateway nobody programs', () => {
	// The demo's trial-gw, whose GatewayClass is gone, with a route attached: its rules are marked
	// NOPROG (nothing serves them, whatever their backends), and the preview says no controller
	// writes their conditions.
	const snapshot = loadDemo();
	const extra = snapshotFromYaml(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: trial, namespace: shop}
spec:
  parentRefs: [{name: trial-gw}]
  rules: [{matches: [{path: {type: PathPrefix, value: /trial}}], backendRefs: [{name: catalog, port: 80}]}]
`);
	snapshot.httpRoutes.push(...extra.httpRoutes);
	const noprog = analyze(snapshot);

	test('its rules are NOPROG rows, and the Gateway finding is reached from Problems', () => {
		const rows = rowTexts(noprog);
		const trial = rows.findIndex((r) => r.includes('shop/trial#0'));
		expect(rows[trial]).toMatch(/✗ NOPROG\s+shop\/trial-gw\s+http\s+\*\s+\/trial\s+shop\/trial#0\s+catalog:80/);
		expect(rows.some((r) => r.includes('(none on shop/trial-gw)'))).toBe(false);
		expect(gatewayRowIndex({ analysis: noprog, width: 80 }, 'Gateway', 'shop', 'trial-gw')).toBe(trial);
		const out = frameOf(noprog, '', trial).replace(/\s+/g, ' ');
		expect(out).toContain('on shop/trial-gw: no conditions (no controller writes them) KW704');
	});
});

/** The text of every row of the Gateways screen of `analysis`, wide enough for every cell. */
function rowTexts(analysis: Analysis): string[] {
	const model = gatewaysScreen({ analysis, width: 200 }, '');
	return Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
}

/** A Service of namespace shop selecting app=NAME on one port. */
const serviceYaml = (name: string, port: number) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec: {selector: {app: ${name}}, ports: [{port: ${port}}]}
`;

describe('Gateways screen: routes no Gateway carries', () => {
	// A mesh route (GAMMA: its parentRef is a Service) and a route whose only parent is not a
	// Gateway. The CLI's gateways report lists both under "Route attachment"; the screen must not hide them.
	const mesh = analyze(
		snapshotFromYaml(`${serviceYaml('reviews', 9080)}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: reviews-canary, namespace: shop}
spec:
  parentRefs: [{group: "", kind: Service, name: reviews, port: 9080}]
  rules: [{backendRefs: [{name: reviews, port: 9080}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: orphan, namespace: shop}
spec:
  parentRefs: [{group: example.com, kind: Proxy, name: edge}]
  rules: [{backendRefs: [{name: reviews, port: 9080}]}]
`),
	);

	test('one muted row each, saying why kubewire does not judge it; Enter on the mesh route opens its Service', () => {
		const model = gatewaysScreen({ analysis: mesh, width: 200 }, '');
		const rows = rowTexts(mesh);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/- MESH\s+mesh\s+-\s+\*\s+shop\/reviews-canary\s+a mesh route \(GAMMA\) for Service shop\/reviews/);
		expect(rows[1]).toMatch(/- NONE\s+-\s+-\s+\*\s+shop\/orphan\s+no parentRef names a Gateway/);
		expect(model.open(0)).toEqual({ type: 'push', view: view('detail', { subject: 'shop/reviews' }) });
		expect(model.open(1)).toMatchObject({ type: 'flash', message: 'no parentRef names a Gateway' });
	});

	test('the 80x24 frame shows them without colour, and the preview says why', () => {
		const out = frameOf(mesh);
		expect(out).toContain('Gateway routes 2');
		expect(out).toContain('- MESH');
		expect(out).toContain('- NONE');
		expect(out).toMatch(/a service mesh applies it/);
		for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});
});

describe('Gateways screen: routes of kinds kubewire does not model', () => {
	// A TCP listener and the TCPRoute that picks it: listed (muted, the kind as the status), with
	// where it sends, so the listener's traffic is not silently missing from the screen.
	const tcp = analyze(
		snapshotFromYaml(`${serviceYaml('db', 5432)}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: shop}
spec:
  gatewayClassName: eg
  listeners: [{name: pg, protocol: TCP, port: 5432}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: pg, namespace: shop}
spec:
  parentRefs: [{name: edge, sectionName: pg}]
  rules: [{backendRefs: [{name: db, port: 5432}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: stray, namespace: shop}
spec:
  parentRefs: [{name: edge}]
  rules: [{backendRefs: [{name: gone, port: 1}]}]
`),
	);

	test('one row per route, its kind as the status; Enter opens its backend Service, or says there is none', () => {
		const model = gatewaysScreen({ analysis: tcp, width: 200 }, '');
		const rows = rowTexts(tcp);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/- TCP\s+shop\/edge\s+pg\s+\*\s+shop\/pg\s+shop\/db:5432 \(TCPRoute: not modelled\)/);
		expect(rows[1]).toMatch(/- TCP\s+shop\/edge\s+-\s+\*\s+shop\/stray\s+shop\/gone:1 \(TCPRoute: not modelled\)/);
		expect(model.open(0)).toEqual({ type: 'push', view: view('detail', { subject: 'shop/db' }) });
		expect(model.open(1)).toEqual({ type: 'flash', message: 'TCPRoute: no backend Service in the input' });
	});

	test('the 80x24 frame shows them without colour, and the preview says they are not judged', () => {
		const out = frameOf(tcp);
		expect(out).toContain('Gateway routes 2');
		expect(out).toContain('- TCP');
		expect(out.replace(/\s+/g, ' ')).toContain('TCPRoute shop/pg → shop/db:5432: kubewire does not model TCPRoute, so it is listed, not judged');
		for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});
});


describe('Gateways screen: routes attached through a ListenerSet', () => {
	const lset = analyze(loadFiles(['test/gateway/fixtures/listenerset']));

	test('one muted LSET row naming the ListenerSet and its listener; Enter opens the backend Service', () => {
		const rows = rowTexts(lset);
		// The Gateway's own listener has no route: an IDLE row, before the route through the ListenerSet.
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatch(/- IDLE\s+default\/parent-gateway\s+foo\s+foo\.com\s+HTTP :80\s+\(none on default\/parent-gateway\)\s+no route attached$/);
		expect(rows[1]).toMatch(/- LSET\s+team-1-ns\/first-workload-listeners\s+first\s+\*\s+team-1-ns\/first-route\s+its parent is ListenerSet/);
		expect(gatewaysScreen({ analysis: lset, width: 80 }, '').open(1)).toEqual({ type: 'push', view: view('detail', { subject: 'team-1-ns/app' }) });
		expect(frameOf(lset)).toContain('- LSET');
	});
});

describe('Gateways screen: rules whose backend is not judged', () => {
	// Envoy Gateway's Backend and a ServiceImport (implementation-specific kinds) beside a Service backend.
	const kinds = analyze(loadFiles(['test/gateway/fixtures/field/kinds/app.yaml']));

	test('a rule with no finding but a backend not judged reads ? UNJUDGED, not ✓ OK; its twin with a Service backend reads ✓ OK', () => {
		const model = gatewaysScreen({ analysis: kinds, width: 200 }, '');
		const rows = Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
		expect(rows.find((r) => r.includes('ha-example#0'))).toMatch(/^\s*\? UNJUDGED\s/);
		expect(rows.find((r) => r.includes('default/store#0'))).toMatch(/^\s*\? UNJUDGED\s/);
		expect(rows.find((r) => r.includes('ha-example#1'))).toMatch(/^\s*✓ OK\s/);
		const out = frameOf(kinds);
		for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		expect(out).toContain('? UNJUDGED');
	});
});
