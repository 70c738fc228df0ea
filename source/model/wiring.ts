/**
 * The wiring of one Service: the pods its selector matches, the endpoints behind it, and how
 * each of its ports resolves on those pods. Computed once per snapshot from the shared indexes.
 */
import type { Pod, Service, ServicePort } from '../cluster/snapshot.js';
import { derivedEndpoints } from './derived-endpoints.js';
import { addressKey, carriesPort, type EndpointIndex, type EndpointView } from './endpoints.js';
import type { PodIndex } from './pod-index.js';
import { resolveTargetPort, type PortResolution } from './ports.js';

export interface PodPortResolution {
	pod: Pod;
	resolution: PortResolution;
}

export interface ServicePortWiring {
	port: ServicePort;
	/** kube-proxy's unit: `ns/name:portname` (the port name is empty for an unnamed port). */
	key: string;
	/** One row per selected pod. */
	pods: PodPortResolution[];
	/** The distinct container ports this Service port reaches. */
	containerPorts: number[];
	/**
	 * The Service's endpoint rows that carry this port (kube-proxy's pairing: name and protocol,
	 * with a number): what kube-proxy, an Ingress backend naming this port and the tables read.
	 */
	endpoints: EndpointView[];
	/** Distinct addresses among `endpoints`, and how many of them are ready. */
	endpointCount: number;
	readyEndpointCount: number;
}

export interface ServiceWiring {
	/** `ns/name` */
	key: string;
	service: Service;
	headless: boolean;
	externalName: boolean;
	/** Pods the selector matches in the Service's namespace (none when there is no selector). */
	pods: Pod[];
	/**
	 * The one endpoint view every consumer reads: rows from its EndpointSlices (or legacy
	 * Endpoints) or, when the input holds neither for a selector Service, the rows the controller
	 * would publish for the matched pods (`endpointsDerived`, each row `derived: true`).
	 */
	endpoints: EndpointView[];
	endpointsDerived: boolean;
	/** Distinct endpoint addresses that carry a port, and how many of them are ready. */
	endpointCount: number;
	readyEndpointCount: number;
	ports: ServicePortWiring[];
}

export function serviceKey(namespace: string, name: string): string {
	return `${namespace}/${name}`;
}

export function isHeadless(service: Service): boolean {
	return service.clusterIP === 'None';
}

export function wireService(service: Service, pods: PodIndex, endpoints: EndpointIndex): ServiceWiring {
	// By name, so that reports and hints do not depend on the order the input listed pods in
	// (files keep the author's order, the API server answers by name).
	const selected = service.selector ? pods.select(service.namespace, service.selector).sort(byName) : [];
	const resolved = service.ports.map((port) => resolvePort(service, port, selected));
	const externalName = service.type === 'ExternalName';
	const derived = !externalName && service.selector !== undefined && !endpoints.hasAny(service.namespace, service.name);
	const eps = externalName ? [] : derived ? derivedEndpoints(service, selected, resolved) : endpoints.endpointsFor(service.namespace, service.name);
	// A row that names no pod stands for the pod with its address, when there is one: every
	// report names endpoint pods the same way.
	for (const ep of eps) if (ep.pod === '' && ep.ip !== '') ep.pod = pods.byAddress(ep.ip)?.name ?? '';
	// An endpoint listed without a port carries no traffic: kube-proxy skips it.
	const counts = countAddresses(eps.filter((ep) => ep.port !== undefined));
	return {
		key: serviceKey(service.namespace, service.name),
		service,
		headless: isHeadless(service),
		externalName,
		pods: selected,
		endpoints: eps,
		endpointsDerived: derived,
		endpointCount: counts.all,
		readyEndpointCount: counts.ready,
		ports: resolved.map((pw) => {
			const own = eps.filter((ep) => carriesPort(ep, pw.port));
			const c = countAddresses(own);
			return { ...pw, endpoints: own, endpointCount: c.all, readyEndpointCount: c.ready };
		}),
	};
}

/** Distinct addresses, and how many are ready (a ready copy of an address counts it ready). */
function countAddresses(eps: readonly EndpointView[]): { all: number; ready: number } {
	const all = new Set<string>();
	const ready = new Set<string>();
	for (const ep of eps) {
		all.add(addressKey(ep));
		if (ep.ready) ready.add(addressKey(ep));
	}
	return { all: all.size, ready: ready.size };
}

function byName(a: Pod, b: Pod): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function resolvePort(service: Service, port: ServicePort, pods: Pod[]): Omit<ServicePortWiring, 'endpoints' | 'endpointCount' | 'readyEndpointCount'> {
	const rows = pods.map((pod) => ({ pod, resolution: resolveTargetPort(port, pod) }));
	const containerPorts = [
		...new Set(rows.map((r) => r.resolution.containerPort).filter((p): p is number => p !== undefined)),
	].sort((a, b) => a - b);
	return { port, key: `${service.namespace}/${service.name}:${port.name}`, pods: rows, containerPorts };
}
