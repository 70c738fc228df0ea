/**
 * What the snapshot could read. A rule that depends on a resource in a namespace asks here first:
 * no finding is drawn from what was not read (RBAC forbidden, say).
 */
import type { Snapshot } from '../cluster/snapshot.js';

export class Readability {
	private readonly whole = new Set<string>();
	private readonly perNamespace = new Set<string>();

	constructor(snapshot: Pick<Snapshot, 'unreadable'>) {
		for (const u of snapshot.unreadable) {
			if (u.namespace === '') this.whole.add(u.resource);
			else this.perNamespace.add(`${u.resource}/${u.namespace}`);
		}
	}

	/** False when `resource` (plural, as the API names it) could not be read in `namespace`. */
	canRead(resource: string, namespace = ''): boolean {
		if (this.whole.has(resource)) return false;
		return namespace === '' ? true : !this.perNamespace.has(`${resource}/${namespace}`);
	}

	/** True only when the resource was read in every namespace. */
	readEverywhere(resource: string): boolean {
		if (this.whole.has(resource)) return false;
		for (const key of this.perNamespace) if (key.startsWith(`${resource}/`)) return false;
		return true;
	}
}
