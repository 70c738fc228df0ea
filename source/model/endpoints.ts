/**
 * The endpoints behind each Service, one row per address and port, from its EndpointSlices (the
 * `kubernetes.io/service-name` label) or, when it has none, from its legacy Endpoints object.
 * Conditions follow the EndpointSlice API: an unset `ready` or `serving` counts as true, an unset
 * `terminating` as false, as kube-proxy reads them.
 */
import type { EndpointSlice, Endpoints, ObjectReference, Protocol, Snapshot } from '../cluster/snapshot.js';

export interface EndpointView {
	ip: string;
	/** Undefined when the slice port has no number (kube-proxy ignores such ports). */
	port?: number;
	portName: string;
	protocol: Protocol;
	ready: boolean;
	serving: boolean;
	terminating: boolean;
	node: string;
	zone: string;
	hostname: string;
	/** The pod (or other object) the endpoint says it is, as written in the slice. */
	targetRef?: ObjectReference;
	/** The pod behind the address, by name ('' when the row names no pod). */
	pod: string;
	/**
	 * True when the row was computed from the pods the selector matches, because the input holds
	 * no EndpointSlice or Endpoints for the Service (see derived-endpoints.ts); false when read.
	 */
	derived: boolean;
	/** The EndpointSlice (or Endpoints) the row came from; `derived` for rows computed from pods. */
	source: { kind: 'EndpointSlice' | 'Endpoints' | 'derived'; name: string };
}

/** Where a Service's endpoints live: `ns/name` → slices, and legacy Endpoints by the same key. */
export class EndpointIndex {
	private readonly slices = new Map<string, EndpointSlice[]>();
	private readonly legacy = new Map<string, Endpoints>();

	constructor(snapshot: Pick<Snapshot, 'endpointSlices' | 'endpoints'>) {
		for (const slice of snapshot.endpointSlices) {
			if (slice.serviceName === '') continue;
			const key = `${slice.namespace}/${slice.serviceName}`;
			const list = this.slices.get(key);
			if (list) list.push(slice);
			else this.slices.set(key, [slice]);
		}
		for (const ep of snapshot.endpoints) this.legacy.set(`${ep.namespace}/${ep.name}`, ep);
	}

	slicesFor(namespace: string, name: string): EndpointSlice[] {
		return this.slices.get(`${namespace}/${name}`) ?? [];
	}

	legacyFor(namespace: string, name: string): Endpoints | undefined {
		return this.legacy.get(`${namespace}/${name}`);
	}

	/** True when any EndpointSlice or Endpoints object exists for the Service, even an empty one. */
	hasAny(namespace: string, name: string): boolean {
		return this.slices.has(`${namespace}/${name}`) || this.legacy.has(`${namespace}/${name}`);
	}

	endpointsFor(namespace: string, name: string): EndpointView[] {
		const slices = this.slicesFor(namespace, name);
		if (slices.length > 0) return slices.flatMap(sliceRows);
		const legacy = this.legacyFor(namespace, name);
		return legacy ? legacyRows(legacy) : [];
	}
}

function sliceRows(slice: EndpointSlice): EndpointView[] {
	const rows: EndpointView[] = [];
	// An endpoint with no ports still exists (a selector-less Service mid-update); show it once.
	const ports = slice.ports.length > 0 ? slice.ports : [undefined];
	// One per slice, shared by its rows: 100,000 endpoints need not carry 100,000 copies.
	const source = { kind: 'EndpointSlice', name: slice.name } as const;
	for (const ep of slice.endpoints) {
		const ready = ep.conditions.ready ?? true;
		const serving = ep.conditions.serving ?? ready;
		const terminating = ep.conditions.terminating ?? false;
		for (const ip of ep.addresses) {
			for (const port of ports) {
				rows.push({
					ip,
					port: port?.port,
					portName: port?.name ?? '',
					protocol: port?.protocol ?? 'TCP',
					ready,
					serving,
					terminating,
					node: ep.nodeName ?? '',
					zone: ep.zone ?? '',
					hostname: ep.hostname ?? '',
					targetRef: ep.targetRef,
					pod: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : '',
					derived: false,
					source,
				});
			}
		}
	}
	return rows;
}

function legacyRows(ep: Endpoints): EndpointView[] {
	const rows: EndpointView[] = [];
	const source = { kind: 'Endpoints', name: ep.name } as const;
	for (const subset of ep.subsets) {
		const ports = subset.ports.length > 0 ? subset.ports : [undefined];
		const groups = [
			{ addresses: subset.addresses, ready: true },
			{ addresses: subset.notReadyAddresses, ready: false },
		];
		for (const { addresses, ready } of groups) {
			for (const address of addresses) {
				for (const port of ports) {
					rows.push({
						ip: address.ip,
						port: port?.port,
						portName: port?.name ?? '',
						protocol: port?.protocol ?? 'TCP',
						ready,
						serving: ready,
						terminating: false,
						node: address.nodeName ?? '',
						zone: '',
						hostname: address.hostname ?? '',
						targetRef: address.targetRef,
						pod: address.targetRef?.kind === 'Pod' ? address.targetRef.name : '',
						derived: false,
						source,
					});
				}
			}
		}
	}
	return rows;
}

/** The pod an endpoint stands for: its targetRef when it names a Pod, else the pod with its IP. */
export function endpointPodName(ep: EndpointView): string {
	return ep.pod;
}

/** Whether an endpoint row carries traffic for a Service port, as kube-proxy pairs them: same port name and protocol, with a number. */
export function carriesPort(ep: EndpointView, port: { name: string; protocol: Protocol }): boolean {
	return ep.portName === port.name && ep.protocol === port.protocol && ep.port !== undefined && ep.port > 0;
}

/** One address per endpoint: its IP, or its pod when the input did not give the pod's address. */
export function addressKey(ep: EndpointView): string {
	return ep.ip !== '' ? ep.ip : `pod:${ep.pod}`;
}
