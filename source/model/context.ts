/**
 * What every model rule is handed: the snapshot and the indexes built once from it. Building
 * this is the only place that walks all pods and endpoints; rules only look things up.
 */
import type { Snapshot } from '../cluster/snapshot.js';
import { EndpointIndex } from './endpoints.js';
import { PodIndex } from './pod-index.js';
import { podsWithPlanned } from './planned-pods.js';
import { Readability } from './readable.js';
import { runSteps, type Steps } from './steps.js';
import { serviceKey, wireService, type ServiceWiring } from './wiring.js';

export interface ModelOptions {
	/** Cluster DNS domain. */
	clusterDomain: string;
}

export const defaultModelOptions: ModelOptions = { clusterDomain: 'cluster.local' };

export interface ModelContext {
	snapshot: Snapshot;
	options: ModelOptions;
	pods: PodIndex;
	endpoints: EndpointIndex;
	readable: Readability;
	/** One wiring per Service, in snapshot order. */
	services: ServiceWiring[];
	serviceByKey: Map<string, ServiceWiring>;
	/** Some pod of the input carries a status: it is (partly) a capture, not only manifests. */
	podsCarryStatus: boolean;
	/** `pods` holds planned pods (workloads of a manifest set whose pods the input lacks). */
	plannedPods: boolean;
}

/** The indexes a context is built on: the pods (with the planned ones) and the endpoints. */
export interface ContextIndexes {
	pods: PodIndex;
	endpoints: EndpointIndex;
	/** Planned pods are among `pods` (made anew for each snapshot, so never carried over). */
	plannedPods: boolean;
}

/**
 * The indexes of `snapshot`. With `previous` (the indexes of an earlier snapshot of the same
 * stream, a ModelContext holds them, and the namespaces whose pods changed since), the pods of
 * the other namespaces keep their label postings; only an input without planned pods, on both
 * sides, is carried over.
 */
export function contextIndexes(snapshot: Snapshot, previous?: { indexes: ContextIndexes; changedNamespaces: ReadonlySet<string> }): ContextIndexes {
	// Workload templates stand for the pods a manifest set will create (see planned-pods.ts).
	const pods = podsWithPlanned(snapshot);
	const plannedPods = pods !== snapshot.pods;
	const from = previous && !plannedPods && !previous.indexes.plannedPods ? { index: previous.indexes.pods, changed: previous.changedNamespaces } : undefined;
	return { pods: new PodIndex(pods, from), endpoints: endpointIndexOf(snapshot), plannedPods };
}

const endpointIndexes = new WeakMap<Snapshot['endpointSlices'], WeakMap<Snapshot['endpoints'], EndpointIndex>>();

/**
 * The EndpointIndex of the snapshot's EndpointSlices and Endpoints, made once per pair of lists:
 * a live snapshot shares the lists of kinds that did not change, so a pod event does not
 * re-index 10,000 Services' slices.
 */
function endpointIndexOf(snapshot: Snapshot): EndpointIndex {
	let byEndpoints = endpointIndexes.get(snapshot.endpointSlices);
	if (!byEndpoints) endpointIndexes.set(snapshot.endpointSlices, (byEndpoints = new WeakMap()));
	let index = byEndpoints.get(snapshot.endpoints);
	if (!index) byEndpoints.set(snapshot.endpoints, (index = new EndpointIndex(snapshot)));
	return index;
}

/**
 * The one way a ModelContext is put together. `wire` wires each Service; an incremental update
 * (model/incremental.ts) passes one that keeps the wiring of Services a change cannot affect.
 */
export function buildContext(
	snapshot: Snapshot,
	options: Partial<ModelOptions> = {},
	indexes: ContextIndexes = contextIndexes(snapshot),
	wire: Wire = wireFresh,
): ModelContext {
	return runSteps(contextSteps(snapshot, options, indexes, wire));
}

/** How a context wires one Service from its indexes. */
export type Wire = (service: Snapshot['services'][number], indexes: ContextIndexes) => ServiceWiring;

const wireFresh: Wire = (service, { pods, endpoints }) => wireService(service, pods, endpoints);

/** Services wired between two yields of `contextSteps`. */
const wiredPerStep = 500;

/** `buildContext` in steps, a yield every few hundred Services (for a live update in slices). */
export function* contextSteps(snapshot: Snapshot, options: Partial<ModelOptions>, indexes: ContextIndexes, wire: Wire = wireFresh): Steps<ModelContext> {
	const { pods, endpoints, plannedPods } = indexes;
	const services: ServiceWiring[] = [];
	const serviceByKey = new Map<string, ServiceWiring>();
	for (const service of snapshot.services) {
		const wiring = wire(service, indexes);
		services.push(wiring);
		serviceByKey.set(wiring.key, wiring);
		if (services.length % wiredPerStep === 0) yield;
	}
	return {
		snapshot,
		options: { ...defaultModelOptions, ...options },
		pods,
		endpoints,
		readable: new Readability(snapshot),
		services,
		serviceByKey,
		podsCarryStatus: snapshot.pods.some((p) => p.hasStatus),
		plannedPods,
	};
}

export { serviceKey };
