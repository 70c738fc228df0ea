/**
 * Public manifest sets (test/fixtures/manifests/, origins and licences in its SOURCES.md), run as
 * a new user runs them: plain YAML, kustomize build output, an operator's install with a CRD (with
 * -n, as `kubectl apply -n` places it), ingress-nginx's `helm template` deploy manifest with kind's
 * Ingress guide, kube-prometheus (whose Prometheus and Alertmanager pods an operator makes). The correct sets raise no error and no warning; each broken twin (one typo made
 * by hand) raises exactly its finding; `services`, `iptables`, `route` agree with `check`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { gatewayModel } from '../../source/model/gateway/index.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

const root = path.resolve('test/fixtures/manifests');
const sets: Record<string, string | undefined> = {
	'microservices-demo': undefined,
	'microservices-demo-kustomize': undefined,
	'voting-app': undefined,
	'kind-ingress': undefined,
	'argocd-install': 'argocd',
	'istio-bookinfo': undefined,
	'kube-prometheus': undefined,
	'argo-rollouts': undefined,
	'envoy-gateway': undefined,
	'helm-create': undefined,
	'sock-shop': undefined,
	strimzi: undefined,
	'cloudnative-pg': undefined,
	'kong-referencegrant': undefined,
	'kgateway-internal-listener': undefined,
	'cilium-grpc': undefined,
};

/**
 * True findings the upstream sets carry. Argo CD's application-controller StatefulSet names
 * `serviceName: argocd-application-controller`, a Service its install never creates: the per-pod
 * DNS names really do not exist (Argo CD shards by ordinal and does not resolve them, so it runs).
 */
const known: Record<string, string[]> = {
	'argocd-install': ['KW109 StatefulSet argocd/argocd-application-controller'],
	// node-exporter runs with hostNetwork, so the NetworkPolicy kube-prometheus ships for it does not apply.
	'kube-prometheus': ['KW110 Service monitoring/node-exporter'],
	// Upstream's cart-access selects `name: cart`, the carts pods are `name: carts`: with cortex-access
	// (an empty podSelector) isolating every pod, front-end cannot reach carts (see the reach test).
	'sock-shop': ['KW604 NetworkPolicy sock-shop/cart-access'],
	// httpbin's Service has a port 9000 (tcp) its container does not declare (go-httpbin listens on 8080 only).
	'kgateway-internal-listener': ['KW201 Service httpbin/httpbin'],
};

const serious = (dir: string, namespace?: string) =>
	analyze(loadFiles([dir], undefined, namespace))
		.findings.filter((f) => f.severity !== 'info')
		.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name}`);

interface Twin {
	set: string;
	file: string;
	from: string;
	to: string;
	expected: string[];
}

const twins: Twin[] = [
	{
		set: 'microservices-demo',
		file: 'kubernetes-manifests.yaml',
		from: 'spec:\n  type: ClusterIP\n  selector:\n    app: frontend\n',
		to: 'spec:\n  type: ClusterIP\n  selector:\n    app: frontnd\n',
		expected: ['KW101 Service default/frontend'],
	},
	{
		set: 'microservices-demo-kustomize',
		file: 'kustomize-build.yaml',
		from: '    targetPort: 7070\n  selector:\n    app: cartservice\n',
		to: '    targetPort: 7070\n  selector:\n    app: cartservices\n',
		expected: ['KW101 Service default/cartservice'],
	},
	{
		set: 'argocd-install',
		file: 'namespace-install.yaml',
		from: '    port: 7000\n    protocol: TCP\n    targetPort: webhook\n',
		to: '    port: 7000\n    protocol: TCP\n    targetPort: web-hook\n',
		expected: ['KW109 StatefulSet argocd/argocd-application-controller', 'KW202 Service argocd/argocd-applicationset-controller'],
	},
	{
		set: 'voting-app',
		file: 'vote-service.yaml',
		from: 'targetPort: 80',
		to: 'targetPort: vot',
		expected: ['KW202 Service default/vote'],
	},
	{
		set: 'kind-ingress',
		file: 'usage.yaml',
		from: 'name: bar-service\n            port:\n              number: 8080',
		to: 'name: bar-service\n            port:\n              number: 8081',
		expected: ['KW502 Ingress default/example-ingress'],
	},
	{
		set: 'istio-bookinfo',
		file: 'bookinfo-gateway.yaml',
		from: '    - name: productpage\n      port: 9080\n',
		to: '    - name: productpage\n      port: 9081\n',
		expected: ['KW702 HTTPRoute default/bookinfo'],
	},
	// Prometheus and Alertmanager pods are made by the Prometheus Operator from custom resources:
	// the set's own selectors match those resources' labels; a typo matches nothing.
	{
		set: 'kube-prometheus',
		file: 'alertmanager-service.yaml',
		from: '  selector:\n    app.kubernetes.io/component: alert-router\n    app.kubernetes.io/instance: main\n',
		to: '  selector:\n    app.kubernetes.io/component: alert-router\n    app.kubernetes.io/instance: mian\n',
		expected: ['KW101 Service monitoring/alertmanager-main', 'KW110 Service monitoring/node-exporter'],
	},
	{
		set: 'kube-prometheus',
		file: 'prometheus-networkPolicy.yaml',
		from: '      app.kubernetes.io/instance: k8s\n',
		to: '      app.kubernetes.io/instance: k9s\n',
		expected: ['KW110 Service monitoring/node-exporter', 'KW604 NetworkPolicy monitoring/prometheus-k8s'],
	},
	// An Argo Rollout's pods are planned from its template, so the Services' ports are checked on them.
	{
		set: 'argo-rollouts',
		file: 'rollout-bluegreen.yaml',
		from: '  name: rollout-bluegreen-active\nspec:\n  selector:\n    app: rollout-bluegreen\n  ports:\n  - protocol: TCP\n    port: 80\n    targetPort: 8080\n',
		to: '  name: rollout-bluegreen-active\nspec:\n  selector:\n    app: rollout-bluegreen\n  ports:\n  - protocol: TCP\n    port: 80\n    targetPort: http\n',
		expected: ['KW202 Service default/rollout-bluegreen-active'],
	},
	// The preview Service selects the labels an experiment step gives its pods, not the template's.
	{
		set: 'argo-rollouts',
		file: 'rollout-canary-preview.yaml',
		from: 'spec:\n  selector:\n    app: rollout-canary-preview\n',
		to: 'spec:\n  selector:\n    app: rollout-canary-previw\n',
		expected: ['KW101 Service default/rollout-canary-preview'],
	},
	// Envoy Gateway's HTTPRoute examples are judged as any; its TCPRoutes are listed, not judged,
	// but the Services they send to still are.
	{
		set: 'envoy-gateway',
		file: 'http-routing.yaml',
		from: '      backendRefs:\n        - name: foo-svc\n',
		to: '      backendRefs:\n        - name: foo-svcs\n',
		expected: ['KW702 HTTPRoute default/foo-route'],
	},
	{
		set: 'envoy-gateway',
		file: 'tcp-routing.yaml',
		from: '  selector:\n    app: backend-1\n',
		to: '  selector:\n    app: backend-one\n',
		expected: ['KW101 Service default/foo'],
	},
	// The chart `helm create` writes: its Service sends to the named port of the Deployment's pods.
	{
		set: 'helm-create',
		file: 'helm-template.yaml',
		from: '      targetPort: http\n',
		to: '      targetPort: htttp\n',
		expected: ['KW202 Service default/my-mychart'],
	},
	// front-end's own policy admits another port: only cortex-access's in-cluster rule is left for the NodePort.
	{
		set: 'sock-shop',
		file: 'netpol-frontend-access.yaml',
		from: '          port: 8079\n',
		to: '          port: 8080\n',
		expected: ['KW604 NetworkPolicy sock-shop/cart-access', 'KW605 Service sock-shop/front-end'],
	},
	// Strimzi's example Alertmanager: its Service selects the label the Prometheus Operator gives
	// the pods (the kind's name, set to the resource's name), which the resource does not carry.
	{
		set: 'strimzi',
		file: 'alert-manager.yaml',
		from: '  selector:\n    alertmanager: alertmanager\n',
		to: '  selector:\n    alertmanager: alertmanger\n',
		expected: ['KW101 Service default/alertmanager'],
	},
	// The ReferenceGrant created beside the route instead of beside the Service it grants.
	{
		set: 'kong-referencegrant',
		file: 'gateway-referencegrant-httproute.yaml',
		from: '  name: httproute-testing\n  namespace: http\n',
		to: '  name: httproute-testing\n  namespace: default\n',
		expected: ['KW703 HTTPRoute default/httproute-testing'],
	},
	// The grant's `from` no longer names the route's namespace.
	{
		set: 'kgateway-internal-listener',
		file: 'httpbin.yaml',
		from: '      kind: HTTPRoute\n      namespace: default\n',
		to: '      kind: HTTPRoute\n      namespace: kgateway\n',
		expected: ['KW201 Service httpbin/httpbin', 'KW703 HTTPRoute default/internal-to-httpbin'],
	},
	{
		set: 'cilium-grpc',
		file: 'grpc-route.yaml',
		from: '        - name: grpc-echo\n          port: 9000\n',
		to: '        - name: grpc-echos\n          port: 9000\n',
		expected: ['KW702 GRPCRoute default/yages'],
	},
];

function twinDir(twin: Twin): string {
	const dir = scratchDir(twin.set);
	cpSync(path.join(root, twin.set), dir, { recursive: true });
	const file = path.join(dir, twin.file);
	const text = readFileSync(file, 'utf8');
	expect(text).toContain(twin.from);
	writeFileSync(file, text.replace(twin.from, twin.to));
	return dir;
}

describe('public manifest sets', () => {
	for (const [set, namespace] of Object.entries(sets)) {
		it(`${set}: no error and no warning${known[set] ? ` but ${known[set].join(', ')}` : ''}`, () => {
			expect(serious(path.join(root, set), namespace)).toEqual(known[set] ?? []);
		});
	}

	for (const twin of twins) {
		it(`${twin.set} broken twin (${twin.to.trim().split('\n').pop()!.trim()}): exactly ${twin.expected.join(', ')}`, () => {
			expect(serious(twinDir(twin), sets[twin.set]).sort()).toEqual(twin.expected);
		});
	}

	it('workload templates stand for pods: StatefulSet-free sets show planned pods, not 0/1 ready', () => {
		const analysis = analyze(loadFiles([path.join(root, 'microservices-demo')]));
		const frontend = analysis.serviceByKey.get('default/frontend')!;
		expect(frontend.wiring.pods.map((p) => [p.name, p.planned])).toEqual([['frontend-planned-0', true]]);
	});

	it('kube-prometheus: the Prometheus and Alertmanager resources stand for the pods their operator makes; a ServiceMonitor does not', () => {
		const snapshot = loadFiles([path.join(root, 'kube-prometheus')]);
		expect(snapshot.podMakers?.map((m) => `${m.kind} ${m.namespace}/${m.name}`).sort()).toEqual(['Alertmanager monitoring/main', 'Prometheus monitoring/k8s']);
		expect(snapshot.unusedKinds).toEqual({ ServiceMonitor: 2 });
		const prometheus = analyze(snapshot).serviceByKey.get('monitoring/prometheus-k8s')!;
		expect(prometheus.podMaker?.name).toBe('k8s');
		expect(prometheus.chain.find((l) => l.kind === 'pod')).toMatchObject({ state: 'skipped', label: 'pods from Prometheus k8s' });
		expect(prometheus.chain.filter((l) => l.state === 'broken')).toEqual([]);
		// The services table says where its pods come from instead of a count of 0, and what that means.
		const table = runCli(['services', '-n', 'monitoring', '--fixtures', path.join(root, 'kube-prometheus')]).stdout;
		expect(table.split('\n').find((l) => l.includes('monitoring/prometheus-k8s'))).toMatch(/planned\s+op\s*$/);
		expect(table.split('\n').find((l) => l.includes('monitoring/grafana'))).toMatch(/planned\s+1\s*$/);
		expect(table).toContain("op: the pods come from a custom resource's operator once applied");
	});

	it("istio-bookinfo: reviews' chain names its mesh route instead of 'no Gateway route'; productpage's shows the Gateway rules", () => {
		const analysis = analyze(loadFiles([path.join(root, 'istio-bookinfo')]));
		const gatewayLink = (key: string) => analysis.serviceByKey.get(key)!.chain.find((l) => l.kind === 'gateway')!;
		expect(gatewayLink('default/reviews')).toMatchObject({ state: 'skipped', label: 'mesh route HTTPRoute reviews' });
		expect(gatewayLink('default/reviews').detail).toMatch(/^HTTPRoute default\/reviews has this Service as its parent \(GAMMA\)/);
		expect(gatewayLink('default/productpage')).toMatchObject({ state: 'ok' });
		expect(gatewayLink('default/ratings')).toMatchObject({ state: 'skipped', label: 'no Gateway route' });
	});

	it('envoy-gateway: TCPRoutes and the TLSRoute are listed, not judged nor counted as unused; the Service behind a TCPRoute names it in its chain', () => {
		const snapshot = loadFiles([path.join(root, 'envoy-gateway')]);
		expect(snapshot.unmodelledRoutes?.map((r) => `${r.kind} ${r.namespace}/${r.name}`)).toEqual(['TCPRoute default/tcp-app-1', 'TCPRoute default/tcp-app-2', 'TLSRoute default/tlsroute']);
		expect(snapshot.unusedKinds).toEqual({ ServiceAccount: 1 });
		const analysis = analyze(snapshot);
		const gatewayLink = (key: string) => analysis.serviceByKey.get(key)!.chain.find((l) => l.kind === 'gateway')!;
		expect(gatewayLink('default/foo')).toMatchObject({ state: 'skipped', label: 'TCPRoute tcp-app-1' });
		expect(gatewayLink('default/foo').detail).toBe(
			'TCPRoute default/tcp-app-1 sends to this Service through default/tcp-gateway/foo: kubewire does not model TCPRoute, so whether it is attached is not judged',
		);
		expect(gatewayLink('default/backend')).toMatchObject({ state: 'ok' });
		expect(gatewayLink('default/passthrough-echoserver')).toMatchObject({ state: 'skipped', label: 'TLSRoute tlsroute' });
	});

	it("kgateway-internal-listener: the route to kgateway's Backend kind is not judged (no InvalidKind); the one to httpbin resolves through the grant", () => {
		const analysis = analyze(loadFiles([path.join(root, 'kgateway-internal-listener')]));
		const parent = (name: string) => gatewayModel(analysis.context).routes.find((r) => r.route.name === name)!.parents[0]!;
		expect(parent('external-to-internal').conditions).toEqual([{ type: 'Accepted', status: 'True', reason: 'Accepted' }]);
		expect(parent('external-to-internal').notJudged).toEqual([{ type: 'ResolvedRefs', why: expect.stringContaining('kind gateway.kgateway.dev/Backend is implementation-specific') }]);
		expect(parent('internal-to-httpbin').conditions).toContainEqual({ type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' });
	});

	it("helm-create: the test hook Pod is not installed, so the Deployment's planned pod, not busybox, stands behind the Service", () => {
		const snapshot = loadFiles([path.join(root, 'helm-create')]);
		expect(snapshot.pods).toEqual([]);
		expect(snapshot.unusedKinds).toEqual({ 'Helm test hook Pod': 1, ServiceAccount: 1 });
		const service = analyze(snapshot).serviceByKey.get('default/my-mychart')!;
		expect(service.wiring.pods.map((p) => [p.name, p.planned])).toEqual([['my-mychart-planned-0', true]]);
		expect(service.findings).toEqual([]);
	});

	it('argo-rollouts: a Rollout plans its pods from its template; the preview Service matches the experiment step\'s labels', () => {
		const analysis = analyze(loadFiles([path.join(root, 'argo-rollouts')]));
		const active = analysis.serviceByKey.get('default/rollout-bluegreen-active')!;
		expect(active.wiring.pods.map((p) => [p.name, p.planned, p.owner?.kind])).toEqual([
			['rollout-bluegreen-planned-0', true, 'Rollout'],
			['rollout-bluegreen-planned-1', true, 'Rollout'],
		]);
		expect(active.wiring.ports[0]!.containerPorts).toEqual([8080]);
		const preview = analysis.serviceByKey.get('default/rollout-canary-preview')!;
		expect(preview.wiring.pods).toEqual([]);
		expect(preview.podMaker?.name).toBe('rollout-canary-preview');
	});

	it('argocd install with -n argocd: objects land in argocd, the CRD is counted as not used', () => {
		const snapshot = loadFiles([path.join(root, 'argocd-install')], undefined, 'argocd');
		expect(new Set(snapshot.services.map((s) => s.namespace))).toEqual(new Set(['argocd']));
		expect(snapshot.unusedKinds?.['CustomResourceDefinition']).toBe(1);
	});

	// The app beside the database makes the namespace's pods given: without it nothing is judged there.
	const webapp = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: webapp}\nspec:\n  selector: {matchLabels: {app: webapp}}\n  template:\n    metadata: {labels: {app: webapp}}\n    spec: {containers: [{name: web, image: example/web, ports: [{containerPort: 8080}]}]}\n`;
	// Services as the operator makes them for the Cluster (its pkg/specs/services.go), plus one a user adds.
	const cnpgServices = (cluster: string) =>
		['rw: {cnpg.io/instanceRole: primary}', 'ro: {cnpg.io/instanceRole: replica}', 'r: {cnpg.io/podRole: instance}', 'lb: {cnpg.io/instanceRole: primary}']
			.map((line) => {
				const [suffix, labels] = line.split(': {') as [string, string];
				return `apiVersion: v1\nkind: Service\nmetadata: {name: cluster-example-${suffix}}\nspec:\n  type: ${suffix === 'lb' ? 'LoadBalancer' : 'ClusterIP'}\n  selector: {cnpg.io/cluster: ${cluster}, ${labels}\n  ports: [{name: postgres, port: 5432, targetPort: 5432}]\n`;
			})
			.join('---\n');
	const cnpgDir = (cluster: string, policyFrom?: string, policyTo?: string) => {
		const dir = scratchDir('cloudnative-pg');
		cpSync(path.join(root, 'cloudnative-pg'), dir, { recursive: true });
		writeFileSync(path.join(dir, 'app.yaml'), `${webapp}---\n${cnpgServices(cluster)}`);
		if (policyFrom && policyTo) {
			const file = path.join(dir, 'networkpolicy-example.yaml');
			writeFileSync(file, readFileSync(file, 'utf8').replace(policyFrom, policyTo));
		}
		return dir;
	};

	it("cloudnative-pg: a selector that names the Cluster in the operator's labels (cnpg.io/cluster: NAME) waits for its pods; a typo does not", () => {
		expect(serious(cnpgDir('cluster-example'))).toEqual([]);
		const analysis = analyze(loadFiles([cnpgDir('cluster-example')]));
		expect(analysis.serviceByKey.get('default/cluster-example-rw')!.podMaker?.name).toBe('cluster-example');
		const pod = analysis.serviceByKey.get('default/cluster-example-rw')!.chain.find((l) => l.kind === 'pod')!;
		expect(pod.detail).toContain('the selector names Cluster default/cluster-example (postgresql.cnpg.io/v1) by cnpg.io/cluster=cluster-example; cnpg.io/instanceRole is set on the pods by the operator');
		expect(serious(cnpgDir('cluster-exmaple')).sort()).toEqual(['rw', 'ro', 'r', 'lb'].map((s) => `KW101 Service default/cluster-example-${s}`).sort());
		expect(serious(cnpgDir('cluster-example', 'cnpg.io/cluster: cluster-example', 'cnpg.io/cluster: cluster-exmaple'))).toEqual(['KW604 NetworkPolicy default/allow-operator']);
		// The slip is named, with the label the operator gives the pods.
		const rw = analyze(loadFiles([cnpgDir('cluster-exmaple')])).findings.find((f) => f.name === 'cluster-example-rw')!;
		expect(rw.message).toBe(
			'selector cnpg.io/cluster=cluster-exmaple,cnpg.io/instanceRole=primary matches no pod in default; the input holds Cluster default/cluster-example, whose operator labels its pods cnpg.io/cluster=cluster-example: did you mean cnpg.io/cluster=cluster-example?',
		);
		expect(rw.hint).toBe('change the Service selector to cnpg.io/cluster=cluster-example');
		const policy = analyze(loadFiles([cnpgDir('cluster-example', 'cnpg.io/cluster: cluster-example', 'cnpg.io/cluster: cluster-exmaple')])).findings[0]!;
		expect(policy.hint).toBe('change the podSelector to cnpg.io/cluster=cluster-example');
	});
});

describe('the CLI on the manifest sets, as a new user runs it', () => {
	const bookinfo = path.join(root, 'istio-bookinfo');

	it('Istio bookinfo: the Gateway route reaches productpage through planned pods; the mesh route for reviews is named as such, not as broken', () => {
		const r = runCli(['gateways', '--fixtures', bookinfo]);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/=\/productpage\s+default\/bookinfo#0\s+productpage:9080 planned/);
		expect(r.stdout).toMatch(/HTTPRoute default\/reviews\n\s+a mesh route \(GAMMA\) for Service default\/reviews/);
		const route = JSON.parse(runCli(['route', 'http://bookinfo.local/productpage', '--fixtures', bookinfo, '--output', 'json']).stdout);
		expect(route).toMatchObject({ via: 'gateway', status: 200, backend: { namespace: 'default', service: 'productpage', port: 9080 } });
	});

	it('Envoy Gateway: a TCP listener lists the TCPRoutes that pick it (not "no route attached"), and JSON gives no attached count for it', () => {
		const dir = path.join(root, 'envoy-gateway');
		const r = runCli(['gateways', '--fixtures', dir]);
		expect(r.status).toBe(0);
		expect(r.stdout).not.toContain('no route attached');
		expect(r.stdout).toMatch(/listener foo: TCP :8088 \(any host\), routes from\s+Same, TCPRoute not modelled\n\s+TCPRoute default\/tcp-app-1 → default\/foo:3001 \(listed, not judged\)/);
		expect(r.stdout).toMatch(/TLSRoute default\/tlsroute: not modelled by kubewire, listed only\n\s+parent default\/eg\n\s+backends default\/passthrough-echoserver:443/);
		const json = JSON.parse(runCli(['gateways', '--fixtures', dir, '-o', 'json']).stdout);
		expect(json.listeners.find((l: { name: string }) => l.name === 'foo')).toMatchObject({ protocol: 'TCP', attachedRoutes: null, notModelled: ['TCPRoute'] });
		expect(json.listeners.find((l: { gateway: string }) => l.gateway === 'default/eg')).toMatchObject({ attachedRoutes: 1, notModelled: [] });
		expect(json.notModelled).toContainEqual({ kind: 'TCPRoute', namespace: 'default', name: 'tcp-app-2', parents: ['default/tcp-gateway/bar'], backends: ['default/bar:3002'] });
	});

	it("Sock Shop: reach shows what upstream's cart-access typo does (front-end cannot reach carts) while catalogue is admitted", () => {
		const dir = path.join(root, 'sock-shop');
		const carts = runCli(['reach', 'sock-shop/deployment/front-end', 'sock-shop/carts:80', '--fixtures', dir]);
		expect(carts.status).toBe(0);
		expect(carts.stdout).toContain('sock-shop/carts:80: BLOCKED');
		expect(carts.stdout.replace(/\s+/g, ' ')).toContain('NO ingress cortex-access isolates the endpoint pod for ingress and admits TCP/80 only from pods name=cortex in sock-shop (no pod in the input matches)');
		const catalogue = runCli(['reach', 'sock-shop/deployment/front-end', 'sock-shop/catalogue:80', '--fixtures', dir]);
		expect(catalogue.status).toBe(0);
		expect(catalogue.stdout).toContain('sock-shop/catalogue:80: ALLOWED');
	});

	const kind = path.join(root, 'kind-ingress');

	it("kind's Ingress guide: the class-less Ingress is served (ingress-nginx runs with --watch-ingress-without-class=true)", () => {
		const check = runCli(['check', '--fixtures', kind]);
		expect(check.stdout).not.toContain('KW505');
		expect(check.status).toBe(0);
		const r = runCli(['route', 'http://localhost/foo/hostname', '--fixtures', kind, '--output', 'json']);
		expect(r.status).toBe(0);
		const json = JSON.parse(r.stdout);
		expect(json.backend).toEqual({ namespace: 'default', service: 'foo-service', port: 8080 });
		expect(json.mode).toBe('ingress-nginx');
	});

	it('iptables on manifests: a Service without clusterIP is not headless, its address is assigned on apply', () => {
		const r = runCli(['iptables', '--fixtures', path.join(root, 'voting-app')]);
		expect(r.stderr + r.stdout).not.toContain('headless');
		expect(r.stdout).toContain('no ClusterIP in the input');
	});

	it('services marks planned pods in text and JSON, neither ready nor unready (ready: null)', () => {
		const text = runCli(['services', '--fixtures', path.join(root, 'voting-app')]);
		expect(text.stdout).toContain('planned');
		expect(text.stdout).not.toContain('0/0');
		const json = JSON.parse(runCli(['services', '--fixtures', path.join(root, 'voting-app'), '--output', 'json']).stdout);
		const vote = json.services.find((s: { name: string }) => s.name === 'vote');
		expect(vote.pods).toEqual([{ name: 'vote-planned-0', ip: null, ready: null, node: null, planned: true }]);
	});

	it('check -n argocd on the operator install reports its Services, and lists absent kinds as not in the input', () => {
		const r = runCli(['check', '-n', 'argocd', '--fixtures', path.join(root, 'argocd-install'), '--output', 'json']);
		// Exit 1: the one true error of the set (KW109, see `known` above).
		expect(r.status).toBe(1);
		const json = JSON.parse(r.stdout);
		expect(json.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { code: string; name: string }) => `${f.code} ${f.name}`)).toEqual(['KW109 argocd-application-controller']);
		expect(json.unreadable).toContainEqual({ resource: 'endpointslices', namespace: '', reason: 'not in the input' });
		expect(json.unused).toMatchObject({ CustomResourceDefinition: 1 });
		expect(runCli(['check', '-n', 'argocd', '--fixtures', path.join(root, 'argocd-install')]).stdout).toMatch(/across \d+ Services/);
	});
});

describe('trace on manifests', () => {
	it('says which Services have no ClusterIP yet instead of leaving "no rule matched" unexplained', () => {
		const r = runCli(['trace', '--fixtures', path.join(root, 'microservices-demo'), '--from', '10.244.0.5', '--to', '10.96.0.10:80', '-o', 'json']);
		expect(r.status, r.stderr).toBe(0);
		const json = JSON.parse(r.stdout) as { verdict: string; notes: string[] };
		expect(json.verdict).toBe('NONE');
		expect(json.notes).toContainEqual(expect.stringMatching(/^12 Service\(s\) have no ClusterIP in the input \(assigned on apply\), so no rule is written for them: default\/frontend, /));
	});
});

describe('every JSON report says what the input did not give', () => {
	for (const args of [['services'], ['ingresses'], ['gateways'], ['iptables', '--node', 'n'], ['nftables', '--node', 'n'], ['trace', '--node', 'n', '--from', '10.244.0.5', '--to', '10.96.0.10:80']]) {
		it(`${args[0]} -o json lists the kinds not in the input`, () => {
			const r = runCli([...args, '--fixtures', path.join(root, 'voting-app'), '-o', 'json']);
			expect(r.status, r.stderr).toBe(0);
			expect((JSON.parse(r.stdout) as { unreadable: unknown[] }).unreadable).toContainEqual({ resource: 'endpointslices', namespace: '', reason: 'not in the input' });
		});
	}
});
