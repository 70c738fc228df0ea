/**
 * The live cluster as kubewire knows it: one map per kind, keyed by namespace/name, updated by
 * lists and watch events. `build()` hands out immutable Snapshots, rebuilding only the arrays of
 * kinds that changed since the last one, so a pod event does not copy every Service. A built
 * Snapshot is never changed afterwards (arrays are shared between Snapshots: read them, never
 * sort or push in place).
 */
import { emptySnapshot, type Meta, type ProxyConfig, type Skipped, type Snapshot, type SnapshotOrigin, type Unreadable } from '../snapshot.js';
import type { SnapshotList } from './kinds.js';

export class LiveStore {
	private readonly maps = new Map<SnapshotList, Map<string, Meta>>();
	private readonly arrays = new Map<SnapshotList, readonly Meta[]>();
	private readonly dirty = new Set<SnapshotList>();
	private proxyConfig?: ProxyConfig;
	private unreadable: Unreadable[] = [];
	private skipped: Skipped[] = [];
	private changed = true;
	private last: Snapshot;

	constructor(private readonly origin: SnapshotOrigin) {
		this.last = emptySnapshot(origin);
	}

	/** Replaces everything known about one kind (after a list or a relist). */
	replace(list: SnapshotList, records: Map<string, Meta>): void {
		this.maps.set(list, records);
		this.touch(list);
	}

	upsert(list: SnapshotList, key: string, record: Meta): void {
		this.mapOf(list).set(key, record);
		this.touch(list);
	}

	remove(list: SnapshotList, key: string): void {
		if (this.mapOf(list).delete(key)) this.touch(list);
	}

	setProxyConfig(config: ProxyConfig | undefined): void {
		this.proxyConfig = config;
		this.changed = true;
	}

	setUnreadable(entries: Unreadable[]): void {
		this.unreadable = entries;
		this.changed = true;
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
		snapshot.unreadable = [...this.unreadable];
		snapshot.skipped = [...this.skipped];
		this.last = snapshot;
		this.changed = false;
		return this.last;
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
