/**
 * KW301, KW302, KW303: what the Service's endpoints say.
 * - KW301: a Service with a virtual IP (not headless, not ExternalName) and no ready endpoint.
 *   kube-proxy then REJECTs its ClusterIP, or, while serving terminating endpoints remain, sends
 *   to them until they go. It is raised whatever the cause (no pod, unready pods, no endpoints
 *   for a selector-less Service) because it is the link clients hit; the message names the cause
 *   and the cause's own finding (KW101, KW104, KW105…) says what to fix.
 * - KW302: endpoints whose targetRef names a pod that no longer exists (or was replaced by one
 *   with another uid), or a pod that no longer matches the selector.
 * - KW303: endpoints remain, every one of them terminating, none ready.
 */
import type { ObjectReference, ServicePort } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { formatLabels, matchesLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { servesPort, type ServedEndpoint } from './served-endpoints.js';
import { portLabel } from './target-ports.js';
import { listNames, plural } from './text.js';

export function noReadyEndpointRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (wiring.headless || wiring.externalName || svc.ports.length === 0) return [];
	if (!rc.endpointsKnown(wiring)) return [];
	const { list } = rc.served(wiring);
	// kube-proxy judges each Service port alone: an address only serves the ports its slice lists.
	const dead = svc.ports.filter((port) => !list.some((ep) => ep.ready && servesPort(ep, port)));
	if (dead.length === 0) return [];
	const vip = svc.clusterIPs[0] ?? svc.clusterIP;
	const target = vip ? `ClusterIP ${vip}` : 'its ClusterIP';
	const ports = dead.length === svc.ports.length ? '' : ` on ${listNames(dead.map(portLabel))}`;
	const fallback = list.filter((ep) => ep.serving && ep.terminating && dead.some((port) => servesPort(ep, port)));
	const effect =
		fallback.length > 0
			? `kube-proxy sends only to the ${plural(fallback.length, 'terminating endpoint')} left, then REJECTs connections to ${target}`
			: `kube-proxy REJECTs connections to ${target}`;
	return [
		finding(
			'KW301',
			serviceSubject(wiring),
			`Service ${svc.name} has no ready endpoint${ports} (${cause(wiring, list, dead)}): ${effect}`,
			hintFor(wiring, list),
		),
	];
}

function cause(wiring: ServiceWiring, list: readonly ServedEndpoint[], dead: readonly ServicePort[]): string {
	const svc = wiring.service;
	const ready = list.filter((ep) => ep.ready);
	if (ready.length > 0) {
		const names = listNames(dead.map((p) => (p.name ? `"${p.name}"` : 'unnamed')));
		return `${plural(ready.length, 'ready endpoint')}, but none lists port ${names}`;
	}
	if (list.length > 0) return `${plural(list.length, 'endpoint')}, none ready`;
	if (!svc.selector) return 'no selector and no endpoints';
	if (wiring.pods.length === 0) return `selector ${formatLabels(svc.selector)} matches no pod`;
	return `${plural(wiring.pods.length, 'matching pod')}, none published as an endpoint`;
}

function hintFor(wiring: ServiceWiring, list: readonly ServedEndpoint[]): string {
	const svc = wiring.service;
	if (!svc.selector && list.length === 0) return `give ${svc.name} a selector, or publish its backends in an EndpointSlice`;
	if (svc.selector && wiring.pods.length === 0) return `fix the selector or the pod labels so that Ready pods match (see KW101/KW102)`;
	if (list.some((ep) => ep.ready)) {
		return svc.selector
			? `make each targetPort resolve on the pods (see KW202): a named targetPort must name a container port`
			: `list each Service port, by the same name and protocol, in the EndpointSlice's ports`;
	}
	return `make the backend pods Ready (kubectl describe pod -n ${svc.namespace} …): readiness probes, crash loops, scheduling`;
}

export function staleEndpointRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (wiring.externalName || !rc.endpointsKnown(wiring)) return [];
	const served = rc.served(wiring);
	if (served.derived) return [];
	const gone: string[] = [];
	const unmatched: string[] = [];
	for (const ep of served.list) {
		const ref = ep.targetRef;
		if (!ref || ref.kind !== 'Pod' || ref.name === '') continue;
		const namespace = ref.namespace || svc.namespace;
		if (!rc.podsReadable(namespace)) continue;
		const problem = podProblem(rc, ref, namespace, svc.selector, svc.namespace);
		const label = `${ref.name} (${ep.ip})`;
		if (problem === 'gone') gone.push(label);
		else if (problem === 'unmatched') unmatched.push(label);
	}
	if (gone.length === 0 && unmatched.length === 0) return [];
	const parts: string[] = [];
	if (gone.length > 0) parts.push(`${plural(gone.length, 'pod')} that no longer ${gone.length === 1 ? 'exists' : 'exist'}: ${listNames(gone)}`);
	if (unmatched.length > 0) {
		parts.push(`${plural(unmatched.length, 'pod')} that no longer ${unmatched.length === 1 ? 'matches' : 'match'} selector ${formatLabels(svc.selector ?? {})}: ${listNames(unmatched)}`);
	}
	return [
		finding(
			'KW302',
			serviceSubject(wiring),
			`endpoints of ${svc.name} point at ${parts.join('; and at ')}`,
			svc.selector
				? `the EndpointSlice controller should have removed them: check that kube-controller-manager runs, or delete the stale EndpointSlice so it is rebuilt`
				: `update the hand-written EndpointSlice/Endpoints of ${svc.name} to the current backend addresses`,
		),
	];
}

function podProblem(
	rc: RuleContext,
	ref: ObjectReference,
	namespace: string,
	selector: Record<string, string> | undefined,
	serviceNamespace: string,
): 'gone' | 'unmatched' | undefined {
	const pod = rc.model.pods.get(namespace, ref.name);
	if (!pod) return 'gone';
	if (ref.uid !== '' && pod.uid !== '' && ref.uid !== pod.uid) return 'gone';
	if (selector && (namespace !== serviceNamespace || !matchesLabels(selector, pod.labels))) return 'unmatched';
	return undefined;
}

export function terminatingOnlyRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (wiring.externalName || !rc.endpointsKnown(wiring)) return [];
	const { list } = rc.served(wiring);
	if (list.length === 0 || !list.every((ep) => ep.terminating && !ep.ready)) return [];
	const serving = list.filter((ep) => ep.serving).length;
	const names = listNames(list.map((ep) => ep.podName || ep.ip).sort());
	return [
		finding(
			'KW303',
			serviceSubject(wiring),
			`only terminating endpoints remain for ${svc.name}: ${names} (${serving} still serving); when they finish, nothing is left`,
			`start replacement pods (check the workload's replicas and rollout: kubectl get deploy,rs,pods -n ${svc.namespace})`,
		),
	];
}
