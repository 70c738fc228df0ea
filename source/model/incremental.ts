/**
 * A live cluster's next Analysis from its previous one and the keys a watch batch changed, without
 * starting over: only the Services a change can affect are wired and diagnosed again, the others
 * keep their wiring and findings. What a change can affect:
 *
 *  - a pod: the Services whose selectors match it (old or new labels, in any namespace, for the
 *    "pods in another namespace" hint), and in its namespace the Services that nearly match it,
 *    select nothing yet, or list it among their endpoints (by pod name or IP);
 *  - a Service: itself; an EndpointSlice: the Services it names before and after; Endpoints: the
 *    Service of the same name;
 *  - the Ingress routing table and findings are rebuilt when a Service an Ingress routes to was
 *    affected, a changed Service could change their hints (see `routingConcerned`), or a pod of
 *    an Ingress controller changed (KW602 judges those pods).
 *
 * Anything else (NetworkPolicies, Nodes, Namespaces, workloads, Ingresses, what could be read)
 * falls back to a full analysis: those changes are rare, and each can reach every Service.
 * The result equals `analyze(snapshot)` (test/model/incremental.test.ts checks it on random
 * event sequences).
 */
import type { Labels, Pod, RecordListKey, Service, Snapshot, SnapshotChanges } from '../cluster/snapshot.js';
import { analysisParts, assembleSteps, completionSteps, outlineAnalysis, type Analysis, type AnalyzeOptions } from './analyze.js';
import type { Finding } from './findings.js';
import { contextIndexes, contextSteps, type ModelContext } from './context.js';
import { carryControllers, ingressControllers } from './controllers.js';
import { diagnoseService, ruleContextFor } from './diagnostics/index.js';
import { ingressFindings, keepRouting, routingTableSteps } from './ingress/index.js';
import { ingressBackendKeys } from './backend-services.js';
import { carryOver, endCarryOver } from './carry-over.js';
import { matchesLabels } from './selectors.js';
import { runSteps, type Steps } from './steps.js';
import { serviceKey, wireService, type ServiceWiring } from './wiring.js';

/** The record lists whose changes are followed Service by Service; any other change means a full pass. */
const followed: ReadonlySet<RecordListKey> = new Set<RecordListKey>(['pods', 'services', 'endpointSlices', 'endpoints']);

/** Why an update was (or was not) incremental, and how much it redid: for tests and the bench. */
export interface UpdateStats {
	full: boolean;
	reanalysed: number;
}

let lastStats: UpdateStats = { full: true, reanalysed: 0 };

export function lastUpdateStats(): UpdateStats {
	return lastStats;
}

/**
 * The Analysis of `snapshot`, given the Analysis of an earlier Snapshot of the same stream and
 * what changed since. `options` must be those `previous` was made with.
 */
export function updateAnalysis(previous: Analysis, snapshot: Snapshot, changes: SnapshotChanges | undefined, options: AnalyzeOptions = {}): Analysis {
	return runSteps(updateSteps(previous, snapshot, changes, options));
}

/**
 * `updateAnalysis` in steps (a yield after each re-diagnosed Service and each rule across
 * Services), for a screen that must keep answering keys while it runs (ui/analysis.ts).
 */
export function* updateSteps(previous: Analysis, snapshot: Snapshot, changes: SnapshotChanges | undefined, options: AnalyzeOptions = {}): Steps<Analysis> {
	const parts = analysisParts(previous);
	const full = function* (): Steps<Analysis> {
		const outline = outlineAnalysis(snapshot, options);
		yield;
		const analysis = yield* completionSteps(outline);
		lastStats = { full: true, reanalysed: analysis.services.length };
		return analysis;
	};
	if (!changes || changes.other || !parts || previous.pending) return yield* full();
	const changedLists = (Object.keys(changes.lists) as RecordListKey[]).filter((list) => (changes.lists[list]?.size ?? 0) > 0);
	if (changedLists.some((list) => !followed.has(list))) return yield* full();

	const changedNamespaces = new Set([...(changes.lists.pods ?? [])].map((key) => splitKey(key)[0]));
	const indexes = contextIndexes(snapshot, { indexes: previous.context, changedNamespaces });
	yield;
	// Each changed pod's records, before and after the batch (one of them for a pod added or deleted).
	const podChanges: PodChange[] = [...(changes.lists.pods ?? [])].map((key) => {
		const [namespace, name] = splitKey(key);
		return { namespace, records: [previous.context.pods.get(namespace, name), indexes.pods.get(namespace, name)].filter((p): p is Pod => p !== undefined) };
	});
	const affected = affectedServices(previous, snapshot, changes, podChanges);
	yield;

	// Unaffected Services keep their wiring (same Service record, same pods and endpoints). With
	// the same list of Services (a batch of pods, slices or Endpoints), the previous wiring of a
	// Service is at its own position; else it is looked up by key.
	const sameServices = snapshot.services === previous.context.snapshot.services;
	let byKey: Map<string, number> | undefined;
	// A Service edited in place keeps its position in the store, so the Service at the same
	// position is tried first; the map of every key is made only when one is not there.
	const previousIndex = (key: string, position: number): number | undefined => {
		if (sameServices || previous.context.services[position]?.key === key) return position;
		if (!byKey) {
			byKey = new Map();
			previous.context.services.forEach((w, i) => byKey!.set(w.key, i));
		}
		return byKey.get(key);
	};
	let position = 0;
	const context = yield* contextSteps(snapshot, options, indexes, (service, { pods, endpoints }) => {
		// The Service at the same position with the same name is the same one: its key and place are
		// known without making key text or a map.
		const here = previous.context.services[position];
		const samePlace = here !== undefined && here.service.name === service.name && here.service.namespace === service.namespace;
		const key = samePlace ? here.key : serviceKey(service.namespace, service.name);
		const index = samePlace ? position : previousIndex(key, position);
		position++;
		const old = index === undefined ? undefined : previous.context.services[index];
		if (old && old.service === service && !affected.has(key)) return old;
		affected.add(key);
		return wireService(service, pods, endpoints);
	});
	yield;

	// Only pods, endpoints or slices changed, none of a controller's: what the routes to Services
	// outside `affected` made is kept (model/carry-over.ts). An input that gains or loses its last
	// pod changes how every derived endpoint is judged, so that one is made whole. Registered
	// before any rule runs, since any of them may be the first to ask for the Gateway routes.
	carryControllers(previous.context.snapshot, snapshot, podChanges.flatMap((change) => change.records));
	const controllerChanged = controllerPodChanged(previous.context.snapshot, snapshot, changes.lists.pods);
	const samePodsPresence = (snapshot.pods.length === 0) === (previous.context.snapshot.pods.length === 0);
	// A Service edited in place (no Service came or went) is among `affected`, so the routes that
	// reach it are made again; what the others made stands (the names a hint lists are the same).
	const servicesEditedOnly = [...(changes.lists.services ?? [])].every((key) => previous.context.serviceByKey.has(key) && context.serviceByKey.has(key));
	if (servicesEditedOnly && !controllerChanged && samePodsPresence) {
		carryOver(context, { previous: previous.context, routing: previous.routing, affected });
	}

	const rc = ruleContextFor(context);
	const perService: Finding[][] = [];
	for (const [i, wiring] of context.services.entries()) {
		const index = affected.has(wiring.key) ? undefined : previousIndex(wiring.key, i);
		const kept = index === undefined ? undefined : parts.perService[index];
		if (kept) perService.push(kept);
		else {
			perService.push(diagnoseService(wiring, rc));
			yield;
		}
	}
	const routed = controllerChanged || routingConcerned(snapshot, context, affected, changes.lists.services);
	const routing = routed ? yield* routingTableSteps(context, options.ingressClass) : previous.routing;
	if (!routed) keepRouting(routing, previous.context, context);
	const ingress = routed ? ingressFindings(context) : parts.ingress;
	yield;
	lastStats = { full: false, reanalysed: affected.size };
	const analysis = yield* assembleSteps(context, routing, perService, ingress);
	endCarryOver(context);
	return analysis;
}

/** The keys of the Services a batch of changes can affect (see the file comment). */
/** A pod the batch changed: its namespace, and its records before and after. */
interface PodChange {
	namespace: string;
	records: Pod[];
}

function affectedServices(previous: Analysis, snapshot: Snapshot, changes: SnapshotChanges, podChanges: readonly PodChange[]): Set<string> {
	const affected = new Set<string>();
	for (const key of changes.lists.services ?? []) affected.add(key);
	for (const key of changes.lists.endpoints ?? []) affected.add(key);

	const slices = changes.lists.endpointSlices;
	if (slices && slices.size > 0) {
		const before = new Map(previous.context.snapshot.endpointSlices.map((s) => [serviceKey(s.namespace, s.name), s] as const));
		const after = new Map(snapshot.endpointSlices.map((s) => [serviceKey(s.namespace, s.name), s] as const));
		for (const key of slices) {
			for (const slice of [before.get(key), after.get(key)]) {
				if (slice && slice.serviceName !== '') affected.add(serviceKey(slice.namespace, slice.serviceName));
			}
		}
	}

	if (podChanges.length > 0) {
		const selectors = selectorIndex(snapshot.services);
		for (const { namespace, records: changed } of podChanges) {
			for (const pod of changed) {
				// Any namespace: the selector matches it (or did), which the "elsewhere" hint reports too.
				for (const service of selectors.candidates(pod.labels)) {
					if (service.selector && matchesLabels(service.selector, pod.labels)) affected.add(serviceKey(service.namespace, service.name));
				}
			}
			for (const service of selectors.inNamespace(namespace)) {
				const key = serviceKey(service.namespace, service.name);
				if (affected.has(key)) continue;
				const wiring = previous.context.serviceByKey.get(key);
				if (!wiring || changed.some((pod) => concerns(service, wiring, pod))) affected.add(key);
			}
		}
	}
	return affected;
}

/**
 * A pod of the Service's namespace that its selector does not match still concerns it when the
 * selector matches nothing (the near-miss hints and "no pods in the namespace" read every pod:
 * a Service with pods gets no near-miss hint, so another pod's labels cannot change its
 * findings), or when an endpoint of the Service names it (stale endpoints) or uses its IP.
 */
function concerns(service: Service, wiring: ServiceWiring, pod: Pod): boolean {
	if (service.selector && wiring.pods.length === 0) return true;
	const ips = new Set([pod.podIP, ...pod.podIPs]);
	return wiring.endpoints.some((ep) => ips.has(ep.ip) || (ep.targetRef?.kind === 'Pod' && ep.targetRef.name === pod.name));
}

interface SelectorIndex {
	candidates(labels: Labels): Service[];
	inNamespace(namespace: string): readonly Service[];
}

const selectorIndexes = new WeakMap<readonly Service[], SelectorIndex>();

/**
 * Services indexed by one pair of their selector: a pod can only match those filed under one of
 * its labels. Made once per list of Services (a pod event leaves the list as it was).
 */
function selectorIndex(services: readonly Service[]): SelectorIndex {
	let index = selectorIndexes.get(services);
	if (!index) selectorIndexes.set(services, (index = buildSelectorIndex(services)));
	return index;
}

function buildSelectorIndex(services: readonly Service[]): SelectorIndex {
	const byNamespace = new Map<string, Service[]>();
	for (const service of services) {
		const list = byNamespace.get(service.namespace);
		if (list) list.push(service);
		else byNamespace.set(service.namespace, [service]);
	}
	const byPair = new Map<string, Map<string, Service[]>>();
	for (const service of services) {
		const selector = service.selector;
		if (!selector) continue;
		const first = Object.keys(selector)[0];
		if (first === undefined) continue;
		let byValue = byPair.get(first);
		if (!byValue) byPair.set(first, (byValue = new Map()));
		const value = selector[first]!;
		const list = byValue.get(value);
		if (list) list.push(service);
		else byValue.set(value, [service]);
	}
	return {
		inNamespace: (namespace) => byNamespace.get(namespace) ?? [],
		candidates(labels) {
			const out: Service[] = [];
			for (const key in labels) {
				const list = byPair.get(key)?.get(labels[key]!);
				if (list) out.push(...list);
			}
			return out;
		},
	};
}

/**
 * Whether the Ingress routing table and findings must be built again: a Service they route to
 * was affected, or a Service that changed (created, deleted, edited) bears the name of one they
 * route to (KW50x's "a Service of that name exists in …" hint) or sits in a namespace where an
 * Ingress routes to a Service that does not exist (its "Services here are …" hint).
 */
function routingConcerned(snapshot: Snapshot, context: ModelContext, affected: ReadonlySet<string>, changedServices: ReadonlySet<string> | undefined): boolean {
	const backends = ingressBackendKeys(snapshot.ingresses);
	for (const key of affected) if (backends.has(key)) return true;
	if (!changedServices || changedServices.size === 0) return false;
	const names = new Set<string>();
	const missingIn = new Set<string>();
	for (const key of backends) {
		const [namespace, name] = splitKey(key);
		names.add(name);
		if (!context.serviceByKey.has(key)) missingIn.add(namespace);
	}
	for (const key of changedServices) {
		const [namespace, name] = splitKey(key);
		if (names.has(name) || missingIn.has(namespace)) return true;
	}
	return false;
}

/** An Ingress controller's pod changed: the Ingresses' KW602 judges those pods as clients. */
function controllerPodChanged(before: Snapshot, after: Snapshot, changedPods: ReadonlySet<string> | undefined): boolean {
	if (!changedPods || changedPods.size === 0 || after.ingresses.length === 0) return false;
	for (const snapshot of [before, after]) {
		for (const run of ingressControllers(snapshot)) if (run.pods.some((name) => changedPods.has(`${run.namespace}/${name}`))) return true;
	}
	return false;
}

function splitKey(key: string): [string, string] {
	const slash = key.indexOf('/');
	return slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
}
