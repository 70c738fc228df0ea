/**
 * The two ends of `kubewire reach FROM TO`, read from their text and found in the input.
 *
 * FROM: `ns/pod`, `ns/kind/name` (a workload: its pods, or a stand-in from its template when the
 * input has none), an IP (the pod that owns it, else an address outside the pod network),
 * `ingress:CLASS` and `gateway:NS/NAME` (that controller's pods), `outside`.
 * TO: `ns/service:port`, `ns/pod:port`, `ns/kind/name:port`, `IP:PORT`; any port may end in
 * /tcp, /udp or /sctp (default tcp). On a Service the port is a Service port (number or name);
 * on a pod or workload it is the container port (number or name).
 *
 * Anything that does not resolve throws a ReachInputError: one line that names it and the
 * closest names the input has.
 */
import type { Pod, Protocol, ServicePort, Workload, WorkloadKind } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { canonicalIP } from '../net.js';
import type { ServiceWiring } from '../wiring.js';
import { allWorkloads } from '../workloads.js';
import { closestText } from './closest.js';
import { gatewayControllerPods, ingressClassControllerPods, type ControllerPods, type ControllerPodsFinder } from './controller-pods.js';
import { workloadPods } from './stand-in.js';
import { nodeWithAddress } from './node-address.js';

export class ReachInputError extends Error {
	override name = 'ReachInputError';
}

export interface ReachFrom {
	text: string;
	kind: 'pods' | 'controller' | 'address' | 'outside';
	/** "pod shop/web-1", "2 pods of Deployment shop/web", "ingress-nginx (class nginx), the pods of …" */
	description: string;
	/** The client pods (kind pods or controller). */
	pods: Pod[];
	/** The client address (kind address; an outside client given by IP). */
	ip?: string;
	/** kind address: the node the address belongs to, when the input says (a Node, host-network pods). */
	node?: string;
	controllers?: ControllerPods[];
}

export interface ReachTo {
	text: string;
	kind: 'service' | 'pods' | 'address';
	description: string;
	protocol: Protocol;
	/** Given as an IP (no name to look up), not as a name. */
	byAddress?: boolean;
	/** kind service: the Service and the port asked for. */
	wiring?: ServiceWiring;
	servicePort?: ServicePort;
	/** kind pods: each pod and its container port. */
	targets: { pod: Pod; port: number; declared: boolean }[];
	/** kind address: the destination address and port. */
	ip?: string;
	port?: number;
}

const workloadKinds: Record<string, WorkloadKind> = {
	deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
	statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
	daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
	replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', rs: 'ReplicaSet',
	replicationcontroller: 'ReplicationController', replicationcontrollers: 'ReplicationController', rc: 'ReplicationController',
	job: 'Job', jobs: 'Job',
	cronjob: 'CronJob', cronjobs: 'CronJob', cj: 'CronJob',
};
const podKinds = new Set(['pod', 'pods', 'po']);
const serviceKinds = new Set(['service', 'services', 'svc']);

/** The controller finders by prefix: `ingress:CLASS`, `gateway:NS/NAME`. */
export const controllerFinders: Record<'ingress' | 'gateway', ControllerPodsFinder> = {
	ingress: ingressClassControllerPods,
	gateway: gatewayControllerPods,
};

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findPod(ctx: ModelContext, namespace: string, name: string, what: string): Pod {
	const pod = ctx.pods.get(namespace, name);
	if (pod) return pod;
	const names = ctx.pods.inNamespace(namespace).map((p) => `${namespace}/${p.name}`);
	throw new ReachInputError(`${what} "${namespace}/${name}": no such pod in the input${closestText(`${namespace}/${name}`, names.length > 0 ? names : ctx.snapshot.pods.map((p) => `${p.namespace}/${p.name}`))}`);
}

/**
 * A workload's pods: the workload object's (its pods in the input, else its template), or, when
 * the input holds only the pods (a capture without workloads), the pods it owns: directly, or
 * through a ReplicaSet named after a Deployment.
 */
function findWorkloadPods(ctx: ModelContext, namespace: string, kindText: string, name: string, what: string): { pods: Pod[]; description: string } {
	const kind = workloadKinds[kindText.toLowerCase()];
	if (!kind) throw new ReachInputError(`${what} "${namespace}/${kindText}/${name}": unknown kind "${kindText}" (deployment, statefulset, daemonset, replicaset, replicationcontroller, job, cronjob, pod${what === 'TO' ? ', service' : ''})`);
	const all = allWorkloads(ctx.snapshot);
	const hit = all.find((w) => w.kind === kind && w.namespace === namespace && w.name === name);
	if (hit) {
		const pods = workloadPods(ctx.pods, hit);
		return { pods, description: workloadDescription(hit, pods) };
	}
	const owned = ctx.pods.inNamespace(namespace).filter((p) => {
		const o = p.owner;
		if (!o) return false;
		if (o.kind === kind && o.name === name) return true;
		return kind === 'Deployment' && o.kind === 'ReplicaSet' && o.name.startsWith(`${name}-`) && /^[a-z0-9]+$/.test(o.name.slice(name.length + 1));
	});
	if (owned.length > 0) return { pods: owned, description: `${plural(owned.length, 'pod')} of ${kind} ${namespace}/${name}` };
	const names = [
		...all.map((w) => `${w.namespace}/${w.kind.toLowerCase()}/${w.name}`),
		...ctx.snapshot.pods.flatMap((p) => (p.owner ? [`${p.namespace}/${p.owner.kind.toLowerCase()}/${p.owner.name}`] : [])),
	];
	throw new ReachInputError(`${what} "${namespace}/${kindText}/${name}": no ${kind} of that name in the input${closestText(`${namespace}/${kind.toLowerCase()}/${name}`, names)}`);
}

function workloadDescription(w: Workload, pods: Pod[]): string {
	const where = `${w.kind} ${w.namespace}/${w.name}`;
	return pods.length === 1 && pods[0]!.planned && pods[0]!.uid === ''
		? `${where} (its pod template: the input has none of its pods)`
		: `${plural(pods.length, 'pod')} of ${where}`;
}

/**
 * A client given by an address no pod owns: a node's (its Node lists it, or host-network pods
 * run with it, as they share their node's address), or one the input does not know.
 */
function addressFrom(ctx: ModelContext, text: string, ip: string): ReachFrom {
	const node = nodeWithAddress(ctx, ip);
	if (node) return { text, kind: 'address', description: `address ${ip}, of node ${node.name}`, pods: [], ip, node: node.name };
	const hostPods = ctx.snapshot.pods.filter((p) => p.hostNetwork && p.podIPs.includes(ip));
	const onNode = hostPods.find((p) => p.nodeName !== '')?.nodeName;
	if (hostPods.length > 0) {
		const names = hostPods.slice(0, 3).map((p) => `${p.namespace}/${p.name}`).join(', ');
		const where = onNode ? `node ${onNode}'s` : "a node's";
		return { text, kind: 'address', description: `address ${ip}: ${where} address (host-network pods use it: ${names}${hostPods.length > 3 ? ', …' : ''})`, pods: [], ip, node: onNode };
	}
	// With manifests no pod has an address yet, so a pod's own address is unknown too: the walk
	// takes the client as outside the cluster, and says so, so a BLOCKED on a ClusterIP is read as
	// the assumption it rests on.
	return { text, kind: 'address', description: `address ${ip} (no pod or node of the input has it: judged as a client outside the cluster; for a pod, give it as NS/POD or NS/KIND/NAME)`, pods: [], ip };
}

export function resolveFrom(ctx: ModelContext, text: string): ReachFrom {
	const value = text.trim();
	if (value === 'outside') return { text, kind: 'outside', description: 'a client outside the cluster', pods: [] };
	const prefix = /^(ingress|gateway):(.+)$/.exec(value);
	if (prefix) {
		const which = prefix[1] as 'ingress' | 'gateway';
		const answer = controllerFinders[which](ctx, prefix[2]!);
		if ('missing' in answer) throw new ReachInputError(`FROM "${value}": ${answer.missing}${closestText(prefix[2]!, answer.known)}`);
		const pods = answer.found.flatMap((c) => c.pods);
		const description = answer.found.map((c) => `${c.label}, identified from ${c.evidence}`).join('; ');
		return { text, kind: 'controller', description, pods, controllers: answer.found };
	}
	const ip = canonicalIP(value);
	if (ip !== undefined) {
		const pod = ctx.pods.byAddress(ip);
		if (pod) return { text, kind: 'pods', description: `pod ${pod.namespace}/${pod.name} (${ip})`, pods: [pod], ip };
		return addressFrom(ctx, text, ip);
	}
	const parts = value.split('/');
	if (parts.length === 2 && parts.every(Boolean)) {
		const pod = findPod(ctx, parts[0]!, parts[1]!, 'FROM');
		return { text, kind: 'pods', description: `pod ${pod.namespace}/${pod.name}`, pods: [pod], ip: pod.podIP || undefined };
	}
	if (parts.length === 3 && parts.every(Boolean)) {
		const [namespace, kindText, name] = parts as [string, string, string];
		if (podKinds.has(kindText.toLowerCase())) {
			const pod = findPod(ctx, namespace, name, 'FROM');
			return { text, kind: 'pods', description: `pod ${pod.namespace}/${pod.name}`, pods: [pod] };
		}
		const { pods, description } = findWorkloadPods(ctx, namespace, kindText, name, 'FROM');
		return { text, kind: 'pods', description, pods };
	}
	throw new ReachInputError(`FROM "${value}": expected ns/pod, ns/kind/name, an IP, ingress:CLASS, gateway:NS/NAME or outside`);
}

/** `80`, `http`, `53/udp` → the port (number or name) and protocol. */
function parsePort(text: string, whole: string): { port: number | string; protocol: Protocol } {
	const slash = text.lastIndexOf('/');
	const portText = slash >= 0 ? text.slice(0, slash) : text;
	const protoText = slash >= 0 ? text.slice(slash + 1).toLowerCase() : 'tcp';
	if (!['tcp', 'udp', 'sctp'].includes(protoText)) throw new ReachInputError(`TO "${whole}": unknown protocol "${text.slice(slash + 1)}" (tcp, udp or sctp)`);
	const protocol = protoText.toUpperCase() as Protocol;
	if (portText === '') throw new ReachInputError(`TO "${whole}": no port (write ns/name:PORT)`);
	if (/^\d+$/.test(portText)) {
		const port = Number(portText);
		if (port < 1 || port > 65535) throw new ReachInputError(`TO "${whole}": port ${portText} is not between 1 and 65535`);
		return { port, protocol };
	}
	return { port: portText, protocol };
}

function servicePortText(p: ServicePort): string {
	return `${p.port}${p.name ? ` (${p.name})` : ''}/${p.protocol.toLowerCase()}`;
}

function podPortTargets(pods: Pod[], port: number | string, protocol: Protocol, whole: string, what: string): ReachTo['targets'] {
	const targets: ReachTo['targets'] = [];
	const declared = new Set<string>();
	for (const pod of pods) {
		const ports = pod.containers.flatMap((c) => c.ports);
		for (const cp of ports) declared.add(`${cp.name ? `${cp.name}=` : ''}${cp.containerPort}/${cp.protocol.toLowerCase()}`);
		const hit = ports.find((cp) => (typeof port === 'number' ? cp.containerPort === port : cp.name === port) && cp.protocol === protocol);
		if (hit) targets.push({ pod, port: hit.containerPort, declared: true });
		// A container may listen on a port it does not declare (containerPort is informational);
		// only a name must be declared. The port link then says nothing declares it.
		else if (typeof port === 'number') targets.push({ pod, port, declared: false });
	}
	if (targets.length === 0) {
		const list = [...declared];
		throw new ReachInputError(`TO "${whole}": ${what} has no container port ${port}/${protocol.toLowerCase()}${list.length > 0 ? `; it has ${list.join(', ')}` : ''}`);
	}
	return targets;
}

/** Splits `X:PORT[/proto]` (and `[v6]:PORT`) into X and the port text. */
function splitPort(value: string): { head: string; port: string } | undefined {
	const v6 = /^\[([^\]]+)\]:(.*)$/.exec(value);
	if (v6) return { head: v6[1]!, port: v6[2]! };
	const colon = value.lastIndexOf(':');
	if (colon < 0) return undefined;
	return { head: value.slice(0, colon), port: value.slice(colon + 1) };
}

function serviceTo(text: string, wiring: ServiceWiring, portText: string): ReachTo {
	const { port, protocol } = parsePort(portText, text);
	const svc = wiring.service;
	const servicePort = svc.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port) && p.protocol === protocol);
	if (!servicePort) {
		const list = svc.ports.map(servicePortText).join(', ');
		throw new ReachInputError(`TO "${text}": Service ${svc.namespace}/${svc.name} has no port ${port}/${protocol.toLowerCase()}${list ? `; its ports: ${list}` : ' (it has no ports)'}`);
	}
	return { text, kind: 'service', description: `Service ${svc.namespace}/${svc.name} port ${servicePortText(servicePort)}`, protocol, wiring, servicePort, targets: [] };
}

export function resolveTo(ctx: ModelContext, text: string): ReachTo {
	const value = text.trim();
	const split = splitPort(value);
	if (!split) throw new ReachInputError(`TO "${value}": no port (expected ns/service:port, ns/pod:port, ns/kind/name:port or IP:PORT)`);
	const ip = canonicalIP(split.head);
	if (ip !== undefined) {
		const { port, protocol } = parsePort(split.port, value);
		const wiring = ctx.services.find((w) => w.service.clusterIP === ip || w.service.clusterIPs.includes(ip));
		if (wiring) return { ...serviceTo(value, wiring, split.port), byAddress: true };
		const pod = ctx.pods.byAddress(ip);
		if (pod) {
			return { text, kind: 'pods', description: `pod ${pod.namespace}/${pod.name} (${ip})`, protocol, targets: podPortTargets([pod], port, protocol, value, `pod ${pod.namespace}/${pod.name}`) };
		}
		if (typeof port !== 'number') throw new ReachInputError(`TO "${value}": an address outside the pod network has no named ports`);
		return { text, kind: 'address', description: `address ${ip} (no Service or pod of the input has it)`, protocol, targets: [], ip, port };
	}
	const parts = split.head.split('/');
	if (parts.length === 2 && parts.every(Boolean)) {
		const [namespace, name] = parts as [string, string];
		const wiring = ctx.serviceByKey.get(`${namespace}/${name}`);
		const pod = ctx.pods.get(namespace, name);
		if (wiring && pod) {
			throw new ReachInputError(`TO "${value}": ambiguous, ${namespace}/${name} is both a Service and a pod; write ${namespace}/service/${name}:${split.port} or ${namespace}/pod/${name}:${split.port}`);
		}
		if (wiring) return serviceTo(value, wiring, split.port);
		if (pod) {
			const { port, protocol } = parsePort(split.port, value);
			return { text, kind: 'pods', description: `pod ${namespace}/${name}`, protocol, targets: podPortTargets([pod], port, protocol, value, `pod ${namespace}/${name}`) };
		}
		const names = [...ctx.serviceByKey.keys(), ...ctx.pods.inNamespace(namespace).map((p) => `${namespace}/${p.name}`)];
		throw new ReachInputError(`TO "${value}": no Service or pod ${namespace}/${name} in the input${closestText(`${namespace}/${name}`, names)}`);
	}
	if (parts.length === 3 && parts.every(Boolean)) {
		const [namespace, kindText, name] = parts as [string, string, string];
		const { port, protocol } = parsePort(split.port, value);
		if (serviceKinds.has(kindText.toLowerCase())) {
			const wiring = ctx.serviceByKey.get(`${namespace}/${name}`);
			if (!wiring) throw new ReachInputError(`TO "${value}": no Service ${namespace}/${name} in the input${closestText(`${namespace}/${name}`, ctx.serviceByKey.keys())}`);
			return serviceTo(value, wiring, split.port);
		}
		if (podKinds.has(kindText.toLowerCase())) {
			const pod = findPod(ctx, namespace, name, 'TO');
			return { text, kind: 'pods', description: `pod ${namespace}/${name}`, protocol, targets: podPortTargets([pod], port, protocol, value, `pod ${namespace}/${name}`) };
		}
		const { pods, description } = findWorkloadPods(ctx, namespace, kindText, name, 'TO');
		return { text, kind: 'pods', description, protocol, targets: podPortTargets(pods, port, protocol, value, description) };
	}
	throw new ReachInputError(`TO "${value}": expected ns/service:port, ns/pod:port, ns/kind/name:port or IP:PORT`);
}
