/**
 * What the snapshot could read. A rule that depends on a resource in a namespace asks here first:
 * no finding is drawn from what was not read (RBAC forbidden, say).
 */
import type { Snapshot } from '../cluster/snapshot.js';

/** The `unreadable` reason of a kind the files hold no object of (cluster/input-rules.ts writes it): unknown, not forbidden. */
export const notInInput = 'not in the input';

/**
 * The `unreadable` reason of a kind not read yet while a source is first read (a live cluster's
 * lists, a large capture read with the screen up): unreadable until it is in, not a failure.
 */
export const stillLoading = 'still loading';

/**
 * What a count shown for a resource stands on: `read`, `loading` (a first read under way) or
 * `unread` (forbidden, not served, or not in the files). Only a `read` count is a fact.
 */
export type ReadState = 'read' | 'loading' | 'unread';

/** The less certain of two states: a count from both is only as good as the weaker. */
export function weaker(a: ReadState, b: ReadState): ReadState {
	if (a === 'loading' || b === 'loading') return 'loading';
	return a === 'unread' || b === 'unread' ? 'unread' : 'read';
}

export class Readability {
	private readonly whole = new Set<string>();
	/** Kinds whose first read is still under way. */
	private readonly loading = new Set<string>();
	private readonly perNamespace = new Set<string>();
	/** Kinds the files hold no object of: unknown, not forbidden. */
	private readonly notGiven = new Set<string>();

	constructor(snapshot: Pick<Snapshot, 'unreadable'>) {
		for (const u of snapshot.unreadable) {
			if (u.reason === notInInput && u.namespace === '') this.notGiven.add(u.resource);
			if (u.reason === stillLoading && u.namespace === '') this.loading.add(u.resource);
			if (u.namespace === '') this.whole.add(u.resource);
			else this.perNamespace.add(`${u.resource}/${u.namespace}`);
		}
	}

	/** False when `resource` (plural, as the API names it) could not be read in `namespace`. */
	canRead(resource: string, namespace = ''): boolean {
		if (this.whole.has(resource)) return false;
		// Most inputs forbid nothing per namespace: no key text is built then (rules ask per Service).
		return namespace === '' || this.perNamespace.size === 0 ? true : !this.perNamespace.has(`${resource}/${namespace}`);
	}

	/** Whether counts of `resource` in `namespace` can be shown. */
	state(resource: string, namespace = ''): ReadState {
		if (this.canRead(resource, namespace)) return 'read';
		return this.loading.has(resource) ? 'loading' : 'unread';
	}

	/**
	 * True when the input is files that hold no object of the resource. Then nothing is concluded
	 * from its absence (canRead is false), but what can be derived in its place is: endpoints
	 * from the pods, as the EndpointSlice controller would publish them.
	 */
	notInInput(resource: string): boolean {
		return this.notGiven.has(resource);
	}

	/** True only when the resource was read in every namespace. */
	readEverywhere(resource: string): boolean {
		if (this.whole.has(resource)) return false;
		for (const key of this.perNamespace) if (key.startsWith(`${resource}/`)) return false;
		return true;
	}
}
