/** Workload templates stand for the pods a manifest set will create. */
import { describe, expect, it } from 'vitest';
import { plannedPods } from '../../source/model/planned-pods.js';
import { analyze } from '../../source/model/analyze.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: data}\nspec:\n  serviceName: db\n  replicas: 3\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}\n`;
const headless = `apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: data}\nspec: {clusterIP: None, selector: {app: db}, ports: [{name: pg, port: 5432, targetPort: pg}]}\n`;
const deploy = (replicas: string) =>
	`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n${replicas}  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n`;
const rs = `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web-6d4f8, namespace: shop, ownerReferences: [{kind: Deployment, name: web, uid: u, controller: true}]}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: x}]}\n`;
const load = (...docs: string[]) => snapshotFromYaml(docs.join('---\n'), 'planned.yaml');

describe('planned pods', () => {
	it('a StatefulSet plans NAME-0… with hostname and subdomain, so the per-pod DNS names exist', () => {
		const pods = plannedPods(load(sts));
		expect(pods.map((p) => [p.name, p.hostname, p.subdomain, p.planned, p.ready, p.podIP])).toEqual([
			['db-0', 'db-0', 'db', true, false, ''],
			['db-1', 'db-1', 'db', true, false, ''],
			['db-2', 'db-2', 'db', true, false, ''],
		]);
		const analysis = analyze(load(sts, headless));
		const names = analysis.serviceByKey.get('data/db')!.dns.map((r) => r.name);
		expect(names).toContain('db-0.db.data.svc.cluster.local');
		expect(analysis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
	});

	it('replicas as written, default 1; a Deployment\'s ReplicaSet does not double it', () => {
		expect(plannedPods(load(deploy(''))).length).toBe(1);
		expect(plannedPods(load(deploy('  replicas: 3\n'))).length).toBe(3);
		expect(plannedPods(load(deploy('  replicas: 3\n'), rs)).map((p) => p.owner?.kind)).toEqual(['Deployment', 'Deployment', 'Deployment']);
	});

	it('a workload whose pods are in the input is represented by them', () => {
		const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: web-6d4f8-abcde, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {phase: Running, podIP: 10.0.0.5}\n`;
		expect(plannedPods(load(deploy(''), pod))).toEqual([]);
	});

	it("twin: a Pod manifest with the Deployment's labels (a chart's debug Pod) is not one of its pods: the template is still planned", () => {
		const bare = `apiVersion: v1\nkind: Pod\nmetadata: {name: web-debug, namespace: shop, labels: {app: web}}\nspec: {containers: [{name: c, image: busybox}]}\n`;
		expect(plannedPods(load(deploy(''), bare)).map((p) => p.name)).toEqual(['web-planned-0']);
		// With its ReplicaSet's pod-template-hash, a Pod manifest is a pod of the Deployment.
		expect(plannedPods(load(deploy(''), bare.replace('{app: web}', '{app: web, pod-template-hash: 6d4f8}')))).toEqual([]);
	});

	it('raises no readiness, endpoint or status finding from planned pods, but still judges selectors and ports', () => {
		const svc = (target: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{name: http, port: 80, targetPort: ${target}}]}\n`;
		expect(analyze(load(deploy(''), svc('8080'))).findings.map((f) => f.code)).toEqual([]);
		expect(analyze(load(deploy(''), svc('http'))).findings.map((f) => f.code)).toEqual(['KW202']);
	});

	it('a deliberate canary (distinct version labels) is KW106 info with a hint saying when it is intended', () => {
		const d = (name: string, version: string) =>
			`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web, version: ${version}}}\n  template:\n    metadata: {labels: {app: web, version: ${version}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n`;
		const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n`;
		const f = analyze(load(d('web-v1', 'v1'), d('web-v2', 'v2'), svc)).findings;
		expect(f.map((x) => [x.code, x.severity])).toEqual([['KW106', 'info']]);
		expect(f[0]!.hint).toContain('canary');
	});
});
