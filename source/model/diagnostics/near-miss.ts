/**
 * Near misses for a selector that matches nothing: pods of the namespace that agree with every
 * selector label but one. That one label is either set to another value (`tier=back-end` for
 * `tier=backend`) or missing. The likeliest typo comes first: a value close to the wanted one,
 * then a missing label, then any other value. A missing label whose value the pods carry under
 * another key (`name=web` for `app=web`) counts as close too. For a one-label selector only close
 * misses count; otherwise every labelled pod of the namespace would be a "near miss".
 */
import type { Labels, Pod } from '../../cluster/snapshot.js';
import { editDistance } from '../edit-distance.js';
import type { PodIndex } from '../pod-index.js';

export interface NearMiss {
	/** The selector key the pods disagree on. */
	key: string;
	/** The pods' value for it; undefined when they lack the label. */
	value?: string;
	/** When the label is missing: another key of the pods that holds the wanted value. */
	otherKey?: string;
	/** The value is close to the selector's (a typo, a suffix, a different spelling), or sits under otherKey. */
	close: boolean;
	pods: Pod[];
}

/** Groups of near-miss pods, the likeliest first. */
export function nearMisses(pods: PodIndex, namespace: string, selector: Labels): NearMiss[] {
	const keys = Object.keys(selector);
	const groups = new Map<string, NearMiss>();
	const has = (pod: Pod, key: string) => Object.prototype.hasOwnProperty.call(pod.labels, key);
	const add = (key: string, pod: Pod) => {
		const value = has(pod, key) ? pod.labels[key] : undefined;
		if (value === selector[key]) return; // the pod matches the whole selector
		const otherKey =
			value === undefined ? Object.keys(pod.labels).find((k) => !(k in selector) && pod.labels[k] === selector[key]) : undefined;
		if (keys.length === 1 && value === undefined && otherKey === undefined) return;
		const id = `${key}\u0000${value ?? '\u0001'}\u0000${otherKey ?? ''}`;
		const group = groups.get(id);
		if (group) group.pods.push(pod);
		else groups.set(id, { key, value, otherKey, close: false, pods: [pod] });
	};
	for (const key of keys) {
		const rest: Labels = { ...selector };
		delete rest[key];
		const candidates = keys.length === 1 ? pods.withLabelKey(namespace, key) : pods.select(namespace, rest);
		for (const pod of candidates) add(key, pod);
		// One label: pods without it are near misses only when they hold its value under another key.
		// This looks at the namespace's pods, once, for a Service that is already broken.
		if (keys.length === 1) for (const pod of pods.inNamespace(namespace)) if (!has(pod, key)) add(key, pod);
	}
	// Similarity once per distinct value, not once per pod.
	for (const [id, group] of groups) {
		group.close = group.otherKey !== undefined || (group.value !== undefined && similar(group.value, selector[group.key]!));
		if (keys.length === 1 && !group.close) groups.delete(id);
	}
	const rank = (m: NearMiss) => (m.close ? 0 : m.value === undefined ? 1 : 2);
	return [...groups.values()].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			b.pods.length - a.pods.length ||
			compare(a.key, b.key) ||
			compare(a.value ?? '', b.value ?? ''),
	);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Close enough to be a slip: one contains the other, or a few edits apart. */
export function similar(a: string, b: string): boolean {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	if (x.includes(y) || y.includes(x)) return true;
	return editDistance(x, y) <= Math.max(1, Math.floor(Math.max(x.length, y.length) / 3));
}
