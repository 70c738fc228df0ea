/**
 * The wiring of one Service: the pods its selector matches, the endpoints behind it, and how
 * each of its ports resolves on those pods. Computed once per snapshot from the shared indexes.
 */
import type { Pod, Service, ServicePort } from '../cluster/snapshot.js';
import type { EndpointIndex, EndpointView } from './endpoints.js';
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
}

export interface ServiceWiring {
	/** `ns/name` */
	key: string;
	service: Service;
	headless: boolean;
	externalName: boolean;
	/** Pods the selector matches in the Service's namespace (none when there is no selector). */
	pods: Pod[];
	endpoints: EndpointView[];
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
	const eps = endpointsOf(service, endpoints);
	const all = new Set<string>();
	const ready = new Set<string>();
	for (const ep of eps) {
		// An endpoint listed without a port carries no traffic: kube-proxy skips it.
		if (ep.port === undefined) continue;
		all.add(ep.ip);
		if (ep.ready) ready.add(ep.ip);
	}
	return {
		key: serviceKey(service.namespace, service.name),
		service,
		headless: isHeadless(service),
		externalName: service.type === 'ExternalName',
		pods: selected,
		endpoints: eps,
		endpointCount: all.size,
		readyEndpointCount: ready.size,
		ports: service.ports.map((port) => wirePort(service, port, selected)),
	};
}

function byName(a: Pod, b: Pod): number {
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function endpointsOf(service: Service, endpoints: EndpointIndex): EndpointView[] {
	return service.type === 'ExternalName' ? [] : endpoints.endpointsFor(service.namespace, service.name);
}

function wirePort(service: Service, port: ServicePort, pods: Pod[]): ServicePortWiring {
	const rows = pods.map((pod) => ({ pod, resolution: resolveTargetPort(port, pod) }));
	const containerPorts = [
		...new Set(rows.map((r) => r.resolution.containerPort).filter((p): p is number => p !== undefined)),
	].sort((a, b) => a - b);
	return { port, key: `${service.namespace}/${service.name}:${port.name}`, pods: rows, containerPorts };
}
