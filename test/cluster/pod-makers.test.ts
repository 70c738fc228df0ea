/**
 * Custom resources whose operator makes pods (cluster/pod-makers.ts), and kinds of the same name
 * from another API group: what a manifest set holds besides the kinds kubewire reads.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../source/cluster/files.js';
import { analyze } from '../../source/model/analyze.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

function load(yaml: string, namespace?: string) {
	const file = path.join(scratchDir('pod-makers'), 'set.yaml');
	writeFileSync(file, yaml);
	return loadFiles([file], undefined, namespace);
}

const service = `apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: data}\nspec: {selector: {app: db, cluster: main}, ports: [{port: 5432}]}\n`;
const cluster = (labels: string) => `apiVersion: example.com/v1\nkind: PostgresCluster\nmetadata: {name: main, namespace: data}\nspec:\n  instances: 3\n  podTemplate:\n    metadata: {labels: {${labels}}}\n`;
const monitor = `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: db, namespace: data, labels: {app: db, cluster: main}}\nspec: {selector: {matchLabels: {app: db}}, endpoints: [{port: web}]}\n`;
const runningPod = `apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: data, labels: {app: other}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {phase: Running, podIP: 10.244.0.9}\n`;
// A workload of the namespace whose pods the selector does not match: without any, pods are not in the input and nothing is judged.
const otherDeployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other, namespace: data}\nspec:\n  selector: {matchLabels: {app: other}}\n  template:\n    metadata: {labels: {app: other}}\n    spec: {containers: [{name: c, image: x}]}\n`;
const codes = (yaml: string) => analyze(load([yaml, otherDeployment].join('---\n'))).findings.map((f) => `${f.code} ${f.name}`);

describe('pod makers', () => {
	it('a custom resource whose pod template carries the selector stands for the pods its operator makes: no KW101', () => {
		const snapshot = load([service, cluster('app: db, cluster: main')].join('---\n'));
		expect(snapshot.podMakers).toEqual([
			{ kind: 'PostgresCluster', apiVersion: 'example.com/v1', namespace: 'data', name: 'main', labels: { app: 'db', cluster: 'main' }, otherLabels: [], replicas: 1, hasStatus: false },
		]);
		expect(snapshot.unusedKinds).toBeUndefined();
		expect(codes([service, cluster('app: db, cluster: main')].join('---\n'))).toEqual([]);
	});

	it('broken twins: a selector it does not carry, a resource without a pod template (ServiceMonitor), a captured namespace', () => {
		expect(codes([service, cluster('app: db, cluster: other')].join('---\n'))).toEqual(['KW101 db']);
		expect(codes([service, monitor].join('---\n'))).toEqual(['KW101 db']);
		expect(load(monitor).unusedKinds).toEqual({ ServiceMonitor: 1 });
		// In a capture the operator has run: its pods would be there, so a selector matching none is
		// KW101, and the endpoints derived from the captured pods (none) are KW301's to judge.
		expect(codes([service, cluster('app: db, cluster: main'), runningPod].join('---\n'))).toEqual(['KW101 db', 'KW301 db']);
	});

	it('one without a namespace goes where -n puts it, as the Service does', () => {
		const bare = (text: string) => text.replace(', namespace: data', '');
		expect(load([bare(service), bare(cluster('app: db, cluster: main'))].join('---\n'), 'data').podMakers?.[0]?.namespace).toBe('data');
	});

	it('a kind of the same name from another API group is not the built-in kind (a Knative Service is not a Service)', () => {
		const knative = `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello, namespace: default}\nspec:\n  template:\n    spec: {containers: [{image: hello}]}\n`;
		const snapshot = load(knative);
		expect(snapshot.services).toEqual([]);
		expect(snapshot.unusedKinds).toEqual({ 'Service.serving.knative.dev': 1 });
		// `v1`, `apps/v1` and the old extensions group are the kinds themselves.
		const deployment = `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web, namespace: default}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n`;
		expect(load(deployment).deployments.map((d) => d.name)).toEqual(['web']);
	});

	it('an Ingress to the operator-made Service is not a 503: route and the ingresses table say the pods come on apply', () => {
		const ingress = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: db, namespace: data}\nspec:\n  ingressClassName: nginx\n  rules:\n  - http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: db, port: {number: 5432}}}}\n`;
		const klass = `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n`;
		const analysis = analyze(load([service, cluster('app: db, cluster: main'), otherDeployment, ingress, klass].join('---\n')));
		expect(analysis.findings.map((f) => f.code)).toEqual([]);
		const row = analysis.routing.rows.find((r) => r.ingress === 'db')!;
		expect(row.backend).toMatchObject({ endpointsKnown: false, unjudged: 'operator', podMaker: { kind: 'PostgresCluster', name: 'main' } });
	});
});

describe("a selector that names the resource in its operator's labels", () => {
	// Strimzi labels a cluster's pods strimzi.io/cluster=NAME, strimzi.io/kind, strimzi.io/name=NAME-kafka;
	// its KafkaNodePools carry strimzi.io/cluster, and the Kafka resource sizes no pods itself.
	const pool = `apiVersion: kafka.strimzi.io/v1\nkind: KafkaNodePool\nmetadata: {name: broker, namespace: data, labels: {strimzi.io/cluster: my-cluster}}\nspec: {replicas: 3, roles: [broker]}\n`;
	const bootstrap = (labels: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: my-cluster-kafka-bootstrap, namespace: data}\nspec: {selector: {${labels}}, ports: [{port: 9092}]}\n`;
	// CloudNativePG labels its pods cnpg.io/cluster=NAME; the Cluster sizes them with instances and has no labels.
	const pg = `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: main, namespace: data}\nspec: {instances: 3, storage: {size: 1Gi}}\n`;
	const rw = (labels: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: main-rw, namespace: data}\nspec: {selector: {${labels}}, ports: [{port: 5432}]}\n`;

	it('stands for the pods: the name under the operator\'s domain, or a label of that domain the resource carries; the rest of that domain is the operator\'s', () => {
		expect(load(pg).podMakers?.map((m) => `${m.kind} ${m.name} ${JSON.stringify(m.labels)}`)).toEqual(['Cluster main {}']);
		expect(codes([pg, rw('cnpg.io/cluster: main, cnpg.io/instanceRole: primary')].join('---\n'))).toEqual([]);
		expect(codes([pool, bootstrap('strimzi.io/cluster: my-cluster, strimzi.io/kind: Kafka, strimzi.io/name: my-cluster-kafka')].join('---\n'))).toEqual([]);
	});

	it("check says the ports of those Services are not judged (the operator's pods open them), beside 'No problems found'", () => {
		const file = path.join(scratchDir('pod-makers-check'), 'set.yaml');
		writeFileSync(file, [pg, rw('cnpg.io/cluster: main, cnpg.io/instanceRole: primary'), otherDeployment].join('---\n'));
		const r = runCli(['check', '--fixtures', file]);
		expect(r.status).toBe(0);
		expect(r.stdout.replace(/\s+/g, ' ')).toContain("Not judged: 1 Service's ports on the pods an operator makes from Cluster data/main, known once applied.");
		writeFileSync(file, [rw('app: other'), otherDeployment].join('---\n'));
		expect(runCli(['check', '--fixtures', file]).stdout).not.toContain('Not judged');
	});

	it('broken twins: a name that is not the resource\'s, a domain that is not its API\'s, a label of the user\'s own it does not carry', () => {
		expect(codes([pg, rw('cnpg.io/cluster: mian, cnpg.io/instanceRole: primary')].join('---\n'))).toEqual(['KW101 main-rw']);
		expect(codes([pg, rw('example.org/cluster: main')].join('---\n'))).toEqual(['KW101 main-rw']);
		expect(codes([pg, rw('cnpg.io/cluster: main, app: db')].join('---\n'))).toEqual(['KW101 main-rw']);
		expect(codes([pool, bootstrap('strimzi.io/cluster: other-cluster, strimzi.io/kind: Kafka')].join('---\n'))).toEqual(['KW101 my-cluster-kafka-bootstrap']);
		// A `cluster` label is not a domain: only the kind's own name stands unprefixed for it.
		expect(codes([pg, rw('postgres: main')].join('---\n'))).toEqual(['KW101 main-rw']);
	});
});

describe('a set whose only pod maker is a custom resource (an Argo Rollout)', () => {
	const rollout = (app: string) =>
		`apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: demo, namespace: data}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n`;
	const active = `apiVersion: v1\nkind: Service\nmetadata: {name: demo-active, namespace: data}\nspec: {selector: {app: demo}, ports: [{port: 80, targetPort: 8080}]}\n`;

	it('pods are not "not in the input": the Service reads planned, and check says readiness comes on apply', () => {
		const file = path.join(scratchDir('pod-makers-rollout'), 'set.yaml');
		writeFileSync(file, [rollout('demo'), active].join('---\n'));
		const snapshot = loadFiles([file]);
		expect(snapshot.unreadable.map((u) => u.resource)).not.toContain('pods');
		const services = runCli(['services', '--fixtures', file]);
		expect(services.stdout).toMatch(/data\/demo-active\s+ClusterIP\s+on apply\s+80→8080\s+planned/);
		const check = runCli(['check', '--fixtures', file]);
		expect(check.status).toBe(0);
		expect(check.stdout).toContain('readiness is known once applied');
		// Broken twin: the Service selects a label the Rollout's pods do not carry.
		writeFileSync(file, [rollout('demo'), active.replace('app: demo}', 'app: dmeo}')].join('---\n'));
		expect(runCli(['check', '--fixtures', file]).stdout).toMatch(/KW101 selector app=dmeo matches no pod in data/);
	});

	it('an input without any Service says so instead of "every Service is wired to ready pods"', () => {
		const file = path.join(scratchDir('pod-makers-none'), 'set.yaml');
		writeFileSync(file, rollout('demo'));
		expect(runCli(['check', '--fixtures', file]).stdout).toContain('No problems found in what the input holds (it holds no Service).');
	});
});

describe('the gateways report on an operator-made backend', () => {
	it('says planned, not ?', () => {
		const gateway = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: data}\nspec:\n  gatewayClassName: example\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n`;
		const route = `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: db, namespace: data}\nspec:\n  parentRefs: [{name: gw}]\n  rules: [{backendRefs: [{name: db, port: 5432}]}]\n`;
		const file = path.join(scratchDir('pod-makers-cli'), 'set.yaml');
		writeFileSync(file, [service, cluster('app: db, cluster: main'), otherDeployment, gateway, route].join('---\n'));
		const r = runCli(['gateways', '--fixtures', file]);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/data\/db#0\s+db:5432 planned/);
	});
});

describe('a live cluster or a kubewire capture is never manifests', () => {
	it('a Service selecting no pod in a live cluster without pods gets KW101 and KW301 (no endpoints), not "on apply"', () => {
		const snapshot = load(service);
		const asManifests = analyze(snapshot).findings.map((f) => f.code);
		snapshot.origin = { kind: 'live', description: 'test', context: 'test', server: 'https://127.0.0.1:1' };
		snapshot.unreadable = [];
		expect(asManifests).toEqual([]);
		expect(analyze(snapshot).findings.map((f) => f.code)).toEqual(['KW101', 'KW301']);
	});
});
