import { describe, expect, it } from 'vitest';
import { carryControllers, flagValue, ingressControllers } from '../../source/model/controllers.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const controllerDeployment = (args: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
  template:
    metadata: {labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.1@sha256:d2fbc4ec70d8aa2050dd91a91506e998765e86c96f32cffb56c503c9c34eed5b
        args: [/nginx-ingress-controller, ${args}]
`;

describe('ingress controllers in the input', () => {
	it('reads ingress-nginx flags from a Deployment template when its pods are not in the input', () => {
		const [run] = ingressControllers(snapshotFromYaml(controllerDeployment('--watch-ingress-without-class=true, --ingress-class=public')));
		expect(run).toMatchObject({
			implementation: 'ingress-nginx',
			controllerClass: 'k8s.io/ingress-nginx',
			ingressClass: 'public',
			watchWithoutClass: true,
			namespace: 'ingress-nginx',
			pods: [],
			evidence: 'the pod template of Deployment ingress-nginx/ingress-nginx-controller',
		});
		expect(run?.podLabels).toMatchObject({ 'app.kubernetes.io/component': 'controller' });
	});

	it('uses the defaults of ingress-nginx when no flag is given, and finds nothing in other workloads', () => {
		const s = snapshotFromYaml(`${controllerDeployment('--election-id=ingress-nginx-leader')}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: nginx:1.27}]}}}
`);
		expect(ingressControllers(s)).toHaveLength(1);
		expect(ingressControllers(s)[0]).toMatchObject({ ingressClass: 'nginx', watchWithoutClass: false, classByName: false });
	});

	it('prefers the running pods over the template, and names them', () => {
		const s = snapshotFromYaml(`${controllerDeployment('--watch-ingress-without-class=false')}---
kind: Pod
metadata: {name: ingress-nginx-controller-abc, namespace: ingress-nginx, labels: {app.kubernetes.io/name: ingress-nginx}}
spec: {containers: [{name: controller, image: registry.k8s.io/ingress-nginx/controller:v1.12.1, args: [/nginx-ingress-controller, --watch-ingress-without-class]}]}
`);
		const runs = ingressControllers(s);
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ pods: ['ingress-nginx-controller-abc'], watchWithoutClass: true, evidence: 'the pods of Deployment ingress-nginx/ingress-nginx-controller' });
	});

	it('reads flags in both spellings', () => {
		expect(flagValue(['--ingress-class', 'a'], 'ingress-class')).toBe('a');
		expect(flagValue(['--ingress-class=b'], 'ingress-class')).toBe('b');
		expect(flagValue(['--watch-ingress-without-class'], 'watch-ingress-without-class')).toBe('');
		expect(flagValue(['--other=1'], 'ingress-class')).toBeUndefined();
		// Given twice (a kustomize patch appends it again): the last value, as Go's flag packages keep.
		expect(flagValue(['--ingress-class=a', '--watch-namespace', 'x', '--ingress-class', 'b'], 'ingress-class')).toBe('b');
	});
});

describe('a live update carries the controllers over only when no controller pod changed', () => {
	const pod = (name: string, image: string, namespace = 'ingress-nginx') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {app.kubernetes.io/name: ingress-nginx}}
spec: {containers: [{name: c, image: ${image}}]}
status: {phase: Running, podIP: 10.0.0.9}
`;
	const before = snapshotFromYaml(`${controllerDeployment('--ingress-class=nginx')}---
${pod('ingress-nginx-controller-1', 'registry.k8s.io/ingress-nginx/controller:v1.12.1')}---
${pod('web-1', 'nginx:1.27', 'shop')}`);
	const web = before.pods.find((p) => p.name === 'web-1')!;
	const controllerPods = before.pods.filter((p) => p.name !== 'web-1');

	it('keeps the runs when only another pod changed (the same answer as a scan of every pod)', () => {
		const runs = ingressControllers(before);
		const after = { ...before, pods: [...controllerPods, { ...web, ready: false }] };
		carryControllers(before, after, [web, after.pods.at(-1)!]);
		expect(ingressControllers(after)).toBe(runs);
		expect(runs.map((r) => r.pods)).toEqual([['ingress-nginx-controller-1']]);
	});

	it('scans again when a changed pod runs the controller, before or after the change', () => {
		ingressControllers(before);
		const added = snapshotFromYaml(pod('ingress-nginx-controller-2', 'registry.k8s.io/ingress-nginx/controller:v1.12.1')).pods[0]!;
		const after = { ...before, pods: [...before.pods, added] };
		carryControllers(before, after, [added]);
		expect(ingressControllers(after).map((r) => r.pods)).toEqual([['ingress-nginx-controller-1', 'ingress-nginx-controller-2']]);
		const gone = { ...before, pods: [web] };
		carryControllers(before, gone, controllerPods);
		expect(ingressControllers(gone).map((r) => r.pods)).toEqual([[]]);
	});

	it('scans again when a workload list changed', () => {
		ingressControllers(before);
		const after = { ...before, deployments: [] };
		carryControllers(before, after, [web]);
		expect(ingressControllers(after).map((r) => r.evidence)).toEqual(['pod ingress-nginx/ingress-nginx-controller-1']);
	});
});
