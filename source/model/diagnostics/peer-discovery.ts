/**
 * KW108: a StatefulSet's pods find their peers through its governing headless Service
 * (`db-0.db.ns.svc.cluster.local`). Without publishNotReadyAddresses, DNS lists Ready pods only,
 * so a cluster whose members must reach each other before they turn Ready (etcd, ZooKeeper,
 * Cassandra seeds, Elasticsearch) never forms. Raised on the Service, naming the StatefulSet and
 * the pods hidden from DNS; only pods that carry a status are judged.
 */
import type { Pod, Workload } from '../../cluster/snapshot.js';
import type { ModelContext } from '../context.js';
import { finding, type Finding } from '../findings.js';
import type { ServiceWiring } from '../wiring.js';
import { serviceSubject, type RuleContext } from './rule.js';
import { isTerminal } from './served-endpoints.js';
import { listNames, plural } from './text.js';

interface StatefulSetIndex {
	/** `ns/serviceName` → the StatefulSets that name it. */
	byService: Map<string, Workload[]>;
	/** `ns/name` of a StatefulSet → its pods, by their owner reference. */
	pods: Map<string, Pod[]>;
}

const indexes = new WeakMap<ModelContext, StatefulSetIndex>();

/** Built once per snapshot: the rule asks per headless Service, and must not walk pods each time. */
function statefulSetIndex(rc: RuleContext): StatefulSetIndex {
	let index = indexes.get(rc.model);
	if (index) return index;
	index = { byService: new Map(), pods: new Map() };
	for (const set of rc.model.snapshot.statefulSets) {
		const key = `${set.namespace}/${set.serviceName}`;
		index.byService.set(key, [...(index.byService.get(key) ?? []), set]);
	}
	if (rc.model.snapshot.statefulSets.length > 0) {
		const namespaces = new Set(rc.model.snapshot.statefulSets.map((s) => s.namespace));
		for (const namespace of namespaces) {
			for (const pod of rc.model.pods.inNamespace(namespace)) {
				if (pod.owner?.kind !== 'StatefulSet') continue;
				const key = `${pod.namespace}/${pod.owner.name}`;
				const list = index.pods.get(key);
				if (list) list.push(pod);
				else index.pods.set(key, [pod]);
			}
		}
	}
	indexes.set(rc.model, index);
	return index;
}

/** The StatefulSets whose spec.serviceName is this Service. */
export function governedStatefulSets(wiring: ServiceWiring, rc: RuleContext): Workload[] {
	return statefulSetIndex(rc).byService.get(wiring.key) ?? [];
}

/** The pods a StatefulSet controls, by their owner reference. */
export function statefulSetPods(set: Workload, rc: RuleContext): Pod[] {
	const pods = statefulSetIndex(rc).pods.get(`${set.namespace}/${set.name}`) ?? [];
	return [...pods].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function peerDiscoveryRule(wiring: ServiceWiring, rc: RuleContext): Finding[] {
	const svc = wiring.service;
	if (!wiring.headless || wiring.externalName || svc.publishNotReadyAddresses) return [];
	if (!rc.podsReadable(svc.namespace) || !rc.model.readable.canRead('statefulsets', svc.namespace)) return [];
	const out: Finding[] = [];
	for (const set of governedStatefulSets(wiring, rc)) {
		const pods = statefulSetPods(set, rc).filter((p) => p.hasStatus && !p.planned && !p.terminating && !isTerminal(p));
		const hidden = pods.filter((p) => !p.ready);
		if (hidden.length === 0) continue;
		const first = hidden[0]!;
		const dnsName = `${first.hostname || first.name}.${svc.name}.${svc.namespace}.svc.${rc.model.options.clusterDomain}`;
		out.push(
			finding(
				'KW108',
				serviceSubject(wiring),
				`headless Service governing StatefulSet ${svc.namespace}/${set.name} lists Ready pods only (publishNotReadyAddresses unset): ${hidden.length === pods.length ? `none of its ${plural(pods.length, 'pod')} is Ready` : `${hidden.length} of ${plural(pods.length, 'pod')} not Ready`} (${listNames(hidden.map((p) => p.name))}), so ${dnsName} does not resolve and peers cannot find each other`,
				`set publishNotReadyAddresses: true on Service ${svc.name} so members can find each other before they are Ready (clients should use a separate, non-headless Service), then see why ${first.name} is not Ready`,
			),
		);
	}
	return out;
}
