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
import { gatewaysScreen } from '../../../source/ui/screens/gateways.js';
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
	test('one row per attached rule in precedence order, then the route that is not attached', () => {
		const model = gatewaysScreen({ ...data, width: 200 }, '');
		const rows = Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
		expect(rows).toHaveLength(8);
		// Longest prefix first on shop.example.com, then the shorter hosts (the gRPC route on
		// api.example.com matches a service, not a path); the unattached route last.
		expect(rows.map((r) => /\.com\s+(\/\S*|flagd\S*)/.exec(r)?.[1] ?? 'NotAllowedByListeners')).toEqual([
			'/recommendations', '/catalog', '/search', '/pay', '/', 'flagd.evaluation.v1.Service/*', '/', 'NotAllowedByListeners',
		]);
		expect(rows[5]).toMatch(/✓ OK .*platform\/feature-flags#0 .*feature-flags:8013 1\/2/);
		expect(rows[0]).toMatch(/✗ ERROR .*shop\/storefront#1 .*recommendations:80 0\/2/);
		expect(rows[1]).toMatch(/✓ OK .*shop\/storefront#0 .*catalog:80 2\/2/);
		expect(rows[7]).toMatch(/✗ OUT .*payments\/checkout-tls/);
	});

	test('the 80x24 frame shows the title, the header and the rows, readable without colour', () => {
		const out = frame();
		const lines = out.split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
		expect(out).toContain('Gateway routes 8');
		// ROUTE names the rule whole (rows of one route differ only by `#rule`): LISTENER gives way.
		expect(out).toMatch(/STATUS\s+HOST\s+MATCH\s+ROUTE\s+BACKENDS/);
		expect(out).toMatch(/✓ OK\s+shop\.exam\S*\s+\/catalog\s+shop\/storefront#0\s+catalog:80 2\/2/);
		expect(out).toContain('✗ OUT');
		// The preview under the table shows the selected rule's finding.
		expect(out).toContain('KW706');
	});

	test('the filter narrows the rows and the title says so', () => {
		const out = frame('kw703');
		expect(out).toContain('Gateway routes 1 of 8 matching /kw703');
		expect(out).toMatch(/✗ ERROR\s+shop\.exam\S*\s+\/pay\s+shop\/storefront#3\s+payments\/dashbo/);
	});

	test('Enter on a rule opens its backend Service; on an unattached route it says why', () => {
		const model = gatewaysScreen(data, '');
		expect(model.open(1)).toEqual({ type: 'push', view: view('detail', { subject: 'shop/catalog' }) });
		expect(model.open(3)).toEqual({ type: 'push', view: view('detail', { subject: 'payments/dashboard' }) });
		expect(model.open(5)).toEqual({ type: 'push', view: view('detail', { subject: 'platform/feature-flags' }) });
		expect(model.open(7)).toMatchObject({ type: 'flash', message: expect.stringContaining('not attached') });
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
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatch(/- LSET\s+team-1-ns\/first-workload-listeners\s+first\s+\*\s+team-1-ns\/first-route\s+its parent is ListenerSet/);
		expect(gatewaysScreen({ analysis: lset, width: 80 }, '').open(0)).toEqual({ type: 'push', view: view('detail', { subject: 'team-1-ns/app' }) });
		expect(frameOf(lset)).toContain('- LSET');
	});
});
