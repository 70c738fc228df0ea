/**
 * What a `kubewire capture` says about itself, beside its items: one top-level member of the
 * List, `kubewire`, that Kubernetes tools ignore. Loading a capture reads it back so the report
 * is the live one: resources RBAC refused are unreadable with the reason the live read gave.
 *
 * Read tolerantly: a capture from a newer kubewire (a higher `capture` number, fields unknown
 * here) still gives what it shares with this one, and a List without the member (another tool's)
 * loads as plain objects.
 */
import { arr, isObject, str } from './raw.js';
import type { Snapshot, Unreadable } from './snapshot.js';

export const captureRecordKey = 'kubewire';

export interface CaptureRecord {
	/** The format's number; 1 for this one. */
	capture: number;
	kubewireVersion: string;
	takenAt: string;
	context: string;
	server: string;
	/** The namespace read; '' for every namespace. */
	namespace: string;
	/** Resources listed completely (in that scope): an empty one was empty, not missing. */
	read: string[];
	unreadable: Unreadable[];
}

/** The record in the top-level members of a List, when they hold one. */
export function captureRecordOf(members: unknown): CaptureRecord | undefined {
	if (!isObject(members)) return undefined;
	const raw = members[captureRecordKey];
	if (!isObject(raw)) return undefined;
	const unreadable = arr(raw['unreadable'])
		.filter(isObject)
		.map((u) => ({ resource: str(u['resource']), namespace: str(u['namespace']), reason: str(u['reason']) || 'unreadable when captured' }))
		.filter((u) => u.resource !== '');
	return {
		capture: typeof raw['capture'] === 'number' ? raw['capture'] : 0,
		kubewireVersion: str(raw['kubewireVersion']),
		takenAt: str(raw['takenAt']),
		context: str(raw['context']),
		server: str(raw['server']),
		namespace: str(raw['namespace']),
		read: arr(raw['read']).map((r) => str(r)).filter((r) => r !== ''),
		unreadable,
	};
}

/** Adds what the record says to a snapshot loaded from the capture's items. */
export function applyCaptureRecord(snapshot: Snapshot, record: CaptureRecord): void {
	for (const entry of record.unreadable) {
		const known = snapshot.unreadable.some((u) => u.resource === entry.resource && u.namespace === entry.namespace);
		if (!known) snapshot.unreadable.push(entry);
	}
	snapshot.captured = { resources: [...new Set([...(snapshot.captured?.resources ?? []), ...record.read])] };
}
