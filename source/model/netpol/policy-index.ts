/**
 * NetworkPolicies indexed once per snapshot: the ingress and the egress policies of each
 * namespace (a policy counts for a direction when its effective policyTypes name it), and the
 * labels of each namespace for namespaceSelector peers. Which policies select a pod depends only
 * on its namespace and labels, so the answer is kept per label set: the pods of one Deployment
 * cost one evaluation, not one each.
 */
import type { Labels, Namespace, NetworkPolicy, Pod, Snapshot } from '../../cluster/snapshot.js';
import { matchesLabelSelector } from '../selectors.js';

const none: readonly NetworkPolicy[] = Object.freeze([]);

/** The label the API server puts on every Namespace; files often leave Namespace objects out. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export class NetworkPolicyIndex {
	private readonly ingressByNamespace = new Map<string, NetworkPolicy[]>();
	/** The egress side, with its own selection cache: the same question asked for the other direction. */
	private egress?: NetworkPolicyIndex;
	private readonly namespaces = new Map<string, Namespace>();
	private readonly selectingCache = new Map<string, readonly NetworkPolicy[]>();
	/** The same pod is asked about once per Service port: remember it without rebuilding its key. */
	private readonly byPod = new WeakMap<object, readonly NetworkPolicy[]>();
	/** Per namespace, the label keys its policies' podSelectors look at: only they decide the answer. */
	private readonly selectorKeys = new Map<string, string[]>();

	constructor(
		private readonly snapshot: Pick<Snapshot, 'networkPolicies' | 'namespaces'>,
		private readonly direction: 'Ingress' | 'Egress' = 'Ingress',
	) {
		for (const policy of snapshot.networkPolicies) {
			if (!policy.policyTypes.includes(direction)) continue;
			const list = this.ingressByNamespace.get(policy.namespace);
			if (list) list.push(policy);
			else this.ingressByNamespace.set(policy.namespace, [policy]);
		}
		for (const ns of snapshot.namespaces) this.namespaces.set(ns.name, ns);
	}

	/** The same policies indexed for egress: `selecting` there answers which policies isolate a pod's egress. */
	forEgress(): NetworkPolicyIndex {
		if (this.direction === 'Egress') return this;
		return (this.egress ??= new NetworkPolicyIndex(this.snapshot, 'Egress'));
	}

	/** Policies in `namespace` that have this index's direction (Ingress unless built by forEgress) among their policyTypes. */
	ingressPoliciesIn(namespace: string): readonly NetworkPolicy[] {
		return this.ingressByNamespace.get(namespace) ?? none;
	}

	/**
	 * A namespace's labels: the Namespace object's when the snapshot has it, else only the name
	 * label the API server would have set.
	 */
	namespaceLabels(namespace: string): Labels {
		return this.namespaces.get(namespace)?.labels ?? { [namespaceNameLabel]: namespace };
	}

	/** The Namespace objects the snapshot holds (for resolving namespaceSelectors). */
	knownNamespaces(): string[] {
		return [...this.namespaces.keys()];
	}

	private keysOf(namespace: string, policies: readonly NetworkPolicy[]): string[] {
		let keys = this.selectorKeys.get(namespace);
		if (!keys) {
			const set = new Set<string>();
			for (const { podSelector } of policies) {
				for (const key in podSelector.matchLabels) set.add(key);
				for (const req of podSelector.matchExpressions) set.add(req.key);
			}
			keys = [...set];
			this.selectorKeys.set(namespace, keys);
		}
		return keys;
	}

	/** The ingress policies whose podSelector selects `pod`: the pod is isolated when any does. */
	selecting(pod: Pick<Pod, 'namespace' | 'labels'>): readonly NetworkPolicy[] {
		const candidates = this.ingressPoliciesIn(pod.namespace);
		if (candidates.length === 0) return none;
		// With few policies, matching is cheaper than building a cache key from the labels.
		if (candidates.length <= 4) return candidates.filter((policy) => matchesLabelSelector(policy.podSelector, pod.labels));
		const known = this.byPod.get(pod);
		if (known) return known;
		const key = `${pod.namespace}\u0000${this.keysOf(pod.namespace, candidates).map((k) => pod.labels[k] ?? '\u0001').join('\u0000')}`;
		let hit = this.selectingCache.get(key);
		if (!hit) {
			hit = candidates.filter((policy) => matchesLabelSelector(policy.podSelector, pod.labels));
			this.selectingCache.set(key, hit);
		}
		this.byPod.set(pod, hit);
		return hit;
	}
}
