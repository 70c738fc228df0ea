/**
 * The endpoint addresses a Service has, one per address. They come from its EndpointSlices (or
 * legacy Endpoints) when the input holds any. A Service with a selector but no such object at all
 * is a capture that left them out (the EndpointSlice controller writes a slice, even an empty
 * one, for every selector Service): its endpoints are then the ones the controller would publish
 * for the pods its selector matches, so offline files without slices are judged fairly.
 */
import type { ObjectReference, Pod, Protocol, Service, ServicePort } from '../../cluster/snapshot.js';
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
 * `hasObjects`: whether any EndpointSlice or Endpoints object exists for the Service (even an
 * empty one); by default, whether the wiring found any endpoint row.
 */
export function servedEndpoints(wiring: ServiceWiring, hasObjects = wiring.endpoints.length > 0): ServedEndpoints {
	if (wiring.externalName) return { list: [], derived: false };
	if (!hasObjects && wiring.service.selector) return { list: derivedFromPods(wiring), derived: true };
	const byIP = new Map<string, ServedEndpoint>();
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
		let ep = byIP.get(row.ip);
		if (!ep) {
			ep = {
				ip: row.ip,
				ready: row.ready,
				serving: row.serving,
				terminating: row.terminating,
				node: row.node,
				hostname: row.hostname || hostnameOf(row.targetRef),
				podName: row.targetRef?.kind === 'Pod' ? row.targetRef.name : '',
				targetRef: row.targetRef,
				ports: [],
			};
			byIP.set(row.ip, ep);
		} else if (row.ready && !ep.ready) {
			// The same address twice (two slices mid-update): a ready copy wins, as kube-proxy keeps it.
			Object.assign(ep, { ready: true, serving: row.serving, terminating: row.terminating });
		}
		if (!ep.ports.some((p) => p.name === row.portName && p.protocol === row.protocol && p.port === row.port)) {
			ep.ports.push({ name: row.portName, port: row.port, protocol: row.protocol });
		}
	}
	return { list: [...byIP.values()], derived: false };
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

/** Pods in a terminal phase are never endpoints; the EndpointSlice controller skips them. */
export function isTerminal(pod: Pod): boolean {
	return pod.phase === 'Succeeded' || pod.phase === 'Failed';
}

function derivedFromPods(wiring: ServiceWiring): ServedEndpoint[] {
	const publish = wiring.service.publishNotReadyAddresses;
	const out: ServedEndpoint[] = [];
	wiring.pods.forEach((pod, i) => {
		if (isTerminal(pod)) return;
		// A pod without an address is not published by the controller, unless the input simply
		// left status out of a pod it says is Ready.
		if (pod.podIP === '' && !pod.ready) return;
		const serving = pod.ready;
		const ready = publish || (serving && !pod.terminating);
		// Each port wiring holds one row per selected pod, in the same order as wiring.pods.
		const ports: ServedPort[] = wiring.ports.map((pw) => ({
			name: pw.port.name,
			port: pw.pods[i]?.resolution.containerPort,
			protocol: pw.port.protocol,
		}));
		out.push({
			ip: pod.podIP,
			ready,
			serving,
			terminating: pod.terminating,
			node: pod.nodeName,
			hostname: pod.hostname !== '' && pod.subdomain === wiring.service.name ? pod.hostname : '',
			podName: pod.name,
			targetRef: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid },
			ports,
		});
	});
	return out;
}
