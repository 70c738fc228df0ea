/**
 * KW106: the selector matches pods of more than one workload, so two of them share the traffic
 * (often a selector that is too broad, or a copy of a Deployment left running). A Deployment's
 * ReplicaSets are one owner: during a rollout the old and the new ReplicaSet both run pods, named
 * `<deployment>-<pod-template-hash>`. Pods with no controller are not counted as an owner.
 */
import type { Pod } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { formatLabels } from '../selectors.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { listNames, plural } from './text.js';

/** Characters of a pod-template-hash (apimachinery's "safe" encoding: no vowels, no 0/1/3). */
const templateHash = /^[bcdfghjklmnpqrstvwxz2456789]{4,10}$/;

/** `Deployment web`, `StatefulSet db`, `ReplicaSet legacy-rs`; undefined for a pod without a controller. */
export function workloadOf(pod: Pod): string | undefined {
	const owner = pod.owner;
	if (!owner || owner.name === '') return undefined;
	if (owner.kind === 'ReplicaSet') {
		const hash = pod.labels['pod-template-hash'];
		if (hash && owner.name.endsWith(`-${hash}`)) return `Deployment ${owner.name.slice(0, -hash.length - 1)}`;
		const cut = owner.name.lastIndexOf('-');
		if (!hash && cut > 0 && templateHash.test(owner.name.slice(cut + 1))) return `Deployment ${owner.name.slice(0, cut)}`;
	}
	return `${owner.kind} ${owner.name}`;
}

export function ownersRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length < 2) return [];
	if (!rc.podsReadable(svc.namespace)) return [];
	const counts = new Map<string, number>();
	for (const pod of wiring.pods) {
		const owner = workloadOf(pod);
		if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
	}
	if (counts.size < 2) return [];
	const owners = [...counts.keys()].sort();
	const named = listNames(owners.map((o) => `${o} (${plural(counts.get(o)!, 'pod')})`), 4);
	return [
		finding(
			'KW106',
			serviceSubject(wiring),
			`selector ${formatLabels(svc.selector)} matches pods of ${owners.length} workloads, which share the traffic: ${named}`,
			`add a label that only the intended workload's pod template carries to the selector, or remove the workload that should not serve ${svc.name}`,
		),
	];
}
