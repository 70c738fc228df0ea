/**
 * The Ingress controllers the input shows running, and the flags they run with. Whether a
 * class-less Ingress is served, which class a controller answers for, and which pods the traffic
 * to a backend comes from all depend on the controller as it was started, not on the Ingress.
 *
 * A controller is found in the pods of the input, or, when a workload has no pods there (a
 * manifest set), in the workload's pod template. Only ingress-nginx is read flag by flag; its
 * defaults are those of its current release (class "nginx", controller "k8s.io/ingress-nginx",
 * class-less Ingresses ignored).
 */
import type { Container, Labels, Pod, Snapshot } from '../cluster/snapshot.js';
import { matchesLabelSelector } from './selectors.js';
import { allWorkloads, sameWorkloads } from './workloads.js';

export const ingressNginxController = 'k8s.io/ingress-nginx';

export interface IngressControllerRun {
	implementation: 'ingress-nginx';
	/** The IngressClass `spec.controller` value it claims (`--controller-class`). */
	controllerClass: string;
	/** The class name it answers for when no IngressClass names it (`--ingress-class`). */
	ingressClass: string;
	/** `--watch-ingress-without-class`: it serves Ingresses that name no class. */
	watchWithoutClass: boolean;
	/** `--ingress-class-by-name`: it serves Ingresses by class name even without an IngressClass. */
	classByName: boolean;
	namespace: string;
	/** The labels its pods carry: what NetworkPolicy peers select it by. */
	podLabels: Labels;
	/** Names of the input's pods that run it; empty when it was found in a workload's template. */
	pods: string[];
	/** How it was identified, for messages: "pods of Deployment ingress-nginx/ingress-nginx-controller". */
	evidence: string;
}

/** True for a container that runs ingress-nginx's controller binary. */
export function isIngressNginx(container: Container): boolean {
	return (
		/ingress-nginx\/controller|nginx-ingress-controller/.test(container.image) ||
		container.command.some((c) => c.endsWith('/nginx-ingress-controller')) ||
		container.args.some((a) => a === '/nginx-ingress-controller' || a.endsWith('/nginx-ingress-controller'))
	);
}

/** The value of `--name=value` or `--name value` in a command line; '' for a bare `--name`. */
export function flagValue(args: readonly string[], name: string): string | undefined {
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		if (arg === `--${name}` || arg === `-${name}`) {
			const next = args[i + 1];
			return next !== undefined && !next.startsWith('-') ? next : '';
		}
		for (const prefix of [`--${name}=`, `-${name}=`]) if (arg.startsWith(prefix)) return arg.slice(prefix.length);
	}
	return undefined;
}

function booleanFlag(args: readonly string[], name: string): boolean {
	const value = flagValue(args, name);
	return value !== undefined && value !== 'false';
}

function nginxRun(container: Container, namespace: string, podLabels: Labels, pods: string[], evidence: string): IngressControllerRun {
	const args = [...container.command, ...container.args];
	return {
		implementation: 'ingress-nginx',
		controllerClass: flagValue(args, 'controller-class') || ingressNginxController,
		ingressClass: flagValue(args, 'ingress-class') || 'nginx',
		watchWithoutClass: booleanFlag(args, 'watch-ingress-without-class'),
		classByName: booleanFlag(args, 'ingress-class-by-name'),
		namespace,
		podLabels,
		pods,
		evidence,
	};
}

const nginxContainers = new WeakMap<Pod, Container | null>();

/**
 * The pod's ingress-nginx container, if it runs one. Remembered per pod record: a live stream
 * keeps the records of pods that did not change, so each update looks only at the new ones.
 */
function nginxContainerOf(pod: Pod): Container | undefined {
	let hit = nginxContainers.get(pod);
	if (hit === undefined) nginxContainers.set(pod, (hit = pod.containers.find(isIngressNginx) ?? null));
	return hit ?? undefined;
}

const computed = new WeakMap<Snapshot, IngressControllerRun[]>();

/**
 * Every ingress-nginx controller in the input, found once per snapshot: one per workload (its
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
 * ingress-nginx: the controllers are made only from workloads and such pods, so the scan of every
 * pod (100,000 of them in a large cluster) is skipped.
 */
export function carryControllers(before: Snapshot, after: Snapshot, changed: readonly Pod[]): void {
	const runs = computed.get(before);
	if (!runs || computed.has(after) || !sameWorkloads(before, after)) return;
	if (changed.some((pod) => nginxContainerOf(pod) !== undefined)) return;
	computed.set(after, runs);
}

function findControllers(snapshot: Snapshot): IngressControllerRun[] {
	const runs: IngressControllerRun[] = [];
	const controllerPods = snapshot.pods.filter((p) => nginxContainerOf(p) !== undefined);
	const claimed = new Set<Pod>();
	for (const workload of allWorkloads(snapshot)) {
		// A Deployment's ReplicaSets carry the same template: the Deployment speaks for them.
		if (workload.kind === 'ReplicaSet' && workload.owner?.kind === 'Deployment') continue;
		const container = workload.template.containers.find(isIngressNginx);
		if (!container) continue;
		const selector = workload.selector;
		const pods = selector ? controllerPods.filter((p) => p.namespace === workload.namespace && matchesLabelSelector(selector, p.labels)) : [];
		for (const p of pods) claimed.add(p);
		const where = `${workload.kind} ${workload.namespace}/${workload.name}`;
		runs.push(
			pods.length > 0
				? nginxRun(nginxContainerOf(pods[0]!) ?? container, workload.namespace, pods[0]!.labels, pods.map((p) => p.name).sort(), `the pods of ${where}`)
				: nginxRun(container, workload.namespace, workload.template.labels, [], `the pod template of ${where}`),
		);
	}
	for (const pod of controllerPods) {
		if (claimed.has(pod)) continue;
		runs.push(nginxRun(nginxContainerOf(pod)!, pod.namespace, pod.labels, [pod.name], `pod ${pod.namespace}/${pod.name}`));
	}
	return runs;
}
