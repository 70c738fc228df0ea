/**
 * KW106: the selector matches pods of more than one workload, so two of them share the traffic
 * (often a selector that is too broad, or a copy of a Deployment left running). A Deployment's
 * ReplicaSets are one owner: during a rollout the old and the new ReplicaSet both run pods, named
 * `<deployment>-<pod-template-hash>`. Pods with no controller are not counted as an owner, nor
 * pods that would get no endpoint (a named targetPort they do not declare).
 */
import type { Pod } from '../../cluster/snapshot.js';
import { finding, type Finding } from '../findings.js';
import { meshRoutesOf } from '../gateway/refs.js';
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

/**
 * The matched pods that can take the Service's traffic: a pod none of whose containers declares a
 * named targetPort gets no endpoint for that port (the EndpointSlice controller leaves it out), so
 * a migration Job sharing the app's labels but not its `http` port shares nothing.
 */
function podsTakingTraffic(wiring: ServiceWiring): Pod[] {
	if (wiring.ports.length === 0) return wiring.pods;
	const taking = new Set<Pod>();
	for (const port of wiring.ports) for (const row of port.pods) if (row.resolution.containerPort !== undefined) taking.add(row.pod);
	return wiring.pods.filter((pod) => taking.has(pod));
}

export function ownersRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!svc.selector || wiring.externalName || wiring.pods.length < 2) return [];
	if (!rc.podsReadable(svc.namespace)) return [];
	const counts = new Map<string, number>();
	for (const pod of podsTakingTraffic(wiring)) {
		const owner = workloadOf(pod);
		if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
	}
	if (counts.size < 2) return [];
	const owners = [...counts.keys()].sort();
	const named = listNames(owners.map((o) => `${o} (${plural(counts.get(o)!, 'pod')})`), 4);
	const versions = canaryVersions(wiring.pods, owners);
	if (versions) {
		// A mesh route for this Service (GAMMA: parentRef kind Service) sends the mesh's traffic by
		// its own rules (often weights per version); pod count decides only outside the mesh.
		const mesh = meshRoutesOf(rc.model.snapshot, svc);
		const matched = `selector ${formatLabels(svc.selector)} matches pods of ${owners.length} workloads with distinct ${versions.key} labels (${listNames(versions.values, 4)})`;
		const routes = listNames(mesh.map((r) => `${r.kind} ${r.namespace}/${r.name}`), 3);
		return [
			finding(
				'KW106',
				serviceSubject(wiring),
				mesh.length === 0
					? `${matched}, which share the traffic by pod count: ${named}`
					: `${matched}: ${named}. Outside the mesh they share the traffic by pod count; inside it, ${routes} decide${mesh.length === 1 ? 's' : ''} where it goes`,
				`intended for a canary or blue/green rollout: nothing to change; if not, add ${versions.key} to ${svc.name}'s selector or remove the workload that should not serve it`,
				'info',
			),
		];
	}
	return [
		finding(
			'KW106',
			serviceSubject(wiring),
			`selector ${formatLabels(svc.selector)} matches pods of ${owners.length} workloads, which share the traffic: ${named}`,
			`add a label that only the intended workload's pod template carries to the selector, or remove the workload that should not serve ${svc.name}`,
		),
	];
}

const versionKeys = ['version', 'app.kubernetes.io/version'];

/**
 * Several versions of one app behind one Service on purpose (a canary): each owner's pods carry
 * one value of a version label, and the values differ between owners.
 */
function canaryVersions(pods: readonly Pod[], owners: readonly string[]): { key: string; values: string[] } | undefined {
	for (const key of versionKeys) {
		const byOwner = new Map<string, Set<string>>();
		for (const pod of pods) {
			const owner = workloadOf(pod);
			if (!owner) continue;
			const value = pod.labels[key];
			if (value === undefined) break;
			const set = byOwner.get(owner) ?? new Set<string>();
			set.add(value);
			byOwner.set(owner, set);
		}
		if (byOwner.size !== owners.length || [...byOwner.values()].some((v) => v.size !== 1)) continue;
		const values = [...byOwner.values()].map((v) => [...v][0]!);
		if (new Set(values).size === values.length) return { key, values: values.sort() };
	}
	return undefined;
}
