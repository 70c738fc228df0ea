/** KW201, KW202, KW203: per Service port, with healthy twins. */
import { describe, expect, it } from 'vitest';
import { findingsOf, pod, service, snapshotOf } from './support.js';

const found = (yaml: string) => findingsOf(snapshotOf(yaml));
const codes = (yaml: string) => found(yaml).map((f) => f.code);

describe('target ports', () => {
	it('KW201 names the pods when they declare no ports at all, as info (nothing contradicts the number)', () => {
		const f = found(service('web', { app: 'web' }, { ports: '[{port: 80, targetPort: 8080}]' }) + pod('web-1', { app: 'web' }, { ports: '[]' }));
		const kw201 = f.find((x) => x.code === 'KW201')!;
		expect(kw201.message).toContain('declare no ports at all');
		expect(kw201.severity).toBe('info');
		const declared = found(service('web', { app: 'web' }, { ports: '[{port: 80, targetPort: 8080}]' }) + pod('web-1', { app: 'web' }, { ports: '[{containerPort: 9090}]' }));
		expect(declared.find((x) => x.code === 'KW201')!.severity).toBe('warning');
	});

	it('targetPort 0 (as charts write it) is the port, as the API server defaults it: no KW201', () => {
		// opentelemetry-demo's Jaeger Services: port 5775/UDP with targetPort 0, the pod declares 5775/UDP.
		const yaml = service('jaeger-agent', { app: 'jaeger' }, { ports: '[{name: zk-compact-trft, port: 5775, protocol: UDP, targetPort: 0}]' }) + pod('jaeger-1', { app: 'jaeger' }, { ports: '[{containerPort: 5775, protocol: UDP}]' });
		expect(codes(yaml)).toEqual([]);
		expect(snapshotOf(yaml).services[0]!.ports[0]!.targetPort).toBe(5775);
	});

	it('judges each Service port alone: only the wrong one is reported', () => {
		const ports = '[{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090, targetPort: 9091}]';
		const f = found(service('web', { app: 'web' }, { ports }) + pod('web-1', { app: 'web' }, { ports: '[{containerPort: 8080}, {containerPort: 9090}]' }));
		expect(f.map((x) => x.code)).toEqual(['KW201']);
		expect(f[0]!.message).toContain('port 9090 (metrics)');
		expect(f[0]!.message).toContain('targetPort 9091');
	});

	it('a port declared by one pod of a rollout is declared', () => {
		const yaml =
			service('web', { app: 'web' }, { ports: '[{port: 80, targetPort: 8080}]' }) +
			pod('web-old', { app: 'web' }, { ports: '[{containerPort: 80}]' }) +
			pod('web-new', { app: 'web' }, { ports: '[{containerPort: 8080}]', ip: '10.244.0.2' });
		expect(codes(yaml)).toEqual([]);
	});

	it('a named targetPort that exists only with another protocol is KW203 (not KW202), and the port gets no endpoint', () => {
		const yaml =
			service('dns', { app: 'dns' }, { ports: '[{name: dns, port: 53, targetPort: dns, protocol: UDP}]' }) +
			pod('dns-1', { app: 'dns' }, { ports: '[{name: dns, containerPort: 53, protocol: TCP}]' });
		const f = found(yaml);
		expect(f.map((x) => x.code).sort()).toEqual(['KW203', 'KW301']);
		expect(f.find((x) => x.code === 'KW203')!.message).toContain('does not resolve');
	});

	it('a container declaring the port for both protocols satisfies either Service port', () => {
		const yaml =
			service('dns', { app: 'dns' }, { ports: '[{name: dns, port: 53, targetPort: 53, protocol: UDP}, {name: dns-tcp, port: 53, targetPort: 53}]' }) +
			pod('dns-1', { app: 'dns' }, { ports: '[{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53, protocol: TCP}]' });
		expect(codes(yaml)).toEqual([]);
	});

	it('named ports of native sidecars (init containers with restartPolicy Always) count', () => {
		const yaml = `${service('mesh', { app: 'mesh' }, { ports: '[{port: 15001, targetPort: proxy}]' })}apiVersion: v1
kind: Pod
metadata: {name: mesh-1, namespace: shop, labels: {app: mesh}}
spec:
  initContainers: [{name: proxy, image: envoy, restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]
  containers: [{name: app, image: app}]
status: {phase: Running, podIP: 10.244.0.5, conditions: [{type: Ready, status: "True"}]}
`;
		expect(codes(yaml)).toEqual([]);
	});

	it('KW202 lists the names the pods do declare', () => {
		const yaml = service('web', { app: 'web' }, { ports: '[{port: 80, targetPort: web}]' }) + pod('web-1', { app: 'web' }, { ports: '[{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]' });
		const kw202 = found(yaml).find((x) => x.code === 'KW202')!;
		expect(kw202.message).toContain('"web"');
		expect(kw202.message).toContain('admin, http');
		expect(kw202.severity).toBe('error');
	});
});
