/**
 * KW602 for Ingresses served by controllers other than ingress-nginx. The clients a backend sees
 * are the pods that proxy: Traefik's and HAProxy Technologies' controllers proxy from their own
 * pods, so their pods are judged as ingress-nginx's are. Contour (Envoy in other pods) and Kong
 * (a separate proxy Deployment) are not followed: nothing is raised for them rather than a
 * verdict about the wrong pods.
 */
import { describe, expect, it } from 'vitest';
import { ingressClassControllerPods } from '../../source/model/reach/controller-pods.js';
import { whoMayConnect } from '../../source/model/reach/who-may-connect.js';
import { analyze } from '../../source/model/analyze.js';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const controllerPod = (name: string, namespace: string, labels: string, container: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}
spec:
  nodeName: node-a
  containers:
${container}
status: {phase: Running, podIP: 10.244.1.40, conditions: [{type: Ready, status: "True"}]}
---
`;

const ingressClass = (name: string, controller: string) => `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: ${name}}
spec: {controller: ${controller}}
---
`;

// As Traefik's Helm chart starts it (args trimmed to the providers).
const traefik = controllerPod(
	'traefik-6d5c7b8f9-x2x4q',
	'traefik',
	'app.kubernetes.io/name: traefik, app.kubernetes.io/instance: traefik-traefik',
	`  - name: traefik
    image: docker.io/traefik:v3.2.0
    args: [--entryPoints.web.address=:8000/tcp, --providers.kubernetesingress, --providers.kubernetesingress.ingressclass=traefik]
    ports: [{name: web, containerPort: 8000}]`,
);
const traefikClass = ingressClass('traefik', 'traefik.io/ingress-controller');

// As haproxytech/kubernetes-ingress's deploy/haproxy-ingress.yaml starts it.
const haproxy = controllerPod(
	'haproxy-kubernetes-ingress-7b9c-abcde',
	'haproxy-controller',
	'run: haproxy-ingress',
	`  - name: haproxy-ingress
    image: haproxytech/kubernetes-ingress:3.0
    args: [--configmap=haproxy-controller/haproxy-kubernetes-ingress]
    ports: [{name: http, containerPort: 8080}]`,
);
const haproxyClass = ingressClass('haproxy', 'haproxy.org/ingress-controller');

// Contour: the controller runs `contour serve`; the traffic comes from Envoy pods elsewhere.
const contour = controllerPod(
	'contour-5f8c9-abcde',
	'projectcontour',
	'app: contour',
	`  - name: contour
    image: ghcr.io/projectcontour/contour:v1.30.0
    command: [contour]
    args: [serve, --incluster, --ingress-class-name=contour]`,
);
const contourClass = ingressClass('contour', 'projectcontour.io/ingress-controller');

const web = service('web', { app: 'web' }) + pod('web-1', { app: 'web' }, { ip: '10.244.0.11' });
const ingress = (className: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: ${className}
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
---
`;
const onlyFromApi = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
---
`;
const admitting = (namespace: string, labels: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-proxy, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${namespace}}}, podSelector: {matchLabels: {${labels}}}}], ports: [{port: 8080}]}]
---
`;
const namespaces = ['shop', 'traefik', 'haproxy-controller', 'projectcontour']
	.map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}, labels: {kubernetes.io/metadata.name: ${n}}}\n---\n`)
	.join('');

const kw602 = (yaml: string) => findingsOf(snapshotOf(namespaces + yaml)).filter((f) => f.code === 'KW602');

describe('KW602 for controllers that proxy from their own pods', () => {
	it('judges Traefik\'s pods: raised when no policy admits them, naming them', () => {
		const [f, ...more] = kw602(traefikClass + traefik + web + ingress('traefik') + onlyFromApi);
		expect(more).toEqual([]);
		expect(f).toMatchObject({ kind: 'Ingress', namespace: 'shop', name: 'web', severity: 'error' });
		expect(f!.message).toContain('Traefik (class traefik), identified from pod traefik/traefik-6d5c7b8f9-x2x4q');
		expect(f!.message).toContain('NetworkPolicy web-from-api isolates');
		// The fix names the labels to select, without those that change with each rollout.
		expect(f!.hint).toBe('add an ingress rule to NetworkPolicy shop/web-from-api admitting namespaceSelector kubernetes.io/metadata.name=traefik with podSelector app.kubernetes.io/name=traefik, app.kubernetes.io/instance=traefik-traefik on TCP/8080');
	});

	it("names the controller Deployment's selector in the fix, which stays the same across rollouts", () => {
		const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: traefik}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: traefik}}
  template:
    metadata: {labels: {app.kubernetes.io/name: traefik, app.kubernetes.io/version: v3.2.0, helm.sh/chart: traefik-33.0.0}}
    spec:
      containers:
      - name: traefik
        image: docker.io/traefik:v3.2.0
        args: [--providers.kubernetesingress, --providers.kubernetesingress.ingressclass=traefik]
---
`;
		const [f] = kw602(traefikClass + deployment + web + ingress('traefik') + onlyFromApi);
		expect(f!.hint).toBe('add an ingress rule to NetworkPolicy shop/web-from-api admitting namespaceSelector kubernetes.io/metadata.name=traefik with podSelector app.kubernetes.io/name=traefik on TCP/8080');
	});

	it('is quiet when a policy admits Traefik\'s pods (the healthy twin)', () => {
		expect(kw602(traefikClass + traefik + web + ingress('traefik') + onlyFromApi + admitting('traefik', 'app.kubernetes.io/name: traefik'))).toEqual([]);
	});

	it('judges HAProxy Technologies\' controller pods the same way', () => {
		const [f, ...more] = kw602(haproxyClass + haproxy + web + ingress('haproxy') + onlyFromApi);
		expect(more).toEqual([]);
		expect(f!.message).toContain("HAProxy Technologies' ingress controller (class haproxy), identified from pod haproxy-controller/haproxy-kubernetes-ingress-7b9c-abcde");
		expect(kw602(haproxyClass + haproxy + web + ingress('haproxy') + onlyFromApi + admitting('haproxy-controller', 'run: haproxy-ingress'))).toEqual([]);
	});

	it('judges a Traefik that takes Ingresses without a class (no IngressClass in the input) for such an Ingress', () => {
		const classless = traefik.replace(', --providers.kubernetesingress.ingressclass=traefik', '');
		const noClass = ingress('traefik').replace('  ingressClassName: traefik\n', '');
		const [f, ...more] = kw602(classless + web + noClass + onlyFromApi);
		expect(more).toEqual([]);
		expect(f!.message).toContain('Traefik (Ingresses without a class), identified from pod traefik/traefik-6d5c7b8f9-x2x4q');
		// Started with a class, it does not take them: nothing to judge.
		expect(kw602(traefik + web + noClass + onlyFromApi)).toEqual([]);
	});

	it('says nothing for Contour, whose traffic comes from Envoy pods it does not follow', () => {
		expect(kw602(contourClass + contour + web + ingress('contour') + onlyFromApi)).toEqual([]);
	});

	it('answers `reach ingress:contour` with who serves the class and what to ask from instead, not "no controller serves it"', () => {
		const model = analyze(snapshotOf(namespaces + contourClass + contour + web + ingress('contour')));
		expect(ingressClassControllerPods(model.context, 'contour')).toEqual({
			missing: 'class "contour" is served by Contour in pod projectcontour/contour-5f8c9-abcde, whose traffic comes from proxy pods kubewire does not follow: ask from one of them (NS/POD:PORT)',
			known: [],
		});
		expect(ingressClassControllerPods(model.context, 'traefik')).toMatchObject({ missing: expect.stringContaining('the input shows no Ingress controller whose pods kubewire knows to be the proxy') });
	});

	it('lists Traefik among the clients of the backend in "who may connect"', () => {
		const snapshot = snapshotOf(namespaces + traefikClass + traefik + web + ingress('traefik') + onlyFromApi);
		const model = analyze(snapshot);
		const wiring = model.context.services.find((w) => w.service.name === "web")!;
		const clients = whoMayConnect(model.context, wiring).filter((c) => c.client === 'controller');
		expect(clients.map((c) => c.who)).toEqual([expect.stringContaining('Traefik (class traefik) for Ingress web')]);
	});
});
