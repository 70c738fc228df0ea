/**
 * The live cluster as kubewire knows it: one map per kind, keyed by namespace/name, updated by
 * lists and watch events. `build()` hands out immutable Snapshots, rebuilding only the arrays of
 * kinds that changed since the last one, so a pod event does not copy every Service. A built
 * Snapshot is never changed afterwards (arrays are shared between Snapshots: read them, never
 * sort or push in place).
 */
import {
	emptySnapshot,
	type Meta,
	type ProxyConfig,
	type Skipped,
	type Snapshot,
	type SnapshotChanges,
	type SnapshotOrigin,
	type Unreadable,
} from '../snapshot.js';
import { stillLoading } from '../../model/readable.js';
import type { SnapshotList } from './kinds.js';

/** One build: the Snapshot before it, and what changed on the way (see changesSince). */
interface Step {
	from: Snapshot;
	to: Snapshot;
	lists: Map<SnapshotList, Set<string>>;
	other: boolean;
}

/** How many builds back changesSince can reach; a UI that fell further behind re-analyses everything. */
const historyLength = 64;

export class LiveStore {
	private readonly maps = new Map<SnapshotList, Map<string, Meta>>();
	private readonly arrays = new Map<SnapshotList, readonly Meta[]>();
	private readonly dirty = new Set<SnapshotList>();
	private proxyConfig?: ProxyConfig;
	private ciliumKubeProxyReplacement?: Snapshot['ciliumKubeProxyReplacement'];
	private unreadable: Unreadable[] = [];
	private skipped: Skipped[] = [];
	private changed = true;
	private last: Snapshot;
	/** Keys changed since the last build, per list; `otherChanged` for what lives outside the lists. */
	private changedKeys = new Map<SnapshotList, Set<string>>();
	private otherChanged = false;
	private history: Step[] = [];
	/** Kinds whose first list has not arrived yet: unreadable for now, so no finding is drawn from them. */
	private loading: Unreadable[] = [];

	constructor(private readonly origin: SnapshotOrigin) {
		this.last = emptySnapshot(origin);
	}

	/** Replaces everything known about one kind (after a list or a relist). */
	replace(list: SnapshotList, records: Map<string, Meta>): void {
		const before = this.maps.get(list);
		this.maps.set(list, records);
		this.touch(list);
		// A relist may change anything: every key that was or is there, unless the object is the same.
		const keys = this.keysOf(list);
		for (const [key, record] of records) if (before?.get(key) !== record) keys.add(key);
		if (before) for (const key of before.keys()) if (!records.has(key)) keys.add(key);
	}

	upsert(list: SnapshotList, key: string, record: Meta): void {
		this.mapOf(list).set(key, record);
		this.touch(list);
		this.keysOf(list).add(key);
	}

	remove(list: SnapshotList, key: string): void {
		if (!this.mapOf(list).delete(key)) return;
		this.touch(list);
		this.keysOf(list).add(key);
	}

	setProxyConfig(config: ProxyConfig | undefined, cilium?: Snapshot['ciliumKubeProxyReplacement']): void {
		this.proxyConfig = config;
		this.ciliumKubeProxyReplacement = cilium;
		this.changed = true;
		this.otherChanged = true;
	}

	setUnreadable(entries: Unreadable[]): void {
		this.unreadable = entries;
		this.changed = true;
		this.otherChanged = true;
	}

	/** The resources still being listed for the first time; they read as unreadable until they arrive. */
	setLoading(resources: readonly string[]): void {
		this.loading = resources.map((resource) => ({ resource, namespace: '', reason: stillLoading }));
		this.changed = true;
		this.otherChanged = true;
	}

	/**
	 * What changed from `earlier` (a Snapshot this store built) to the last one built; undefined
	 * when `earlier` is not among the last builds.
	 */
	changesSince(earlier: Snapshot): SnapshotChanges | undefined {
		if (earlier === this.last) return { lists: {}, other: false };
		const lists: Partial<Record<SnapshotList, Set<string>>> = {};
		let other = false;
		let at = this.last;
		for (let i = this.history.length - 1; i >= 0; i--) {
			const step = this.history[i]!;
			if (step.to !== at) return undefined;
			other ||= step.other;
			for (const [list, keys] of step.lists) {
				const into = (lists[list] ??= new Set());
				for (const key of keys) into.add(key);
			}
			if (step.from === earlier) return { lists, other };
			at = step.from;
		}
		return undefined;
	}

	addSkipped(entries: Skipped[]): void {
		if (entries.length === 0) return;
		this.skipped = [...this.skipped, ...entries].slice(-200);
		this.changed = true;
	}

	hasChanges(): boolean {
		return this.changed;
	}

	count(list: SnapshotList): number {
		return this.maps.get(list)?.size ?? 0;
	}

	/** The current Snapshot; the same object until something changes. */
	build(takenAt = new Date().toISOString()): Snapshot {
		if (!this.changed) return this.last;
		for (const list of this.dirty) this.arrays.set(list, [...this.mapOf(list).values()]);
		this.dirty.clear();
		const snapshot = emptySnapshot(this.origin, takenAt);
		for (const [list, records] of this.arrays) (snapshot as unknown as Record<SnapshotList, readonly Meta[]>)[list] = records;
		snapshot.proxyConfig = this.proxyConfig;
		if (this.ciliumKubeProxyReplacement) snapshot.ciliumKubeProxyReplacement = this.ciliumKubeProxyReplacement;
		snapshot.unreadable = [...this.unreadable, ...this.loading];
		snapshot.skipped = [...this.skipped];
		this.history.push({ from: this.last, to: snapshot, lists: this.changedKeys, other: this.otherChanged });
		if (this.history.length > historyLength) this.history.shift();
		this.changedKeys = new Map();
		this.otherChanged = false;
		this.last = snapshot;
		this.changed = false;
		return this.last;
	}

	private keysOf(list: SnapshotList): Set<string> {
		let keys = this.changedKeys.get(list);
		if (!keys) this.changedKeys.set(list, (keys = new Set()));
		return keys;
	}

	private mapOf(list: SnapshotList): Map<string, Meta> {
		let map = this.maps.get(list);
		if (!map) {
			map = new Map();
			this.maps.set(list, map);
		}
		return map;
	}

	private touch(list: SnapshotList): void {
		this.dirty.add(list);
		this.changed = true;
	}
}
