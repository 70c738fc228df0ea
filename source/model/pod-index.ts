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
import type { Labels, Pod } from '../cluster/snapshot.js';
import { matchesLabels } from './selectors.js';

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
}

export class PodIndex {
	private readonly spaces = new Map<string, NamespacePods>();
	private readonly all: readonly Pod[];
	/** Label key → postings over every namespace (for "matches in other namespaces"). */
	private readonly anywhere = new Map<string, KeyPostings>();
	private byIP?: Map<string, Pod>;

	constructor(pods: readonly Pod[]) {
		this.all = pods;
		for (const pod of pods) {
			const space = this.spaces.get(pod.namespace);
			if (space) space.pods.push(pod);
			else this.spaces.set(pod.namespace, { pods: [pod], keys: new Map() });
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

	/** Pods in any namespace matching `selector`. */
	selectAnywhere(selector: Labels): Pod[] {
		return filterSmallest(selector, (key, value) => {
			let postings = this.anywhere.get(key);
			if (!postings) {
				postings = postingsFor(this.all, key);
				this.anywhere.set(key, postings);
			}
			return postings.byValue.get(value) ?? none;
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
