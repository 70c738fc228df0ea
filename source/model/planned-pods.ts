/**
 * Planned pods: in a manifest set (files written to be applied, `helm template` output) the pods
 * do not exist yet, but the workloads say what they will look like. Each workload whose pods are
 * not in the input stands for them here, one Pod record per replica, marked `planned: true`:
 * selector, port, protocol, DNS, NetworkPolicy and routing checks run on them, while readiness,
 * endpoint and status checks leave them alone (a planned pod is neither Ready nor unready, and
 * has no address until it is scheduled).
 *
 * Which workloads stand for pods:
 * - a Deployment; its ReplicaSets do not add pods of their own (they are the same pods);
 * - a StatefulSet, with pods `NAME-0…NAME-(n-1)`, hostname = pod name and subdomain =
 *   spec.serviceName, so their per-pod DNS names exist as they will;
 * - a DaemonSet (one pod: the nodes it will run on are not known from the manifest);
 * - a ReplicaSet or ReplicationController of its own, a Job (not one a CronJob in the input
 *   already stands for), a CronJob.
 * - a custom resource with a full pod template (an Argo Rollout, a Kruise CloneSet): its operator
 *   makes the pods from it (cluster/pod-makers.ts).
 * A workload is represented by the input's own pods instead when any pod of its namespace
 * carries its owner reference or matches its selector (for a Deployment, a Pod manifest must also
 * carry `pod-template-hash`, as its ReplicaSets' pods do: see adoptable).
 */
import type { LabelSelector, Pod, PodTemplate, Snapshot, Workload } from '../cluster/snapshot.js';
import { matchesLabelSelector } from './selectors.js';
import { allWorkloads } from './workloads.js';
import type { EndpointsUnjudged } from './diagnostics/rule.js';

/** A manifest may say `replicas: 100000`; a few hundred records already show every wiring fact. */
const maxPlannedPerWorkload = 256;

/** True for a pod that stands for a workload template rather than a pod the input holds. */
export function isPlanned(pod: Pick<Pod, 'planned'>): boolean {
	return pod.planned === true;
}

/** The pods the workloads of the snapshot will create and the input does not hold, in workload order. */
export function plannedPods(snapshot: Snapshot): Pod[] {
	const workloads = allWorkloads(snapshot);
	const makers = snapshot.podMakers?.filter((m) => m.template !== undefined) ?? [];
	if (workloads.length === 0 && makers.length === 0) return [];
	// Made only when some workload is to be planned: a live cluster's workloads never are.
	let byNamespace: Map<string, Pod[]> | undefined;
	const podsOf = (namespace: string): Pod[] => {
		if (!byNamespace) {
			byNamespace = new Map();
			for (const pod of snapshot.pods) {
				const list = byNamespace.get(pod.namespace);
				if (list) list.push(pod);
				else byNamespace.set(pod.namespace, [pod]);
			}
		}
		return byNamespace.get(namespace) ?? [];
	};
	const present = (kind: string, namespace: string, name: string) =>
		workloads.some((w) => w.kind === kind && w.namespace === namespace && w.name === name);
	// A workload read with its status from a cluster whose pods were read too (live, or a capture
	// with pods) has exactly the pods the input shows, none if it shows none: nothing is planned.
	const podsWereRead = snapshot.origin.kind === 'live' || snapshot.pods.length > 0;
	const out: Pod[] = [];
	for (const workload of workloads) {
		if (workload.hasStatus && podsWereRead) continue;
		if (standsForNothing(workload, present)) continue;
		if (hasPodsInInput(workload.kind, workload.name, selectorOf(workload), podsOf(workload.namespace))) continue;
		const count = Math.min(workload.replicas, maxPlannedPerWorkload);
		for (let i = 0; i < count; i++) out.push(plannedPod(workload, i));
	}
	// A custom resource with a full pod template (an Argo Rollout, a Kruise CloneSet): its operator
	// makes the pods from that template, so they are planned as a Deployment's are.
	for (const maker of makers) {
		const template = maker.template!;
		if (maker.hasStatus && podsWereRead) continue;
		if (hasPodsInInput(maker.kind, maker.name, selectorOf({ selector: maker.selector, template }), podsOf(maker.namespace))) continue;
		const count = Math.min(maker.replicas, maxPlannedPerWorkload);
		for (let i = 0; i < count; i++) {
			out.push({
				...templatePod(maker.namespace, `${maker.name}-planned-${i}`, template),
				owner: { kind: maker.kind, name: maker.name, uid: '', controller: true },
			});
		}
	}
	return out;
}

/** The input's pods plus the planned ones: what the model's pod index is built from. */
export function podsWithPlanned(snapshot: Snapshot): Pod[] {
	const planned = plannedPods(snapshot);
	return planned.length === 0 ? snapshot.pods : [...snapshot.pods, ...planned];
}

/**
 * A ReplicaSet owned by a Deployment, or a Job owned by a CronJob, whose owner is in the input:
 * the owner already stands for these pods. Without the owner in the input, the child does.
 */
function standsForNothing(workload: Workload, present: (kind: string, namespace: string, name: string) => boolean): boolean {
	const owner = workload.owner;
	if (!owner) return false;
	if (workload.kind === 'ReplicaSet' && owner.kind === 'Deployment') return present('Deployment', workload.namespace, owner.name);
	if (workload.kind === 'Job' && owner.kind === 'CronJob') return present('CronJob', workload.namespace, owner.name);
	return false;
}

/** Some pod of the namespace is this workload's (or pod maker's): it names it as owner, or its selector matches. */
function hasPodsInInput(kind: string, name: string, selector: LabelSelector | undefined, pods: readonly Pod[]): boolean {
	if (pods.length === 0) return false;
	return pods.some((pod) => ownedBy(pod, kind, name) || (selector !== undefined && adoptable(kind, pod) && matchesLabelSelector(selector, pod.labels)));
}

/**
 * Whether a pod matching the workload's selector can be its pod without saying so. A
 * Deployment's pods are its ReplicaSets', whose selectors add `pod-template-hash`: a Pod manifest
 * without that label (a chart's debug or test Pod with the app's labels) is never one of them. A
 * pod read with its status (a capture whose owner references were cleaned away) may be. Other
 * controllers adopt an orphan that matches their selector.
 */
function adoptable(kind: string, pod: Pod): boolean {
	if (kind !== 'Deployment' || pod.hasStatus) return true;
	return pod.labels['pod-template-hash'] !== undefined;
}

function ownedBy(pod: Pod, kind: string, name: string): boolean {
	const owner = pod.owner;
	if (!owner) return false;
	if (owner.kind === kind && owner.name === name) return true;
	// A Deployment's pods name their ReplicaSet, `<deployment>-<pod-template-hash>`; so do the pods
	// of an operator that makes ReplicaSets the same way (an Argo Rollout).
	const viaReplicaSet = kind === 'Deployment' || !builtinWorkloadKinds.has(kind);
	return viaReplicaSet && owner.kind === 'ReplicaSet' && owner.name.startsWith(`${name}-`);
}

const builtinWorkloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);

/**
 * The selector that finds the workload's pods: spec.selector, or for a ReplicationController
 * without one, its template's labels (as the API server defaults it). An empty selector would
 * match every pod of the namespace; it says nothing about which pods are this workload's.
 */
function selectorOf(source: { selector?: LabelSelector; template: PodTemplate }): LabelSelector | undefined {
	const selector = source.selector ?? { matchLabels: source.template.labels, matchExpressions: [] };
	if (Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0) return undefined;
	return selector;
}

function plannedName(workload: Workload, index: number): string {
	return workload.kind === 'StatefulSet' ? `${workload.name}-${index}` : `${workload.name}-planned-${index}`;
}

function plannedPod(workload: Workload, index: number): Pod {
	const t = workload.template;
	const name = plannedName(workload, index);
	const statefulSet = workload.kind === 'StatefulSet';
	return {
		...templatePod(workload.namespace, name, t),
		origin: workload.origin,
		owner: { kind: workload.kind, name: workload.name, uid: workload.uid, controller: true },
		// The StatefulSet controller gives each pod its name as hostname and the governing Service as subdomain.
		hostname: statefulSet ? name : t.hostname,
		subdomain: statefulSet ? workload.serviceName || t.subdomain : t.subdomain,
	};
}

/** A pod record made from a pod template: no address, no node, no status, marked `planned`. */
export function templatePod(namespace: string, name: string, t: PodTemplate): Pod {
	return {
		namespace,
		name,
		uid: '',
		labels: t.labels,
		annotations: t.annotations,
		nodeName: '',
		hostname: t.hostname,
		subdomain: t.subdomain,
		phase: '',
		podIP: '',
		podIPs: [],
		ready: false,
		hostNetwork: t.hostNetwork,
		terminating: false,
		containers: t.containers,
		readinessGates: t.readinessGates,
		conditions: [],
		hasStatus: false,
		planned: true,
	};
}

/**
 * A pod whose readiness the input does not say: a planned pod, or a Pod written as a manifest
 * (no `status` at all). Readiness and endpoint findings are not drawn from such pods.
 */
export function statusUnknown(pod: Pick<Pod, 'planned' | 'hasStatus'>): boolean {
	return pod.planned === true || !pod.hasStatus;
}

/**
 * The Service's endpoints will only exist once the manifests are applied: the input holds no
 * EndpointSlice or Endpoints for it and some pod its selector matches is planned or has no status.
 */
export function endpointsAwaitApply(pods: readonly Pick<Pod, 'planned' | 'hasStatus'>[], hasEndpointObjects: boolean): boolean {
	return !hasEndpointObjects && pods.some(statusUnknown);
}

/**
 * Whether a READY count reads "planned" rather than a number: the endpoints come when the
 * manifests are applied (the matched pods are planned or carry no status, or a custom resource's
 * operator makes them) and none is counted yet. One rule for the Services, Ingress and Gateway
 * tables, so one backend does not read `0/0`, `?` and `planned` on three screens.
 */
export function readyAwaitsApply(unjudged: EndpointsUnjudged | undefined, endpointCount: number): boolean {
	return endpointCount === 0 && awaitsApply(unjudged);
}

/** Endpoints left unjudged because they exist only once the manifests are applied (or the operator makes the pods). */
export function awaitsApply(unjudged: EndpointsUnjudged | undefined): boolean {
	return unjudged === 'on-apply' || unjudged === 'operator';
}

/** Manifests whose selector matches none of the pods given: no endpoints are to be had once applied either. */
export function noEndpointsOnApply(unjudged: EndpointsUnjudged | undefined): boolean {
	return unjudged === 'none-selected';
}

/** Manifests with no pod matching the selector: the tables count their 0/0 as derived, as the Services table does. */
export function nothingMatched(unjudged: EndpointsUnjudged | undefined): boolean {
	return unjudged === 'none-selected' || unjudged === 'nothing-to-derive';
}
