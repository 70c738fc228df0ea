import { describe, expect, it } from 'vitest';
import { flagValue, ingressControllers } from '../../source/model/controllers.js';
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
	});
});
