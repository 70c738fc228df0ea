/**
 * `route` over manifests (no status, no EndpointSlices) when the backend Service's selector
 * matches no pod. Field case: kubernetes/website's example-ingress.yaml with a `web` Deployment
 * whose Service selector reads app=wbe. The Deployment is in the input, so once applied the
 * Service has no endpoints and the controller answers 503; before, route said "known once
 * applied". When the input holds no pod or workload of that namespace, they may have been left
 * out, and the cautious answer stays. KW101 alone reports the typo (no KW503 beside it).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../source/model/analyze.js';
import { gatewayModel } from '../../source/model/gateway/index.js';
import { gatewayRequest } from '../../source/model/gateway/request.js';
import { routeThroughGateway } from '../../source/model/gateway/route.js';
import { route } from '../../source/model/ingress/index.js';
import { verdictText } from '../../source/report/route.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const deployment = (namespace = 'default') =>
	`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${namespace}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: hello-app, image: hello-app}]}\n`;
const service = (app: string) =>
	`apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\nspec: {type: NodePort, selector: {app: ${app}}, ports: [{port: 8080, targetPort: 8080}]}\n`;
const ingress = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: example-ingress, namespace: default}\nspec:\n  ingressClassName: nginx\n  rules: [{host: hello-world.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}]}}]\n`;

const analysisOf = (...docs: string[]) => analyze(snapshotFromYaml(docs.join('---\n'), 'manifests.yaml'));
const routeOf = (...docs: string[]) => route(analysisOf(...docs).routing, 'http://hello-world.example/');

describe('route through an Ingress to a Service whose selector matches no pod, in manifests', () => {
	it("broken: the namespace's Deployment is in the input and the selector misses it: 503, naming the selector and KW101", () => {
		const result = routeOf(deployment(), service('wbe'), ingress);
		expect(result.status).toBe(503);
		const verdict = verdictText(result);
		expect(verdict).toMatch(/^503 from the controller once applied/);
		expect(verdict).toContain('selector app=wbe');
		expect(verdict).toContain('KW101');
	});

	it('KW101 alone reports the typo: no KW503 on the Ingress beside it', () => {
		const codes = analysisOf(deployment(), service('wbe'), ingress).findings.map((f) => f.code);
		expect(codes).toContain('KW101');
		expect(codes).not.toContain('KW503');
	});

	it('healthy twin: the selector matches the planned pod, whose endpoint comes on apply', () => {
		const result = routeOf(deployment(), service('web'), ingress);
		expect(result.status).toBeUndefined();
		expect(verdictText(result)).toMatch(/planned \(from manifests\).*assigned on apply/);
	});

	it('no pod or workload of the namespace in the input (only in another one): the cautious answer stays', () => {
		const result = routeOf(deployment('other'), service('wbe'), ingress);
		expect(result.status).toBeUndefined();
		expect(verdictText(result)).toContain('whether a pod answers is known once applied');
	});
});

describe('route through a Gateway to the same Service', () => {
	const gateway = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: default}\nspec:\n  gatewayClassName: nginx\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n`;
	const httpRoute = `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, namespace: default}\nspec:\n  parentRefs: [{name: gw}]\n  hostnames: [hello-world.example]\n  rules: [{backendRefs: [{name: web, port: 8080}]}]\n`;
	const statusOf = (app: string) => {
		const model = gatewayModel(analysisOf(deployment(), service(app), gateway, httpRoute).context);
		const request = gatewayRequest({ scheme: 'http', host: 'hello-world.example', port: 80, pathAndQuery: '/', headers: [] });
		return routeThroughGateway(model, model.gatewayByKey.get('default/gw')!, request);
	};

	it('answers 503 once applied when the selector misses the Deployment, 200 when it matches', () => {
		const broken = statusOf('wbe');
		expect(broken.status).toBe(503);
		expect(broken.reason).toContain('KW101');
		expect(statusOf('web').status).toBe(200);
	});
});

describe('route from the command line over those files', () => {
	it('says the input holds no IngressClass (not that they could not be read) and answers 503, exit 0', () => {
		const file = path.join(scratchDir('manifest-route'), 'hello.yaml');
		writeFileSync(file, [deployment(), service('wbe'), ingress].join('---\n'));
		const r = runCli(['route', 'http://hello-world.example/', '--fixtures', file]);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain('Class     class nginx as the Ingresses name it (the input holds no IngressClass)');
		expect(r.stdout.replace(/\s+/g, ' ')).toContain('Result 503 from the controller once applied');
	});
});
