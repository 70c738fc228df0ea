/**
 * Pods indexed once per snapshot by namespace, by label and by IP, so that matching 10,000
 * Service selectors against 100,000 pods costs a few map look-ups each instead of a scan.
 *
 * Only the namespace split is built up front. Label postings are built per namespace and label
 * key the first time a selector asks about that key (selectors use a few keys; pods carry many),
 * and the name, IP and cross-namespace indexes only when something asks for them. Keys are the
 * strings the records already hold, nested map in map, so no key text is built per pod. Every
 * list keeps the pods in snapshot order.
 */
import type { LabelSelector, Labels, Pod } from '../cluster/snapshot.js';
import { matchesLabelSelector, matchesLabels } from './selectors.js';

const none: readonly Pod[] = Object.freeze([]);

/** The pods that carry one label key: all of them, and by value. */
interface KeyPostings {
	all: Pod[];
	byValue: Map<string, Pod[]>;
}

interface NamespacePods {
	pods: Pod[];
	/** Label key → postings, filled as selectors ask. */
	keys: Map<string, KeyPostings>;
	byName?: Map<string, Pod>;
	/**
	 * LabelSelector (by identity: a policy's or a workload's, the same object for as long as its
	 * record is) → the pods it selects here. Kept with the namespace's pods, so a live update
	 * answers the NetworkPolicies of the namespaces it did not touch without matching again.
	 */
	matched?: WeakMap<LabelSelector, readonly Pod[]>;
}

export class PodIndex {
	private readonly spaces = new Map<string, NamespacePods>();
	private readonly all: readonly Pod[];
	/** Label key → value → the pods of every namespace with that label (for "matches in other namespaces"). */
	private readonly anywhere = new Map<string, Map<string, Pod[]>>();
	private byIP?: Map<string, Pod>;

	/**
	 * `previous` and `changed`: an index of an earlier list of the same pods and the namespaces
	 * whose pods changed since. Every other namespace keeps its pods, their label postings and
	 * name index (a live update touches a few namespaces; rebuilding the postings of all of them
	 * is most of an update's cost on a large cluster). The result is the index a fresh build
	 * gives; a pod the caller does not name in `changed` must be the same record as before.
	 */
	constructor(pods: readonly Pod[], previous?: { index: PodIndex; changed: ReadonlySet<string> }) {
		this.all = pods;
		// A list names its pods namespace by namespace (the API server lists in key order), so the
		// namespace is looked up once per run of pods, not once per pod.
		let runNamespace: string | undefined;
		let into: Pod[] | undefined;
		for (const pod of pods) {
			if (pod.namespace !== runNamespace) {
				runNamespace = pod.namespace;
				let space = this.spaces.get(runNamespace);
				if (!space) {
					const kept = previous && !previous.changed.has(runNamespace) ? previous.index.spaces.get(runNamespace) : undefined;
					space = kept ?? { pods: [], keys: new Map() };
					this.spaces.set(runNamespace, space);
				}
				// A kept namespace already holds its pods (the same records, in the same order).
				into = previous?.index.spaces.get(runNamespace) === space ? undefined : space.pods;
			}
			into?.push(pod);
		}
	}

	inNamespace(namespace: string): readonly Pod[] {
		return this.spaces.get(namespace)?.pods ?? none;
	}

	namespaces(): string[] {
		return [...this.spaces.keys()];
	}

	get(namespace: string, name: string): Pod | undefined {
		const space = this.spaces.get(namespace);
		if (!space) return undefined;
		if (!space.byName) {
			space.byName = new Map();
			for (const pod of space.pods) space.byName.set(pod.name, pod);
		}
		return space.byName.get(name);
	}

	byAddress(ip: string): Pod | undefined {
		if (!this.byIP) {
			this.byIP = new Map();
			// Host-network pods share the node's IP; they must not shadow the pod that owns an IP.
			for (const pod of this.all) if (!pod.hostNetwork) for (const podIP of pod.podIPs) this.byIP.set(podIP, pod);
		}
		return this.byIP.get(ip);
	}

	withLabel(namespace: string, key: string, value: string): readonly Pod[] {
		return this.postings(namespace, key)?.byValue.get(value) ?? none;
	}

	withLabelKey(namespace: string, key: string): readonly Pod[] {
		return this.postings(namespace, key)?.all ?? none;
	}

	/** Pods in `namespace` whose labels contain every pair of `selector` (a Service selector). */
	select(namespace: string, selector: Labels): Pod[] {
		return filterSmallest(selector, (key, value) => this.withLabel(namespace, key, value));
	}

	/**
	 * Pods in `namespace` that a LabelSelector (a NetworkPolicy's, a workload's) selects: its
	 * matchLabels through the postings. Shared between callers: read it, never change it.
	 */
	matching(namespace: string, selector: LabelSelector): readonly Pod[] {
		const space = this.spaces.get(namespace);
		if (!space) return none;
		const hit = space.matched?.get(selector);
		if (hit) return hit;
		let pods: readonly Pod[];
		if (Object.keys(selector.matchLabels).length === 0) pods = space.pods.filter((pod) => matchesLabelSelector(selector, pod.labels));
		else {
			const candidates = this.select(namespace, selector.matchLabels);
			pods = selector.matchExpressions.length === 0 ? candidates : candidates.filter((pod) => matchesLabelSelector(selector, pod.labels));
		}
		(space.matched ??= new WeakMap()).set(selector, pods);
		return pods;
	}

	/**
	 * Pods in any namespace matching `selector`, namespace by namespace (in the order namespaces
	 * first appear), each in snapshot order. Each label pair's pods across namespaces are put
	 * together from each namespace's postings, which a derived index shares with the one before.
	 */
	selectAnywhere(selector: Labels): Pod[] {
		return filterSmallest(selector, (key, value) => {
			let byValue = this.anywhere.get(key);
			if (!byValue) this.anywhere.set(key, (byValue = new Map()));
			let list = byValue.get(value);
			if (!list) {
				list = [];
				for (const namespace of this.spaces.keys()) for (const pod of this.withLabel(namespace, key, value)) list.push(pod);
				byValue.set(value, list);
			}
			return list;
		});
	}

	private postings(namespace: string, key: string): KeyPostings | undefined {
		const space = this.spaces.get(namespace);
		if (!space) return undefined;
		let postings = space.keys.get(key);
		if (!postings) {
			postings = postingsFor(space.pods, key);
			space.keys.set(key, postings);
		}
		return postings;
	}
}

function postingsFor(pods: readonly Pod[], key: string): KeyPostings {
	const all: Pod[] = [];
	const byValue = new Map<string, Pod[]>();
	for (const pod of pods) {
		if (!Object.prototype.hasOwnProperty.call(pod.labels, key)) continue;
		all.push(pod);
		const value = pod.labels[key]!;
		const list = byValue.get(value);
		if (list) list.push(pod);
		else byValue.set(value, [pod]);
	}
	return { all, byValue };
}

/** Starts from the rarest label pair and checks the rest: the cost is the smallest posting list. */
function filterSmallest(selector: Labels, postings: (key: string, value: string) => readonly Pod[]): Pod[] {
	let smallest: readonly Pod[] | undefined;
	for (const key in selector) {
		const list = postings(key, selector[key]!);
		if (list.length === 0) return [];
		if (!smallest || list.length < smallest.length) smallest = list;
	}
	if (!smallest) return [];
	return smallest.filter((pod) => matchesLabels(selector, pod.labels));
}
