import { describe, expect, test } from 'vitest';
import { loadDemo } from '../../../source/cluster/demo.js';
import { addObject } from '../../../source/cluster/normalize.js';
import { emptySnapshot } from '../../../source/cluster/snapshot.js';
import { analyze, outlineAnalysis } from '../../../source/model/analyze.js';
import { stillLoading } from '../../../source/model/readable.js';
import { displayWidth, lineText, type Line } from '../../../source/ui/lines.js';
import { buildScreen, type ScreenData, type ScreenModel } from '../../../source/ui/screens/index.js';
import { proxyTreeProvider } from '../../../source/ui/screens/proxy-tree.js';
import { view } from '../../../source/ui/state/ui-state.js';
import { shopSnapshot } from '../support.js';

const analysis = analyze(shopSnapshot());
const data = (over: Partial<ScreenData> = {}): ScreenData => ({ analysis, width: 80, ...over });

function rows(model: ScreenModel): string[] {
	if (model.kind !== 'table') throw new Error('not a table');
	return Array.from({ length: model.count }, (_, i) => lineText(model.row(i, false)));
}

function text(model: ScreenModel): string {
	if (model.kind !== 'text') throw new Error('not text');
	return model.lines.map(lineText).join('\n');
}

function table(model: ScreenModel) {
	if (model.kind !== 'table') throw new Error('not a table');
	return model;
}

describe('Services screen', () => {
	test('broken first, then warnings, then healthy, with the first finding in a few words', () => {
		const r = rows(buildScreen(view('services'), data({ width: 120 })));
		expect(r.map((l) => l.match(/(shop|ops)\/\w+/)![0])).toEqual(['shop/api', 'shop/db', 'shop/web', 'ops/mail', 'ops/metrics']);
		expect(r[0]).toMatch(/✗ ERROR\s+shop\/api\s+ClusterIP\s+10\.96\.0\.11\s+8080→8080\s+0\/0\*\s+0\s+KW101 selector matches no pod/);
		expect(r[2]).toMatch(/! WARN\s+shop\/web\s+NodePort.*80:30080→http\(8080\)\s+1\/2\s+2\s+KW105/);
		expect(r[4]).toMatch(/✓ OK\s+ops\/metrics/);
	});

	test('the title counts Services by state', () => {
		const title = lineText(buildScreen(view('services'), data()).title);
		expect(title).toMatch(/Services 5\s+✗ 2 error\s+! 1 warn\s+✓ 2 ok/);
	});

	test('a filter matches names, types, ports and finding codes', () => {
		const only = (filter: string) => rows(buildScreen(view('services', { filter }), data())).map((l) => l.match(/(shop|ops)\/\w+/)![0]);
		expect(only('web')).toEqual(['shop/web']);
		expect(only('externalname')).toEqual(['ops/mail']);
		expect(only('KW101')).toEqual(['shop/api', 'shop/db']);
		const empty = table(buildScreen(view('services', { filter: 'zzz' }), data()));
		expect(empty.count).toBe(0);
		expect(empty.empty).toMatch(/No Service matches \/zzz/);
	});

	test('a namespace narrows the list', () => {
		expect(rows(buildScreen(view('services'), data({ namespace: 'ops' })))).toHaveLength(2);
	});

	test('narrow windows drop the least important columns first, never the status, name or readiness', () => {
		const headers = (width: number) => lineText(table(buildScreen(view('services'), data({ width }))).header).trim().split(/\s+/);
		expect(headers(120)).toEqual(['STATUS', 'SERVICE', 'TYPE', 'CLUSTER-IP', 'PORTS', 'READY', 'PODS', 'PROBLEM']);
		let wider = headers(120);
		for (const width of [100, 80, 60, 50, 40]) {
			const kept = headers(width);
			// Only dropping as the window narrows: what a narrower window shows, a wider one showed too.
			expect(kept.every((h) => wider.includes(h)), `${width}: ${kept}`).toBe(true);
			expect(kept).toEqual(expect.arrayContaining(['STATUS', 'SERVICE', 'READY']));
			for (const l of rows(buildScreen(view('services'), data({ width })))) expect(displayWidth(l)).toBeLessThanOrEqual(width);
			wider = kept;
		}
		expect(headers(40).length).toBeLessThan(8);
	});

	test('Enter opens the detail of the row', () => {
		expect(table(buildScreen(view('services'), data())).open(2)).toEqual({ type: 'push', view: view('detail', { subject: 'shop/web' }) });
	});
});

describe('Service detail', () => {
	const detail = (key: string, over: Partial<ScreenData> = {}) => text(buildScreen(view('detail', { subject: key }), data(over)));

	test('selector, the pods it matches and their readiness and node', () => {
		const t = detail('shop/web');
		expect(t).toMatch(/SELECTOR app=web\s+2 pods match, 1 ready/);
		expect(t).toMatch(/✓ web-1\s+10\.244\.1\.5\s+ready\s+node-a/);
		expect(t).toMatch(/✗ web-2\s+10\.244\.2\.7\s+not ready\s+node-b/);
	});

	test('while pods and EndpointSlices are still being read (an outline): no "no pod matches", no findings yet, nothing broken', () => {
		const snapshot = shopSnapshot();
		snapshot.pods = [];
		snapshot.endpointSlices = [];
		snapshot.unreadable.push(...['pods', 'endpointslices'].map((resource) => ({ resource, namespace: '', reason: stillLoading })));
		const outline = outlineAnalysis(snapshot);
		const t = text(buildScreen(view('detail', { subject: 'shop/api' }), data({ analysis: outline })));
		expect(t).toMatch(/SELECTOR app=api\S*\s+pods still loading/);
		expect(t).toMatch(/ENDPOINTS\s+still loading/);
		expect(t).toMatch(/FINDINGS\s+still being checked/);
		expect(t).not.toMatch(/no pod in this namespace matches|no endpoints|no findings/);
		expect(t.split('\n').filter((l) => l.startsWith('►'))).toHaveLength(0);
		const row = rows(buildScreen(view('services'), data({ analysis: outline, width: 120 }))).find((l) => l.includes('shop/api'))!;
		expect(row).toMatch(/… CHECK\s+shop\/api\s+ClusterIP\s+10\.96\.0\.11\s+8080→8080\s+…\s+…/);
	});

	test('pods forbidden in the namespace: `?` in the table, "not read" in the detail, and its healthy twin counts', () => {
		const snapshot = shopSnapshot();
		snapshot.pods = snapshot.pods.filter((p) => p.namespace !== 'shop');
		snapshot.unreadable.push({ resource: 'pods', namespace: 'shop', reason: 'forbidden' });
		const forbidden = analyze(snapshot);
		const t = text(buildScreen(view('detail', { subject: 'shop/api' }), data({ analysis: forbidden })));
		expect(t).toMatch(/SELECTOR app=api\S*\s+pods not read/);
		expect(t).not.toMatch(/no pod in this namespace matches|not admitted/);
		expect(t).toMatch(/WHO MAY CONNECT.*\n\s+the pods were not read/);
		expect(t.split('\n').filter((l) => l.startsWith('►'))).toHaveLength(0);
		const row = (a: typeof analysis) => rows(buildScreen(view('services'), data({ analysis: a, width: 120 }))).find((l) => l.includes('shop/api'))!;
		expect(row(forbidden)).toMatch(/shop\/api\s+ClusterIP\s+10\.96\.0\.11\s+8080→8080\s+\?\s+\?/);
		expect(row(analysis)).toMatch(/shop\/api\s+ClusterIP\s+10\.96\.0\.11\s+8080→8080\s+0\/0\*\s+0\s+KW101/);
	});

	test('a terminating pod is not counted as ready, even when it still says Ready', () => {
		const snapshot = shopSnapshot();
		snapshot.pods.find((p) => p.name === 'web-1')!.terminating = true;
		const t = text(buildScreen(view('detail', { subject: 'shop/web' }), data({ analysis: analyze(snapshot) })));
		expect(t).toMatch(/SELECTOR app=web\s+2 pods match, 0 ready, 1 terminating/);
		expect(t).toMatch(/! web-1\s+10\.244\.1\.5\s+terminating/);
	});

	test('each port resolved to the container port, with its NodePort', () => {
		const t = detail('shop/web');
		expect(t).toMatch(/http 80\/TCP → targetPort "http" → 8080\s+nodePort 30080/);
		expect(t).toMatch(/✓ 2\/2 pods declare it \(container app\)/);
	});

	test('endpoints with ready, serving, terminating, node and pod', () => {
		const t = detail('shop/web');
		expect(t).toMatch(/ENDPOINTS 1\/2 ready\s+from EndpointSlice web-x1/);
		expect(t).toMatch(/ADDRESS\s+READY\s+SERVING\s+TERM\s+NODE\s+POD/);
		expect(t).toMatch(/✓ 10\.244\.1\.5:8080\s+yes\s+yes\s+no\s+node-a\s+web-1/);
		expect(t).toMatch(/✗ 10\.244\.2\.7:8080\s+no\s+no\s+no\s+node-b\s+web-2/);
	});

	test('the Ingress rules that route here', () => {
		expect(detail('shop/web')).toMatch(/INGRESS RULES routing here\s+class nginx\n\s+shop\s+shop\.example\.com\/ \(Prefix\) → web:http/);
		expect(detail('ops/metrics')).toMatch(/INGRESS RULES routing here.*\n\s+none/);
	});

	test('findings with their hints, and the near miss beside the selector', () => {
		const t = detail('shop/api');
		expect(t).toMatch(/FINDINGS 3/);
		expect(t).toMatch(/✗ KW101 selector app=api,tier=backend matches no pod/);
		expect(t).toMatch(/fix: change the Service selector/);
		expect(t).toMatch(/~ near miss: 1 pod in shop matches selector/);
	});

	test('the chain marks its first broken link, once', () => {
		const model = buildScreen(view('detail', { subject: 'shop/api' }), data());
		const t = text(model);
		expect(t.split('\n').filter((l) => l.startsWith('►'))).toHaveLength(1);
		expect(t).toMatch(/↑ first broken link/);
		const marked = t.split('\n').findIndex((l) => l.startsWith('►'));
		expect(t.split('\n')[marked]).toMatch(/► ✗/);
		expect(detail('ops/metrics').split('\n').filter((l) => l.startsWith('►'))).toHaveLength(0);
	});

	test('DNS records', () => {
		expect(detail('shop/web')).toMatch(/A\s+web\.shop\.svc\.cluster\.local\s+10\.96\.0\.10/);
	});

	test('kube-proxy: the chain tree on the node, each endpoint with its share', () => {
		const proxyTrees = proxyTreeProvider({ node: 'node-a', nodeIPs: ['192.168.1.10'], clusterCIDRs: ['10.244.0.0/16'] });
		const t = detail('shop/web', { proxyTrees });
		expect(t).toMatch(/KUBE-PROXY on node node-a/);
		expect(t).toMatch(/shop\/web:http 80\/TCP\s+1 endpoint chain\(s\) on node-a/);
		expect(t).toMatch(/├─ KUBE-SERVICES 10\.96\.0\.10:80\/tcp\s+cluster IP/);
		expect(t).toMatch(/KUBE-SVC-[A-Z0-9]{16}\s+1 endpoints cluster-wide/);
		expect(t).toMatch(/100% KUBE-SEP-[A-Z0-9]{16}/);
		expect(t).toMatch(/DNAT → 10\.244\.1\.5:8080 \(pod web-1, node node-a\)/);
		expect(t).toMatch(/└─ KUBE-NODEPORTS :30080\/tcp\s+NodePort/);
		// The unready pod gets no share of the traffic.
		expect(t.slice(t.indexOf('KUBE-PROXY'))).not.toContain('10.244.2.7');
		for (const l of t.slice(t.indexOf('KUBE-PROXY')).split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(80);
	});

	test('kube-proxy: a Service without ready endpoints says kube-proxy rejects, and names how the node was chosen', () => {
		const t = detail('shop/api', { proxyTrees: proxyTreeProvider({}) });
		expect(t).toMatch(/KUBE-PROXY on node \(none\)/);
		expect(t).toMatch(/node: none in the snapshot/);
		expect(t).toMatch(/! no ready endpoints: kube-proxy REJECTs traffic to 10\.96\.0\.11:8080/);
	});

	test('a Service that disappeared (live update) says so instead of failing', () => {
		expect(detail('shop/gone')).toMatch(/no longer in the snapshot/);
	});

	test('messages and hints are wrapped to the width, not cut', () => {
		for (const width of [40, 80]) {
			const model = buildScreen(view('detail', { subject: 'shop/api' }), data({ width }));
			if (model.kind !== 'text') throw new Error('text expected');
			const findings = model.lines.map(lineText).filter((l) => /KW\d{3}|fix:/.test(l));
			expect(findings.length).toBeGreaterThan(2);
			for (const l of model.lines.slice(model.lines.findIndex((x) => lineText(x).startsWith('FINDINGS')))) {
				if (lineText(l).startsWith('SELECTOR')) break;
				expect(displayWidth(lineText(l))).toBeLessThanOrEqual(width);
			}
		}
	});
});

describe('Problems screen', () => {
	test('every finding, worst first, with the selected one in full underneath', () => {
		const model = table(buildScreen(view('problems'), data()));
		const r = rows(model);
		// Every finding, then one row for the kinds the fixture holds none of.
		expect(r).toHaveLength(analysis.findings.length + 1);
		expect(r[0]).toMatch(/✗ ERROR/);
		expect(r.at(-2)).toMatch(/i INFO\s+KW103/);
		expect(r.at(-1)).toMatch(/\? NOT READ\s+-\s+nodes, networkpolicies, secrets\s+not in the input/);
		expect(model.preview!(r.length - 1, 76).map(lineText).join(' ')).toMatch(/no finding is drawn from their absence/);
		const preview = model.preview!(r.findIndex((l) => l.includes('KW105')), 76).map(lineText).join('\n');
		expect(preview).toMatch(/KW105 1 of 2 pods matching app=web in shop is not Ready: web-2/);
		expect(preview).toMatch(/fix: traffic goes to the 1 Ready pod only/);
	});

	test('Enter jumps to the Service, or to the Ingress among the routes', () => {
		const model = table(buildScreen(view('problems'), data()));
		const r = rows(model);
		expect(model.open(r.findIndex((l) => /KW101.*shop\/db/.test(l)))).toEqual({ type: 'push', view: view('detail', { subject: 'shop/db' }) });
		const toIngress = model.open(r.findIndex((l) => l.includes('KW503')));
		expect(toIngress).toMatchObject({ type: 'push', view: { screen: 'ingresses' } });
	});

	test('Enter on an HTTPRoute finding jumps to its row among the Gateway routes', () => {
		const demo = analyze(loadDemo());
		const model = table(buildScreen(view('problems'), data({ analysis: demo })));
		const r = rows(model);
		const at = r.findIndex((l) => l.includes('KW702'));
		expect(at).toBeGreaterThanOrEqual(0);
		const action = model.open(at) as { type: string; view: { screen: string; selected: number } };
		expect(action).toMatchObject({ type: 'push', view: { screen: 'gateways' } });
		const gateways = table(buildScreen(action.view as never, { analysis: demo, width: 80 }));
		expect(rows(gateways)[action.view.selected]).toMatch(/shop\/storef/);
	});

	test('what could not be read is listed, and says why', () => {
		const snapshot = shopSnapshot();
		snapshot.unreadable.push({ resource: 'pods', namespace: 'ops', reason: 'forbidden' });
		const model = table(buildScreen(view('problems'), data({ analysis: analyze(snapshot) })));
		const r = rows(model);
		const at = r.findIndex((l) => /\? NOT READ\s+-\s+pods in ops\s+forbidden/.test(l));
		expect(at).toBeGreaterThan(0);
		expect(model.preview!(at, 76).map(lineText).join('')).toMatch(/could not read pods in namespace ops \(forbidden\)/);
		expect(model.open(at)).toMatchObject({ type: 'flash' });
	});
});

describe('Ingresses screen', () => {
	test('one row per rule with its backend and readiness; Enter opens the backend Service', () => {
		const model = table(buildScreen(view('ingresses'), data({ width: 120 })));
		const r = rows(model);
		expect(lineText(model.title)).toMatch(/Ingress routes 2\s+class nginx/);
		expect(r.find((l) => l.includes('/api'))).toMatch(/✗ ERROR\s+shop\s+shop\s+nginx\s+shop\.example\.com\s+\/api\s+Prefix\s+api:8080\s+0\/0.*503/);
		expect(model.open(r.findIndex((l) => l.includes('web:http')))).toEqual({ type: 'push', view: view('detail', { subject: 'shop/web' }) });
	});

	test('a backend Service that does not exist cannot be opened, and says so', () => {
		const snapshot = shopSnapshot();
		snapshot.services = snapshot.services.filter((s) => s.name !== 'api');
		const model = table(buildScreen(view('ingresses'), data({ analysis: analyze(snapshot) })));
		const i = rows(model).findIndex((l) => l.includes('/api'));
		expect(model.open(i)).toEqual({ type: 'flash', message: 'Service shop/api does not exist' });
	});
});

describe('namespace picker', () => {
	test('every namespace with its Services and broken ones; the first row means all', () => {
		const model = table(buildScreen(view('namespaces'), data()));
		const r = rows(model);
		expect(r[0]).toMatch(/\(all namespaces\)\s+5\s+✗ 2/);
		expect(r[1]).toMatch(/ops\s+2\s+-/);
		expect(r[2]).toMatch(/shop\s+3\s+✗ 2/);
		expect(model.open(2)).toEqual({ type: 'setNamespace', namespace: 'shop' });
		expect(model.open(0)).toEqual({ type: 'setNamespace', namespace: undefined });
	});
});

describe('text from the cluster is stripped of control characters', () => {
	const evil = emptySnapshot({ kind: 'files', description: 'evil\u001B]0;owned\u0007', context: 'x' });
	addObject(evil, 'Service', {
		metadata: { name: 'evil\u001B[2J\u001B[31mred', namespace: 'ns\u0007' },
		spec: { selector: { 'app\u001B[5m': 'x\u009B1m' }, ports: [{ name: 'p\u001B[1m', port: 80, targetPort: 'web\u0008' }] },
	});
	addObject(evil, 'Ingress', {
		metadata: { name: 'in\u001Bgress', namespace: 'ns\u0007' },
		spec: { rules: [{ host: 'h\u001B[0m.example', http: { paths: [{ path: '/\u001B[K', pathType: 'Prefix', backend: { service: { name: 'evil\u001B[2J\u001B[31mred', port: { number: 80 } } } }] } }] },
	});
	const a = analyze(evil);
	const all = (model: ScreenModel): Line[] =>
		model.kind === 'text' ? [model.title, ...model.lines] : [model.title, model.header, ...Array.from({ length: model.count }, (_, i) => model.row(i, true)), ...(model.preview ? Array.from({ length: model.count }, (_, i) => model.preview!(i, 80)).flat() : [])];

	test.each(['services', 'problems', 'ingresses', 'namespaces'] as const)('%s', (screen) => {
		for (const l of all(buildScreen(view(screen), { analysis: a, width: 200 }))) expect(lineText(l)).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});

	test('detail', () => {
		const key = a.services[0]!.wiring.key;
		const lines = all(buildScreen(view('detail', { subject: key }), { analysis: a, width: 200 }));
		expect(lines.length).toBeGreaterThan(10);
		for (const l of lines) expect(lineText(l)).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	});
});

describe('the detail lists the findings on the way to a Service', () => {
	test("an OK Service behind an Ingress with a missing TLS Secret: the chain's broken link and the FINDINGS agree", () => {
		const demo = analyze(loadDemo());
		const t = text(buildScreen(view('detail', { subject: 'payments/dashboard' }), { analysis: demo, width: 80 }));
		expect(t).toMatch(/► ✗ payments-dashboard/);
		expect(t).toMatch(/FINDINGS 0 +\+1 on the way\n {2}✓ no findings for this Service\n {2}on the way to it:\n {2}✗ KW504 Ingress payments\/payments-dashboard: TLS secret/);
		// Twin: a Service with nothing broken on the way has no such line.
		expect(text(buildScreen(view('detail', { subject: 'shop/catalog' }), { analysis: demo, width: 80 }))).not.toContain('on the way to it');
	});
});

describe('empty routing tables say whether the kind was read', () => {
	test('files without Ingresses: "The input holds no Ingresses", not "No Ingress rules in scope"', () => {
		const snapshot = emptySnapshot({ kind: 'files', description: 'test' }, '2026-01-01T00:00:00.000Z');
		snapshot.unreadable.push({ resource: 'ingresses', namespace: '', reason: 'not in the input' });
		const model = buildScreen(view('ingresses'), { analysis: analyze(snapshot), width: 80 });
		if (model.kind !== 'table') throw new Error('not a table');
		expect(model.empty).toBe('The input holds no Ingresses: nothing to route here.');
		const read = buildScreen(view('ingresses'), { analysis: analyze(emptySnapshot({ kind: 'files', description: 'test' }, '2026-01-01T00:00:00.000Z')), width: 80 });
		if (read.kind !== 'table') throw new Error('not a table');
		expect(read.empty).toMatch(/^No Ingress rules/);
	});
});

describe('the Services title under a filter', () => {
	test('counts the states of the rows shown, not of every Service', () => {
		const demo = analyze(loadDemo());
		const title = (filter: string) => {
			const model = buildScreen({ ...view('services'), filter }, { analysis: demo, width: 120 });
			if (model.kind !== 'table') throw new Error('not a table');
			return lineText(model.title);
		};
		expect(title('dashboard')).toMatch(/Services 1 of \d+ matching \/dashboard +✗ 0 error +✓ 1 ok/);
		expect(title('')).toMatch(/✗ [1-9]\d* error/);
	});
});
