/**
 * Raw API objects → Snapshot records, one at a time, through the same `addObject` the file loader
 * uses: the same object gives the same record offline and live. Raw objects are dropped as soon
 * as they are projected, so a page of pods costs only its slim records.
 */
import { addObject } from '../normalize.js';
import { isObject, obj, str, type RawObject } from '../raw.js';
import { emptySnapshot, type Meta, type Skipped } from '../snapshot.js';
import type { LiveKind } from './kinds.js';

export interface Projected {
	key: string;
	record: Meta;
}

/** `namespace/name`, the identity of an object within its kind. */
export function objectKey(namespace: string, name: string): string {
	return `${namespace}/${name}`;
}

/** The key of a raw object of `kind` (namespaced objects without a namespace go to `default`). */
export function rawKey(kind: LiveKind, raw: RawObject): string {
	const m = obj(raw['metadata']);
	return objectKey(kind.namespaced ? str(m['namespace']) || 'default' : '', str(m['name']));
}

export class Projector {
	private readonly scratch = emptySnapshot({ kind: 'live', description: 'projection' });

	/**
	 * Projects one object. List items and watch objects may omit kind and apiVersion; the list
	 * they came from says what they are.
	 */
	project(kind: LiveKind, raw: unknown, skipped: Skipped[]): Projected | undefined {
		if (!isObject(raw)) return undefined;
		if (typeof raw['apiVersion'] !== 'string' || raw['apiVersion'] === '') raw['apiVersion'] = kind.apiVersion;
		const list = this.scratch[kind.list] as Meta[];
		const reason = addObject(this.scratch, kind.kind, raw);
		const record = list.pop();
		list.length = 0;
		if (!record) {
			if (reason) skipped.push({ origin: 'API server', kind: kind.kind, name: rawKey(kind, raw), reason });
			return undefined;
		}
		return { key: objectKey(record.namespace, record.name), record };
	}
}
