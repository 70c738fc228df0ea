import { describe, expect, it } from 'vitest';
import { buildContext } from '../../source/model/context.js';
import { resolveTargetPort, formatServicePort } from '../../source/model/ports.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

const cluster = `
kind: Service
metadata: {name: web, namespace: shop}
spec:
  clusterIP: 10.96.0.10
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9100, targetPort: 9100}
---
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web, pod-template-hash: abc}}
spec: {nodeName: w1, containers: [{name: app, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.244.1.5, conditions: [{type: Ready, status: "True"}]}
---
kind: Pod
metadata: {name: web-2, namespace: shop, labels: {app: web}}
spec: {nodeName: w2, containers: [{name: app, ports: [{name: http, containerPort: 8081}]}]}
status: {podIP: 10.244.2.5, conditions: [{type: Ready, status: "False"}]}
---
kind: Pod
metadata: {name: web-elsewhere, namespace: other, labels: {app: web}}
---
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
---
kind: EndpointSlice
apiVersion: discovery.k8s.io/v1
metadata: {name: web-x, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- {addresses: [10.244.1.5], conditions: {ready: true}, nodeName: w1, targetRef: {kind: Pod, name: web-1, namespace: shop}}
- {addresses: [10.244.2.5], conditions: {ready: false, serving: false, terminating: false}, nodeName: w2, targetRef: {kind: Pod, name: web-2, namespace: shop}}
ports: [{name: http, port: 8080, protocol: TCP}]
---
kind: EndpointSlice
apiVersion: discovery.k8s.io/v1
metadata: {name: web-y, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- {addresses: [10.244.3.9], conditions: {ready: false, serving: true, terminating: true}}
ports: [{name: http, port: 8080, protocol: TCP}]
`;

describe('pods selected by a Service', () => {
	const ctx = buildContext(snapshotFromYaml(cluster));
	const web = ctx.serviceByKey.get('shop/web')!;

	it('selects the pods whose labels match, in the Service namespace only', () => {
		expect(web.pods.map((p) => p.name).sort()).toEqual(['web-1', 'web-2']);
	});

	it('finds the same selector in other namespaces on request', () => {
		expect(ctx.pods.selectAnywhere({ app: 'web' }).map((p) => `${p.namespace}/${p.name}`).sort()).toEqual([
			'other/web-elsewhere',
			'shop/web-1',
			'shop/web-2',
		]);
	});

	it('looks pods up by IP and by name', () => {
		expect(ctx.pods.byAddress('10.244.2.5')?.name).toBe('web-2');
		expect(ctx.pods.get('shop', 'db')?.name).toBe('db');
		expect(ctx.pods.select('shop', { app: 'nope' })).toEqual([]);
	});
});

describe('endpoints from EndpointSlices', () => {
	const ctx = buildContext(snapshotFromYaml(cluster));
	const web = ctx.serviceByKey.get('shop/web')!;

	it('merges every slice of the Service into one row per address and port', () => {
		expect(web.endpoints.map((e) => [e.ip, e.port, e.ready, e.serving, e.terminating, e.node])).toEqual([
			['10.244.1.5', 8080, true, true, false, 'w1'],
			['10.244.2.5', 8080, false, false, false, 'w2'],
			['10.244.3.9', 8080, false, true, true, ''],
		]);
	});

	it('counts distinct and ready addresses', () => {
		expect([web.readyEndpointCount, web.endpointCount]).toEqual([1, 3]);
	});

	it('reads an unset ready as ready and an unset serving as the ready value', () => {
		const s = snapshotFromYaml(`kind: EndpointSlice
metadata: {name: s, namespace: a, labels: {kubernetes.io/service-name: svc}}
endpoints: [{addresses: [1.1.1.1]}, {addresses: [2.2.2.2], conditions: {ready: false}}]
ports: [{port: 80}]
---
kind: Service
metadata: {name: svc, namespace: a}
spec: {ports: [{port: 80}]}
`);
		const rows = buildContext(s).serviceByKey.get('a/svc')!.endpoints;
		expect(rows.map((r) => [r.ready, r.serving, r.terminating])).toEqual([
			[true, true, false],
			[false, false, false],
		]);
	});

	it('falls back to legacy Endpoints when a Service has no slice', () => {
		const s = snapshotFromYaml(`kind: Service
metadata: {name: manual, namespace: a}
spec: {ports: [{port: 5432}]}
---
kind: Endpoints
metadata: {name: manual, namespace: a}
subsets: [{addresses: [{ip: 192.168.1.10}], notReadyAddresses: [{ip: 192.168.1.11}], ports: [{port: 5432}]}]
`);
		const wiring = buildContext(s).serviceByKey.get('a/manual')!;
		expect(wiring.endpoints.map((r) => [r.ip, r.ready, r.source.kind])).toEqual([
			['192.168.1.10', true, 'Endpoints'],
			['192.168.1.11', false, 'Endpoints'],
		]);
	});

	it('gives an ExternalName Service no endpoints even if objects claim it', () => {
		const s = snapshotFromYaml(`kind: Service
metadata: {name: ext, namespace: a}
spec: {type: ExternalName, externalName: db.example.com}
---
kind: Endpoints
metadata: {name: ext, namespace: a}
subsets: [{addresses: [{ip: 1.2.3.4}]}]
`);
		expect(buildContext(s).serviceByKey.get('a/ext')!.endpoints).toEqual([]);
	});
});

describe('target port resolution', () => {
	const ctx = buildContext(snapshotFromYaml(cluster));
	const web = ctx.serviceByKey.get('shop/web')!;
	const [http, metrics] = web.ports;

	it('resolves a named targetPort per pod, by name and protocol', () => {
		expect(http!.pods.map((r) => [r.pod.name, r.resolution.containerPort, r.resolution.declared])).toEqual([
			['web-1', 8080, true],
			['web-2', 8081, true],
		]);
		expect(http!.containerPorts).toEqual([8080, 8081]);
	});

	it('sends a numeric targetPort as it is, and says whether any container declares it', () => {
		expect(metrics!.pods.every((r) => r.resolution.containerPort === 9100 && !r.resolution.declared)).toBe(true);
	});

	it('does not resolve a named port whose only match has another protocol', () => {
		const s = snapshotFromYaml(`kind: Pod
metadata: {name: dns, labels: {k8s-app: dns}}
spec: {containers: [{name: c, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]}
`);
		const pod = s.pods[0]!;
		const r = resolveTargetPort({ name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 'dns' }, pod);
		expect(r).toMatchObject({ containerPort: undefined, declared: true, protocolMatches: false, foundProtocol: 'UDP' });
		const ok = resolveTargetPort({ name: 'dns', protocol: 'UDP', port: 53, targetPort: 'dns' }, pod);
		expect(ok).toMatchObject({ containerPort: 53, protocolMatches: true });
	});

	it('finds named ports on native sidecars', () => {
		const s = snapshotFromYaml(`kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app}]
  initContainers: [{name: envoy, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]
`);
		expect(resolveTargetPort({ name: '', protocol: 'TCP', port: 80, targetPort: 'proxy' }, s.pods[0]!)).toMatchObject({
			containerPort: 15001,
			container: 'envoy',
		});
	});

	it('formats ports as port:nodePort→target(resolved)/proto', () => {
		expect(formatServicePort({ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 }, 8080)).toBe(
			'80:30080→http(8080)',
		);
		expect(formatServicePort({ name: '', protocol: 'UDP', port: 53, targetPort: 53 })).toBe('53→53/UDP');
	});
});
