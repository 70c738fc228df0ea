/**
 * The endpoint addresses a Service has, one per address, grouped from the one endpoint view the
 * wiring holds (read from slices, or derived from the pods when the input has none: see
 * ../derived-endpoints.ts), so every diagnostic counts what the tables and the chain show.
 */
import type { ObjectReference, Pod, Protocol, Service, ServicePort } from '../../cluster/snapshot.js';
import { addressKey } from '../endpoints.js';
import type { ServiceWiring } from '../wiring.js';

export interface ServedPort {
	name: string;
	port?: number;
	protocol: Protocol;
}

export interface ServedEndpoint {
	/** '' when derived from a pod whose address the input does not say. */
	ip: string;
	ready: boolean;
	serving: boolean;
	terminating: boolean;
	node: string;
	hostname: string;
	/** The pod behind the address, by name, when known. */
	podName: string;
	targetRef?: ObjectReference;
	ports: ServedPort[];
}

export interface ServedEndpoints {
	list: ServedEndpoint[];
	/** True when the list was derived from pods because the input held no endpoint objects. */
	derived: boolean;
}

/**
 * The Service's endpoint view (wiring.endpoints: read from its slices, or derived from its pods
 * when the input has none) grouped by address, the unit the diagnostics and DNS count.
 */
export function servedEndpoints(wiring: ServiceWiring): ServedEndpoints {
	if (wiring.externalName) return { list: [], derived: false };
	const byAddress = new Map<string, ServedEndpoint>();
	let podsByName: Map<string, Pod> | undefined;
	// The controller copies a pod's hostname into the slice only when its subdomain is the
	// Service's name; a slice written without it still stands for that pod.
	const hostnameOf = (ref: ObjectReference | undefined): string => {
		if (!ref || ref.kind !== 'Pod') return '';
		podsByName ??= new Map(wiring.pods.map((p) => [p.name, p] as const));
		const pod = podsByName.get(ref.name);
		return pod && pod.hostname !== '' && pod.subdomain === wiring.service.name ? pod.hostname : '';
	};
	for (const row of wiring.endpoints) {
		const key = addressKey(row);
		let ep = byAddress.get(key);
		if (!ep) {
			ep = {
				ip: row.ip,
				ready: row.ready,
				serving: row.serving,
				terminating: row.terminating,
				node: row.node,
				hostname: row.hostname || hostnameOf(row.targetRef),
				podName: row.pod,
				targetRef: row.targetRef,
				ports: [],
			};
			byAddress.set(key, ep);
		} else if (row.ready && !ep.ready) {
			// The same address twice (two slices mid-update): a ready copy wins, as kube-proxy keeps it.
			Object.assign(ep, { ready: true, serving: row.serving, terminating: row.terminating });
		}
		if (!ep.ports.some((p) => p.name === row.portName && p.protocol === row.protocol && p.port === row.port)) {
			ep.ports.push({ name: row.portName, port: row.port, protocol: row.protocol });
		}
	}
	return { list: [...byAddress.values()], derived: wiring.endpointsDerived };
}

/**
 * Whether an endpoint carries a Service port, as kube-proxy pairs them: by port name and
 * protocol, with a port number. A slice that lists no ports (a named targetPort that resolved on
 * no pod) gives the Service port nothing, however ready its addresses are.
 */
export function servesPort(ep: ServedEndpoint, port: Pick<ServicePort, 'name' | 'protocol'>): boolean {
	return ep.ports.some((p) => p.name === port.name && p.protocol === port.protocol && p.port !== undefined && p.port > 0);
}

/**
 * `default/kubernetes` is backed by the API server itself, which rewrites its endpoints all the
 * time: an input without them left them out, the cluster did not lose them.
 */
export function isApiServerService(service: Pick<Service, 'namespace' | 'name' | 'selector'>): boolean {
	return service.namespace === 'default' && service.name === 'kubernetes' && !service.selector;
}

/** Pods in a terminal phase are never endpoints; the EndpointSlice controller skips them (see derived-endpoints.ts). */
export function isTerminal(pod: Pod): boolean {
	return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}
