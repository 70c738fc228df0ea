/**
 * KW409: with internalTrafficPolicy Local, kube-proxy sends traffic from a node's pods only to
 * endpoints on that same node (a local serving-terminating endpoint is its fallback, as for
 * KW402). A node that runs pods but has no local ready endpoint gives them no answer: the
 * connection is dropped. The internal twin of KW402; the nodes are those the input's pods run
 * on (pods carrying a status), so nothing is said about nodes nobody sends from.
 */
import type { ModelContext } from '../context.js';
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { listNames, plural } from './text.js';

const sendersCache = new WeakMap<ModelContext, string[]>();

/** Nodes that run at least one pod (with a status, not finished): the nodes that can send. Once per snapshot. */
export function nodesRunningPods(rc: RuleContext): string[] {
	let hit = sendersCache.get(rc.model);
	if (hit) return hit;
	const nodes = new Set<string>();
	for (const namespace of rc.model.pods.namespaces()) {
		for (const pod of rc.model.pods.inNamespace(namespace)) {
			if (pod.hasStatus && !pod.planned && pod.nodeName !== '' && !isTerminal(pod)) nodes.add(pod.nodeName);
		}
	}
	hit = [...nodes].sort();
	sendersCache.set(rc.model, hit);
	return hit;
}

export function internalLocalTrafficRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (svc.internalTrafficPolicy !== 'Local' || wiring.headless || wiring.externalName) return [];
	if (!rc.endpointsKnown(wiring)) return [];
	const senders = nodesRunningPods(rc);
	if (senders.length === 0) return [];
	const { list } = rc.served(wiring);
	const ready = new Set(list.filter((ep) => ep.ready && ep.node).map((ep) => ep.node));
	const fallback = new Set(list.filter((ep) => !ep.ready && ep.serving && ep.terminating && ep.node).map((ep) => ep.node));
	const silent = senders.filter((n) => !ready.has(n) && !fallback.has(n));
	if (silent.length === 0) return [];
	const all = silent.length === senders.length;
	return [
		finding(
			'KW409',
			serviceSubject(wiring),
			`internalTrafficPolicy Local: ${all ? `none of the ${plural(senders.length, 'node')} that run pods has a` : `${silent.length} of ${plural(senders.length, 'node')} that run pods ${silent.length === 1 ? 'has' : 'have'} no`} local ready endpoint, so pods there get no answer: ${listNames(silent, 5)}`,
			all
				? `make the Service's pods Ready, or remove internalTrafficPolicy: Local`
				: `run a ready pod on every node whose pods call this Service (a DaemonSet is the usual pairing), or remove internalTrafficPolicy: Local`,
		),
	];
}
