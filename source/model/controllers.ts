/**
 * The Ingress controllers the input shows running, and the flags they run with. Whether a
 * class-less Ingress is served, which class a controller answers for, and which pods the traffic
 * to a backend comes from all depend on the controller as it was started, not on the Ingress.
 *
 * A controller is found in the pods of the input, or, when a workload has no pods there (a
 * manifest set), in the workload's pod template. ingress-nginx, Traefik, Contour, Kong and
 * HAProxy Technologies' controller are read (model/controllers/: how each is recognised, which
 * flags decide its classes); any other controller is not seen here.
 */
import type { Container, Labels, Pod, Snapshot, Workload } from '../cluster/snapshot.js';
import { controllerSettings } from './controllers/readers.js';
import type { ControllerSettings, IngressControllerRun, NginxRun } from './controllers/run.js';
import { matchesLabelSelector } from './selectors.js';
import { allWorkloads, sameWorkloads } from './workloads.js';

export { flagValue } from './controllers/flags.js';
export { ingressNginxController } from './controllers/ingress-nginx.js';
export type { IngressControllerRun, NginxRun } from './controllers/run.js';

interface ControllerContainer {
	container: Container;
	settings: ControllerSettings;
}

function inContainers(containers: readonly Container[]): ControllerContainer | undefined {
	for (const container of containers) {
		const settings = controllerSettings(container);
		if (settings) return { container, settings };
	}
	return undefined;
}

/** Labels that change with each rollout or upgrade: a policy that selects by them stops matching. */
const volatileLabels = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'app.kubernetes.io/version', 'helm.sh/chart', 'version', 'chart']);

function stableLabels(labels: Labels): Labels {
	return Object.fromEntries(Object.entries(labels).filter(([key]) => !volatileLabels.has(key)));
}

/** The workload's selector when it is labels only (every pod of it carries them), else the pods' stable labels. */
function selectByOf(podLabels: Labels, workload?: Workload): Labels {
	const selector = workload?.selector;
	if (selector && selector.matchExpressions.length === 0 && Object.keys(selector.matchLabels).length > 0) return selector.matchLabels;
	return stableLabels(podLabels);
}

function run(found: ControllerContainer, namespace: string, podLabels: Labels, pods: string[], evidence: string, workload?: Workload): IngressControllerRun {
	return { ...found.settings, namespace, podLabels, selectBy: selectByOf(podLabels, workload), pods, evidence };
}

const controllerContainers = new WeakMap<Pod, ControllerContainer | null>();

/**
 * The pod's Ingress controller container, if it runs one. Remembered per pod record: a live
 * stream keeps the records of pods that did not change, so each update looks only at the new ones.
 */
function controllerOf(pod: Pod): ControllerContainer | undefined {
	let hit = controllerContainers.get(pod);
	if (hit === undefined) controllerContainers.set(pod, (hit = inContainers(pod.containers) ?? null));
	return hit ?? undefined;
}

const computed = new WeakMap<Snapshot, IngressControllerRun[]>();

/**
 * Every Ingress controller in the input, found once per snapshot: one per workload (its
 * pods, or its template when the input has none of its pods), and one per bare pod that runs the
 * controller.
 */
export function ingressControllers(snapshot: Snapshot): IngressControllerRun[] {
	let runs = computed.get(snapshot);
	if (!runs) computed.set(snapshot, (runs = findControllers(snapshot)));
	return runs;
}

/**
 * A live update's snapshot has the controllers of the one before it when its workloads are the
 * same lists and none of the pods that changed (`changed`: their records before and after) runs
 * an Ingress controller: the controllers are made only from workloads and such pods, so the scan of every
 * pod (100,000 of them in a large cluster) is skipped.
 */
export function carryControllers(before: Snapshot, after: Snapshot, changed: readonly Pod[]): void {
	const runs = computed.get(before);
	if (!runs || computed.has(after) || !sameWorkloads(before, after)) return;
	if (changed.some((pod) => controllerOf(pod) !== undefined)) return;
	computed.set(after, runs);
}

/** The ingress-nginx runs: the controllers whose pods kubewire knows to be the proxy (model/reach). */
export function nginxRuns(snapshot: Snapshot): NginxRun[] {
	return ingressControllers(snapshot).filter((r): r is NginxRun => r.implementation === 'ingress-nginx');
}

function findControllers(snapshot: Snapshot): IngressControllerRun[] {
	const runs: IngressControllerRun[] = [];
	const controllerPods = snapshot.pods.filter((p) => controllerOf(p) !== undefined);
	const claimed = new Set<Pod>();
	for (const workload of allWorkloads(snapshot)) {
		// A Deployment's ReplicaSets carry the same template: the Deployment speaks for them.
		if (workload.kind === 'ReplicaSet' && workload.owner?.kind === 'Deployment') continue;
		const found = inContainers(workload.template.containers);
		if (!found) continue;
		const selector = workload.selector;
		const pods = selector ? controllerPods.filter((p) => p.namespace === workload.namespace && matchesLabelSelector(selector, p.labels)) : [];
		for (const p of pods) claimed.add(p);
		const where = `${workload.kind} ${workload.namespace}/${workload.name}`;
		runs.push(
			pods.length > 0
				? run(controllerOf(pods[0]!) ?? found, workload.namespace, pods[0]!.labels, pods.map((p) => p.name).sort(), `the pods of ${where}`, workload)
				: run(found, workload.namespace, workload.template.labels, [], `the pod template of ${where}`, workload),
		);
	}
	for (const pod of controllerPods) {
		if (claimed.has(pod)) continue;
		runs.push(run(controllerOf(pod)!, pod.namespace, pod.labels, [pod.name], `pod ${pod.namespace}/${pod.name}`));
	}
	return runs;
}
