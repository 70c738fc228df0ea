/**
 * Small builders for Ingress test clusters: plain API objects, turned into a Snapshot through
 * the same loader and projection as real files (JSON documents are YAML too). Ingresses get a
 * status address unless a test says otherwise, so KW508 only shows up where it is meant to.
 */
import type { Snapshot, Unreadable } from '../../source/cluster/snapshot.js';
import { buildContext, type ModelContext } from '../../source/model/context.js';
import type { Finding } from '../../source/model/findings.js';
import { ingressFindings } from '../../source/model/ingress/index.js';
import { snapshotFromYaml } from '../support/snapshot-from-yaml.js';

type Obj = Record<string, unknown>;

export function ingressClass(name: string, opts: { isDefault?: boolean; controller?: string; created?: string } = {}): Obj {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'IngressClass',
		metadata: {
			name,
			...(opts.created ? { creationTimestamp: opts.created } : {}),
			...(opts.isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
		},
		spec: { controller: opts.controller ?? 'k8s.io/ingress-nginx' },
	};
}

export type PathSpec = [path: string, pathType: string, service: string, port: number | string];

export function rule(host: string, ...paths: PathSpec[]): Obj {
	return {
		...(host ? { host } : {}),
		...(paths.length > 0 ? { http: { paths: paths.map(([path, pathType, service, port]) => ({ path, pathType, backend: backend(service, port) })) } } : {}),
	};
}

export function backend(service: string, port: number | string): Obj {
	return { service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

export interface IngressOpts {
	className?: string;
	annotations?: Record<string, string>;
	rules?: Obj[];
	defaultBackend?: Obj;
	tls?: { hosts?: string[]; secretName?: string }[];
	created?: string;
	/** Leave status empty (no controller picked it up). */
	noAddress?: boolean;
}

export function ingress(namespace: string, name: string, opts: IngressOpts = {}): Obj {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'Ingress',
		metadata: {
			name,
			namespace,
			...(opts.created ? { creationTimestamp: opts.created } : {}),
			...(opts.annotations ? { annotations: opts.annotations } : {}),
		},
		spec: {
			...(opts.className !== undefined ? { ingressClassName: opts.className } : {}),
			...(opts.defaultBackend ? { defaultBackend: opts.defaultBackend } : {}),
			...(opts.rules ? { rules: opts.rules } : {}),
			...(opts.tls ? { tls: opts.tls } : {}),
		},
		status: opts.noAddress ? { loadBalancer: {} } : { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
	};
}

export function service(namespace: string, name: string, ports: { name?: string; port: number; targetPort?: number | string }[] = [{ name: 'http', port: 80, targetPort: 8080 }], type = 'ClusterIP'): Obj {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: { name, namespace },
		spec: {
			type,
			...(type === 'ExternalName' ? { externalName: 'example.org' } : { clusterIP: '10.96.0.10', selector: { app: name } }),
			ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort ?? p.port, protocol: 'TCP' })),
		},
	};
}

/** An EndpointSlice for the Service with one endpoint per entry of `ready`. */
export function slice(namespace: string, serviceName: string, ready: boolean[], port: { name?: string; port: number } = { name: 'http', port: 8080 }): Obj {
	return {
		apiVersion: 'discovery.k8s.io/v1',
		kind: 'EndpointSlice',
		metadata: { name: `${serviceName}-abc`, namespace, labels: { 'kubernetes.io/service-name': serviceName } },
		addressType: 'IPv4',
		ports: [{ name: port.name ?? '', port: port.port, protocol: 'TCP' }],
		endpoints: ready.map((r, i) => ({ addresses: [`10.244.0.${i + 2}`], conditions: { ready: r }, targetRef: { kind: 'Pod', name: `${serviceName}-${i}`, namespace } })),
	};
}

export function secret(namespace: string, name: string): Obj {
	return { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name, namespace }, data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } };
}

/** A Service with `ready` endpoints behind port 80 (name http): a healthy backend in one call. */
export function healthy(namespace: string, name: string, ready: boolean[] = [true]): Obj[] {
	return [service(namespace, name), slice(namespace, name, ready)];
}

export function snapshotOf(docs: Obj[], unreadable: Unreadable[] = []): Snapshot {
	const snapshot = snapshotFromYaml(docs.map((d) => JSON.stringify(d)).join('\n---\n'), 'ingress-test.yaml');
	snapshot.unreadable.push(...unreadable);
	return snapshot;
}

export function contextOf(docs: Obj[], unreadable: Unreadable[] = []): ModelContext {
	return buildContext(snapshotOf(docs, unreadable));
}

export function findingsOf(docs: Obj[], unreadable: Unreadable[] = []): Finding[] {
	return ingressFindings(contextOf(docs, unreadable));
}

export function codesOf(docs: Obj[], unreadable: Unreadable[] = []): string[] {
	return findingsOf(docs, unreadable).map((f) => f.code).sort();
}
